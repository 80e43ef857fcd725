import type { Api } from '../../app/api/contract';
import type { DataProvider, MnistBatchRequest } from '../../app/ops/op';
import type { Tensor } from '../../app/tensor/tensor';
import { fromArray } from '../../app/tensor/tensor';

/** Thrown by the synchronous provider when a batch was not fetched yet, so the caller can fetch and retry. */
export class MissingMnistBatch extends Error {
  override readonly name = 'MissingMnistBatch';
  constructor(readonly request: MnistBatchRequest) {
    super(`The MNIST batch ${requestKey(request)} has not been fetched yet.`);
  }
}

export function requestKey(r: MnistBatchRequest): string {
  return r.indices && r.indices.length > 0
    ? `${r.split}:indices:${r.indices.join(',')}`
    : `${r.split}:n${r.batchSize}:seed${r.seed}`;
}

export interface MnistCache {
  readonly provider: DataProvider;
  /** Fetches (once) every batch not cached yet. */
  ensure(requests: readonly MnistBatchRequest[]): Promise<void>;
  /** Requests the provider could not serve since the last call; clears the list. */
  takeMisses(): MnistBatchRequest[];
}

/**
 * The executor asks for MNIST data synchronously; the Api answers asynchronously. So batches are
 * fetched before a step and served from this cache while it runs.
 */
export function createMnistCache(api: Pick<Api, 'mnistBatch'>): MnistCache {
  const batches = new Map<string, { x: Tensor; t: Tensor }>();
  let misses: MnistBatchRequest[] = [];
  return {
    provider: {
      mnistBatch(request) {
        const hit = batches.get(requestKey(request));
        if (!hit) {
          misses.push(request);
          throw new MissingMnistBatch(request);
        }
        return hit;
      },
    },
    takeMisses() {
      const taken = misses;
      misses = [];
      return taken;
    },
    async ensure(requests) {
      for (const request of requests) {
        const key = requestKey(request);
        if (batches.has(key)) continue;
        const r = await api.mnistBatch(request);
        batches.set(key, { x: fromArray(r.x.shape, r.x.data), t: fromArray(r.t.shape, r.t.data) });
      }
    },
  };
}
