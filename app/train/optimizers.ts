import type { Backend } from '../tensor/backend';
import { allocate, type Tensor } from '../tensor/tensor';
import { ADAM_BETA1, ADAM_BETA2, MOMENTUM, type OptimizerName } from '../options';

/** Updates parameters in place from their gradients, keeping per-parameter state (velocity, h, m, v). */
export interface Optimizer {
  readonly name: OptimizerName;
  update(id: string, param: Tensor, grad: Tensor): void;
}


export function createOptimizer(name: OptimizerName, learningRate: number, backend: Backend): Optimizer {
  const state = new Map<string, Tensor[]>();
  const stateFor = (id: string, param: Tensor, count: number): Tensor[] => {
    let tensors = state.get(id);
    if (!tensors) {
      tensors = Array.from({ length: count }, () => allocate(param.shape, backend.dtype));
      state.set(id, tensors);
    }
    return tensors;
  };
  switch (name) {
    case 'sgd':
      return { name, update: (_id, param, grad) => backend.sgdUpdate(param, grad, learningRate) };
    case 'momentum':
      return {
        name,
        update: (id, param, grad) => backend.momentumUpdate(param, grad, stateFor(id, param, 1)[0], learningRate, MOMENTUM),
      };
    case 'adagrad':
      return { name, update: (id, param, grad) => backend.adagradUpdate(param, grad, stateFor(id, param, 1)[0], learningRate) };
    case 'adam': {
      const steps = new Map<string, number>();
      return {
        name,
        update: (id, param, grad) => {
          const step = (steps.get(id) ?? 0) + 1;
          steps.set(id, step);
          const [m, v] = stateFor(id, param, 2);
          backend.adamUpdate(param, grad, m, v, learningRate, ADAM_BETA1, ADAM_BETA2, step);
        },
      };
    }
    default:
      throw new RangeError(`unknown optimizer "${String(name)}"; expected sgd, momentum, adagrad or adam`);
  }
}
