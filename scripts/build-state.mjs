// Whether out/ is up to date with the sources, so `npm run serve` does not rebuild needlessly. Pure: the file
// system is passed in.
import { join } from 'node:path';

/** What a complete build leaves behind; the oldest of them dates the build. */
export const BUILD_OUTPUTS = ['out/main/host.js', 'out/main/district.js', 'out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html'];
/** What a build is made from, besides src/. */
export const BUILD_INPUT_FILES = ['package.json', 'electron.vite.config.ts'];

/** The newest modification time of any file under dir (0 for a missing or empty folder). */
export function newestMtimeMs(dir, fs) {
  let newest = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtimeMs(path, fs) : fs.statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

/** The build is fresh when every output exists and the oldest is newer than every input. */
export function isBuildFresh(root, fs) {
  let builtAt = Infinity;
  for (const output of BUILD_OUTPUTS) {
    try {
      builtAt = Math.min(builtAt, fs.statSync(join(root, output)).mtimeMs);
    } catch {
      return false;
    }
  }
  let inputsAt = newestMtimeMs(join(root, 'src'), fs);
  for (const input of BUILD_INPUT_FILES) {
    try {
      inputsAt = Math.max(inputsAt, fs.statSync(join(root, input)).mtimeMs);
    } catch {
      // an optional input
    }
  }
  return builtAt > inputsAt;
}

/** Splits our own flags from the ones passed on to the host. */
export function splitServeArgs(argv) {
  return { noBuild: argv.includes('--no-build'), hostArgs: argv.filter((a) => a !== '--no-build') };
}
