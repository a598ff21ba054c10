// `npm run icons`: draws the app's icons from resources/icon.svg, the one source drawing. electron-builder reads no
// SVG, so the PNG set (the window, the Linux desktop entry, AppImage and deb), resources/icon.png and the Windows ICO
// (the .exe, the installer and its shortcuts) are rendered here and committed. Each size is rendered from the
// drawing itself (not scaled down from a large bitmap), so the 16 and 24 pixel icons stay sharp.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import pngToIco from 'png-to-ico';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const RESOURCES = join(ROOT, 'resources');

/** resources/icons/<n>x<n>.png: the Linux icon set (hicolor sizes) and the window icon. */
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
/** resources/icon.png: the large one, for what wants a single picture. */
export const LARGE_SIZE = 1024;
/** resources/icon.ico: what Windows shows from the taskbar's 16 to a large desktop's 256. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

/** A PNG's width and height, from its IHDR chunk (right after the 8-byte signature). */
export function pngSize(png) {
  if (png.length < 24 || png.readUInt32BE(0) !== 0x89504e47 || png.toString('ascii', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG file');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The drawing rendered as a square PNG of `size` pixels. */
export function renderPng(svg, size) {
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } });
  const png = resvg.render().asPng();
  const { width, height } = pngSize(png);
  if (width !== size || height !== size) throw new Error(`icon.svg rendered at ${width}×${height}, not ${size}×${size}`);
  return png;
}

export async function makeIcons(resources = RESOURCES) {
  const svg = readFileSync(join(resources, 'icon.svg'));
  const written = [];
  const write = (path, bytes) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
    written.push(path);
  };
  const pngs = new Map();
  for (const size of [...new Set([...PNG_SIZES, ...ICO_SIZES, LARGE_SIZE])]) pngs.set(size, renderPng(svg, size));
  for (const size of PNG_SIZES) write(join(resources, 'icons', `${size}x${size}.png`), pngs.get(size));
  write(join(resources, 'icon.png'), pngs.get(LARGE_SIZE));
  // png-to-ico stores each size as a 32-bit bitmap with its alpha: every Windows and NSIS reads it
  write(join(resources, 'icon.ico'), await pngToIco(ICO_SIZES.map((size) => pngs.get(size))));
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const path of await makeIcons()) console.log(`已生成 ${path.slice(ROOT.length + 1)}`);
}
