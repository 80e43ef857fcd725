import { createContext, useContext, type ReactNode } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { Api } from '../../app/api/contract';
import type { GraphStore } from './graph-store';

const GraphStoreContext = createContext<StoreApi<GraphStore> | null>(null);
const ApiContext = createContext<Api | null>(null);

export function StoreProvider({ store, api, children }: { store: StoreApi<GraphStore>; api: Api; children: ReactNode }) {
  return (
    <ApiContext.Provider value={api}>
      <GraphStoreContext.Provider value={store}>{children}</GraphStoreContext.Provider>
    </ApiContext.Provider>
  );
}

export function useGraphStoreApi(): StoreApi<GraphStore> {
  const store = useContext(GraphStoreContext);
  if (!store) throw new Error('useGraph was called outside StoreProvider.');
  return store;
}

/** Select from the graph store; wrap object/array selectors in useShallow. */
export function useGraph<T>(selector: (s: GraphStore) => T): T {
  return useStore(useGraphStoreApi(), selector);
}

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi was called outside StoreProvider.');
  return api;
}
