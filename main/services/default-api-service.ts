import { createJsBackend } from '../../app/tensor/js-backend';
import { examplesDir } from '../paths';
import { createApiService, type ApiHost, type ApiService, type TrainingRunner } from './api-service';
import { loadMnist } from './mnist';

/** The Api service with the real parts: the examples folder, MNIST, the JS backend, the training service. */
export function createDefaultApiService(host: ApiHost): ApiService {
  return createApiService({
    host,
    examplesDir: examplesDir(),
    loadMnist: () => loadMnist(),
    // Batches shown on the canvas are float64 like the rest of canvas stepping.
    createBackend: () => createJsBackend('float64'),
    createTrainingRunner,
  });
}

function createTrainingRunner(): TrainingRunner {
  const missing = (): never => {
    throw new Error('training is not available in this build yet');
  };
  return { start: missing, pause: missing, resume: missing, cancel: missing };
}
