import { emptyDocument, UNTITLED, type GraphDocument } from '../../app/graph/document';
import { parseGraphDocument } from '../../app/graph/parse';
import { documentOf, showDocument } from './document-transitions';
import type { FileSlice, SliceCreator } from './graph-state';
import { emptyHistory } from './history';
import { statusOf } from './status-message';

export function createFileSlice(initial: GraphDocument): SliceCreator<FileSlice> {
  return (set, get) => ({
    name: initial.name,
    description: initial.description,
    tensors: initial.tensors,
    path: null,
    dirty: false,
    loadCount: 0,

    loadText(text, source) {
      const parsed = parseGraphDocument(text);
      if (!parsed.ok) {
        const file = source.name ?? source.path;
        const problem = { said: parsed.said };
        set({ error: file ? statusOf('status:openFailed', { file, problem }) : statusOf('status:openFailedUnnamed', { problem }) });
        return false;
      }
      const doc = parsed.document;
      const name = doc.name && doc.name !== UNTITLED ? doc.name : source.name ? stripName(source.name) : doc.name;
      get().loadDocument({ ...doc, name }, source.path);
      return true;
    },

    loadDocument(doc, path) {
      showDocument(set, get, doc, { path, dirty: false, history: emptyHistory(), status: statusOf('status:opened', { name: { document: doc.name } }), loadCount: get().loadCount + 1 });
    },

    newDocument() {
      showDocument(set, get, emptyDocument(), { path: null, dirty: false, history: emptyHistory(), status: statusOf('status:newGraph'), loadCount: get().loadCount + 1 });
    },

    toDocument: () => documentOf(get()),

    markSaved(name, path) {
      set({ name: stripName(name), path, dirty: false, status: statusOf('status:saved', { name }) });
    },
  });
}

function stripName(fileName: string): string {
  return fileName.replace(/\.(bpgraph\.)?json$/i, '').replace(/\.bpgraph$/i, '');
}
