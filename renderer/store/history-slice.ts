import { documentOf, showDocument } from './document-transitions';
import type { HistorySlice, SliceCreator } from './graph-state';
import { emptyHistory, recordChange, redo, undo } from './history';
import { statusOf } from './status-message';

export const createHistorySlice: SliceCreator<HistorySlice> = (set, get) => ({
  history: emptyHistory(),

  beginDrag() {
    set({ history: recordChange(get().history, documentOf(get())) });
  },

  undo() {
    const s = get();
    const r = undo(s.history, documentOf(s));
    if (r) showDocument(set, get, r.state, { history: r.history, dirty: true, status: statusOf('status:undone') }, true);
  },

  redo() {
    const s = get();
    const r = redo(s.history, documentOf(s));
    if (r) showDocument(set, get, r.state, { history: r.history, dirty: true, status: statusOf('status:redone') }, true);
  },
});
