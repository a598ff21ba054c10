import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './src/shared/csp';

/**
 * The built page carries the CSP in a <meta> tag too (a file:// page gets no response headers). Not in `electron-vite
 * dev`, whose React refresh needs an inline script; frame-ancestors is left out because a <meta> CSP ignores it.
 */
function cspMetaTag(): Plugin {
  const policy = CONTENT_SECURITY_POLICY.split('; ')
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'csp-meta-tag',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head' }],
  };
}

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
    plugins: [react(), cspMetaTag()],
  },
});
