import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer: built from renderer/index.html into dist/renderer, loaded by Electron from file://
// and by the browser-mode host over http, hence the relative base.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
