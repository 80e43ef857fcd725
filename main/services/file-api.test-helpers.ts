import { createJsBackend } from '../../app/tensor/js-backend';
import { createApiService, type ApiHost, type ApiService } from './api-service';

/** The Api for tests of files and backups: examples read from `examplesDir`; MNIST and training not needed. */
export function fileApiService(host: ApiHost, examplesDir: string): ApiService {
  return createApiService({
    host,
    examplesDir,
    loadMnist: () => {
      throw new Error('MNIST is not needed here');
    },
    createBackend: () => createJsBackend(),
    createTrainingRunner: () => {
      throw new Error('training is not needed here');
    },
  });
}
