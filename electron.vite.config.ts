import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // index: the Electron entry; host: the local web host, run by plain Node where Electron cannot run.
        input: { index: resolve('src/main/index.ts'), host: resolve('src/main/host/cli.ts') },
      },
    },
  },
  preload: {
    build: { rollupOptions: { input: { index: resolve('src/preload/index.ts') } } },
  },
  renderer: {
    root: resolve('src/renderer'),
    build: { rollupOptions: { input: { index: resolve('src/renderer/index.html') } }, chunkSizeWarningLimit: 4000 },
    plugins: [react()],
  },
});
