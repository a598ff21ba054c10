/**
 * Where data lives when no --data-dir is given: the same folder Electron uses for userData (appData/productName),
 * so the desktop app and the web host share one store.
 */
import { join } from 'node:path';

export const PRODUCT_NAME = '网格考评';

export function defaultDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), PRODUCT_NAME);
}
