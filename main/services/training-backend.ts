import type { Backend } from '../../app/tensor/backend';
import { createJsBackend } from '../../app/tensor/js-backend';
import { createNativeBackend } from '../backend/native-backend';
import { nativeBackendAvailable } from '../backend/native-loader';
import type { BackendName } from '../../app/train/protocol';

/** The backend a training run asked for, and the one it got (the native addon may be missing). */
export function createTrainingBackend(name: BackendName): { backend: Backend; name: BackendName } {
  // Training is float32 on both, like the weights the graph file stores.
  if (name === 'native' && nativeBackendAvailable()) return { backend: createNativeBackend(), name: 'native' };
  return { backend: createJsBackend('float32'), name: 'js' };
}
