import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
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
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
  };
}

/**
 * What 首页 costs: the entry chunk and every chunk it imports statically (all loaded before any area's lazy chunk),
 * raw and gzipped, printed after the build and written to out/renderer/first-screen.json so a change that grows it
 * shows.
 */
function firstScreenReport(): Plugin {
  return {
    name: 'first-screen-report',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir ?? resolve('out/renderer');
      const chunks = Object.values(bundle).filter((o) => o.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const files: string[] = [];
      const visit = (fileName: string) => {
        const chunk = byName.get(fileName);
        if (!chunk || files.includes(fileName)) return;
        files.push(fileName);
        chunk.imports.forEach(visit);
      };
      chunks.filter((c) => c.isEntry).forEach((c) => visit(c.fileName));
      const code = files.map((f) => Buffer.from(byName.get(f)!.code));
      const bytes = code.reduce((s, b) => s + b.length, 0);
      const gzipBytes = code.reduce((s, b) => s + gzipSync(b, { level: 9 }).length, 0);
      writeFileSync(join(dir, 'first-screen.json'), `${JSON.stringify({ files, bytes, gzipBytes }, null, 2)}\n`);
      const kB = (n: number) => `${(n / 1000).toFixed(2)} kB`;
      console.log(`first screen (首页): ${files.length} JavaScript files, ${kB(bytes)} │ gzip: ${kB(gzipBytes)}`);
    },
  };
}

/** A library in node_modules, by its package folder. */
const pkg = (names: string) => new RegExp(`node_modules[\\\\/](${names})[\\\\/]`);

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // index: the Electron entry; host: the local web host, run by plain Node where Electron cannot run;
        // district: the district server (npm run district).
        input: { index: resolve('src/main/index.ts'), host: resolve('src/main/host/cli.ts'), district: resolve('src/main/district/cli.ts') },
      },
    },
  },
  preload: {
    build: { rollupOptions: { input: { index: resolve('src/preload/index.ts') } } },
  },
  renderer: {
    root: resolve('src/renderer'),
    build: {
      // electron-vite leaves the renderer unminified by default
      minify: true,
      rolldownOptions: {
        input: { index: resolve('src/renderer/index.html') },
        output: {
          // Each area and report is a lazy chunk (App.tsx, PrintView.tsx). The grid and chart libraries get their
          // own chunks, read only by the pages that show a grid or a chart; cut by package, below the 500 kB warning
          // but for ag-grid-community's core, one module of about 830 kB that cannot be cut. A group takes the
          // packages its modules import too, so the lower a package sits (React, then ag-stack under AG Grid, zrender
          // under ECharts) the higher its group's priority.
          codeSplitting: {
            groups: [
              { name: 'vendor-react', test: pkg('react|react-dom|scheduler'), priority: 6 },
              { name: 'vendor-ag-stack', test: pkg('ag-stack'), priority: 5 },
              { name: 'vendor-ag-grid', test: pkg('ag-grid-community'), priority: 4 },
              { name: 'vendor-ag-grid-react', test: pkg('ag-grid-react|@ag-grid-community[\\\\/]locale'), priority: 3 },
              { name: 'vendor-zrender', test: pkg('zrender|tslib'), priority: 2 },
              { name: 'vendor-echarts', test: pkg('echarts'), priority: 1 },
            ],
          },
        },
      },
    },
    plugins: [react(), cspMetaTag(), firstScreenReport()],
  },
});
