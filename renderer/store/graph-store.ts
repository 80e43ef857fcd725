import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../app/api/contract';
import { emptyDocument, type GraphDocument } from '../../app/graph/document';
import { createDocumentSlice } from './document-slice';
import { createExplainSlice } from './explain-slice';
import { createFileSlice } from './file-slice';
import type { GraphStore, MessageSlice, SliceCreator } from './graph-state';
import { createHistorySlice } from './history-slice';
import { createMnistCache } from './mnist-cache';
import { createSelectionSlice } from './selection-slice';
import { createSteppingSlice } from './stepping-slice';
import { statusOf } from './status-message';

export type { GraphStore } from './graph-state';

export interface GraphStoreOptions {
  readonly api: Pick<Api, 'mnistBatch'>;
  readonly initial?: GraphDocument;
}

const createMessageSlice: SliceCreator<MessageSlice> = (set) => ({
  status: statusOf('status:ready'),
  error: null,
  setError: (message) => set({ error: message }),
  setStatus: (key, values) => set({ status: statusOf(key, values) }),
});

/** One store made of slices by concept: the document, selection, history, stepping, the file, messages. */
export function createGraphStore(options: GraphStoreOptions): StoreApi<GraphStore> {
  const mnist = createMnistCache(options.api);
  const initial = options.initial ?? emptyDocument();
  return createStore<GraphStore>()((...a) => ({
    ...createDocumentSlice(initial, mnist)(...a),
    ...createSelectionSlice(...a),
    ...createHistorySlice(...a),
    ...createSteppingSlice(mnist)(...a),
    ...createFileSlice(initial)(...a),
    ...createMessageSlice(...a),
    ...createExplainSlice(mnist)(...a),
  }));
}
