import type { Message } from '../i18n/messages';
import { compile } from '../graph/compile';
import type { GraphDocument } from '../graph/document';
import { gradcheckGraph, type SourceGradcheck } from '../gradcheck/graph-gradcheck';
import type { DataProvider, MnistBatchRequest } from '../ops/op';
import { fromArray, sizeOf } from '../tensor/tensor';

/** Elements of each source the in-app check compares (spread over it); the CLI checks all by default. */
export const APP_GRADCHECK_ELEMENTS = 200;

/**
 * How the chapter reads a check: a mean |difference| of ≈1e-10 … 1e-7 means backprop is right. The
 * largest relative error is looser, since the loss's 1e-7 guard inside log and elements near zero
 * give ≈1e-6 … 1e-5 there even when backprop is right (the two-layer net's b2 and W1); a wrong
 * backward gives errors near 1.
 */
export const RIGHT_MEAN_DIFF = 1e-6;
export const RIGHT_REL_ERROR = 1e-3;
export const WRONG_REL_ERROR = 1e-2;

export type Reading = 'right' | 'near' | 'wrong';

export function readingOf(meanAbsDiff: number, maxRelError: number): Reading {
  if (!(maxRelError <= WRONG_REL_ERROR) || !(meanAbsDiff <= 1e-4)) return 'wrong';
  return meanAbsDiff <= RIGHT_MEAN_DIFF && maxRelError <= RIGHT_REL_ERROR ? 'right' : 'near';
}

/** A plain tensor that survives postMessage and JSON. */
export interface PlainTensor {
  readonly shape: readonly number[];
  readonly data: readonly number[] | Float64Array | Float32Array;
}

/** Everything a check needs, with no functions in it, so it can be sent to a Web Worker. */
export interface GradcheckJob {
  readonly document: GraphDocument;
  /** The MNIST batches the graph's MnistBatch nodes read, fetched beforehand. */
  readonly batches?: readonly { readonly request: MnistBatchRequest; readonly x: PlainTensor; readonly t: PlainTensor }[];
  readonly maxElements?: number;
}

/** A source's check as the app shows it: the CLI's figures, its reading, and the first few elements. */
export interface GradcheckRow extends Pick<SourceGradcheck, 'nodeId' | 'kind' | 'label' | 'shape' | 'checked' | 'meanAbsDiff' | 'maxRelError'> {
  readonly total: number;
  readonly reading: Reading;
  /** The first few compared elements, backprop beside numerical. */
  readonly backprop: readonly number[];
  readonly numerical: readonly number[];
}

/** A failure is a message: with a catalog code when it has one (app/i18n/messages.ts), so the panel says it in the page's language. */
export type GradcheckReport = { readonly ok: true; readonly objective: number; readonly rows: readonly GradcheckRow[] } | ({ readonly ok: false } & Message);

/** Compared elements shown beside each other per row. */
const SHOWN = 3;

const sameRequest = (a: MnistBatchRequest, b: MnistBatchRequest) =>
  a.split === b.split && (a.indices?.length ? a.indices.join(',') === (b.indices ?? []).join(',') : !b.indices?.length && a.batchSize === b.batchSize && a.seed === b.seed);

/** The chapter's gradient check of the canvas graph (the engine of `bpstudio gradcheck`), as rows for the app. */
export function runGradcheckJob(job: GradcheckJob): GradcheckReport {
  const data: DataProvider = {
    mnistBatch(request) {
      const batch = job.batches?.find((b) => sameRequest(b.request, request));
      if (!batch) throw new Error('the MNIST batch was not fetched for the gradient check');
      return { x: fromArray(batch.x.shape, batch.x.data), t: fromArray(batch.t.shape, batch.t.data) };
    },
  };
  const result = gradcheckGraph(compile(job.document), { data, maxElements: job.maxElements ?? APP_GRADCHECK_ELEMENTS });
  if (!result.ok) return result;
  return {
    ok: true,
    objective: result.objective,
    rows: result.sources.map((s) => ({
      nodeId: s.nodeId,
      kind: s.kind,
      ...(s.label === undefined ? {} : { label: s.label }),
      shape: s.shape,
      checked: s.checked,
      total: sizeOf(s.shape),
      meanAbsDiff: s.meanAbsDiff,
      maxRelError: s.maxRelError,
      reading: readingOf(s.meanAbsDiff, s.maxRelError),
      backprop: Array.from(s.backprop.data.subarray(0, SHOWN)),
      numerical: Array.from(s.numerical.data.subarray(0, SHOWN)),
    })),
  };
}
