import '@xyflow/react/dist/style.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getApi } from './api';
import { App } from './App';
import { initI18n } from './i18n';
import { createGraphStore } from './store/graph-store';
import { StoreProvider } from './store/store-context';

initI18n();
const api = getApi();
const store = createGraphStore({ api });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store} api={api}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
