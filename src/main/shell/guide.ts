/**
 * 使用说明: resources/guide/index.html, shipped beside app.asar (electron-builder.yml extraResources) so the system's
 * browser can open it, read and print it; in an unpackaged run it is read from the repository. The web host serves the
 * same folder under /guide/ (host/cli.ts).
 */
import { app } from 'electron';
import { join } from 'node:path';

export function guideFile(): string {
  return app.isPackaged ? join(process.resourcesPath, 'guide', 'index.html') : join(app.getAppPath(), 'resources', 'guide', 'index.html');
}
