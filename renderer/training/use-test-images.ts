import { useEffect, useState } from 'react';
import type { Api } from '../../app/api/contract';
import { useApi } from '../store/store-context';

const PIXELS = 784;
/** Test images already fetched, by index: the gallery pages back and forth without asking again. */
const cache = new Map<number, Float32Array>();

async function fetchImages(api: Api, indices: readonly number[]): Promise<void> {
  const missing = indices.filter((i) => !cache.has(i));
  if (missing.length === 0) return;
  const batch = await api.mnistBatch({ split: 'test', batchSize: missing.length, seed: 0, indices: missing });
  batch.indices.forEach((index, row) => cache.set(index, Float32Array.from(batch.x.data.slice(row * PIXELS, (row + 1) * PIXELS))));
}

/** The pixels (784 in [0, 1]) of the given test images, filled in as they arrive. */
export function useTestImages(indices: readonly number[]): ReadonlyMap<number, Float32Array> {
  const api = useApi();
  const key = indices.join(',');
  const [, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    fetchImages(api, indices).then(
      () => live && setVersion((v) => v + 1),
      () => undefined,
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);
  return cache;
}
