import { createJsBackend } from '../../app/tensor/js-backend';
import { examplesDir } from '../paths';
import { createApiService, type ApiHost, type ApiService, type TrainingRunner } from './api-service';
import { loadMnist } from './mnist';
import { createTrainingService } from './training-service';

/** The Api service with the real parts: the examples folder, MNIST, the JS backend, the training service. */
export function createDefaultApiService(host: ApiHost): ApiService {
  return createApiService({
    host,
    examplesDir: examplesDir(),
    loadMnist: () => loadMnist(),
    // Batches shown on the canvas are float64 like the rest of canvas stepping.
    createBackend: () => createJsBackend('float64'),
    createTrainingRunner: (): TrainingRunner => createTrainingService({ insights: true }),
  });
}
