/**
 * What `npm run dist` would build, checked without building it (that needs Electron's download: the release workflow):
 * electron-builder.yml as electron-builder itself reads and validates it, its targets and installer options, the icons
 * every target needs, and what goes into app.asar, decided by electron-builder's own file matchers over this repository.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRODUCT_NAME } from '../../src/main/host/data-dir';

const ROOT = join(__dirname, '../..');
const requireFromBuilder = createRequire(require.resolve('app-builder-lib/package.json'));

interface TargetConfig {
  target: string;
  arch: string[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  copyright: string;
  directories: { output: string; buildResources: string };
  files: unknown;
  asarUnpack: string[];
  extraResources: unknown;
  npmRebuild: boolean;
  afterPack: string;
  win: { target: TargetConfig[]; icon: string };
  nsis: Record<string, unknown>;
  linux: { target: TargetConfig[]; icon: string; executableName: string; desktop: { entry: Record<string, string> } };
}
interface Filter {
  (file: string, stat: { isDirectory(): boolean; moduleFullFilePath?: string }): boolean;
}
interface Matcher {
  patterns: string[];
  macroExpander: (s: string) => string;
  createFilter(): Filter;
}
const { getConfig, validateConfiguration } = requireFromBuilder('./out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debugLogger: unknown): Promise<void>;
};
const fileMatcher = requireFromBuilder('./out/fileMatcher') as {
  FileMatcher: new (from: string, to: string, expander: (s: string) => string, patterns: string[]) => Matcher;
  getMainFileMatchers(appDir: string, to: string, expander: (s: string) => string, options: object, packager: object, outDir: string, compile: boolean): Matcher[];
  getNodeModuleFileMatcher(appDir: string, to: string, expander: (s: string) => string, options: object, info: object): Matcher;
};
const { DebugLogger } = createRequire(require.resolve('app-builder-lib/package.json'))('builder-util') as {
  DebugLogger: new (enabled: boolean) => unknown;
};
const { minimatch } = requireFromBuilder('minimatch') as { minimatch(path: string, pattern: string, options: object): boolean };

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  productName: string;
  author: { name: string; email: string };
  main: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

let config: BuilderConfig;
beforeAll(async () => {
  config = await getConfig(ROOT, null, null);
});

const archsOf = (targets: TargetConfig[], name: string) => targets.filter((t) => t.target === name).flatMap((t) => t.arch).sort();

describe('electron-builder.yml', () => {
  it('passes electron-builder\'s own schema check', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('builds an NSIS installer for Windows x64, AppImage and deb for Linux x64 and arm64, and nothing else', () => {
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(archsOf(config.win.target, 'nsis')).toEqual(['x64']);
    expect(config.linux.target.map((t) => t.target).sort()).toEqual(['AppImage', 'deb']);
    expect(archsOf(config.linux.target, 'AppImage')).toEqual(['arm64', 'x64']);
    expect(archsOf(config.linux.target, 'deb')).toEqual(['arm64', 'x64']);
    expect(pkg.scripts.dist).toBe('electron-vite build && electron-builder');
    expect(pkg.devDependencies['electron-builder']).toMatch(/^\d+\.\d+\.\d+$/); // pinned exactly
  });

  it('names the product, its version, publisher and copyright', () => {
    expect(config.productName).toBe('网格考评');
    expect(pkg.productName).toBe('网格考评');
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.author.name).toBe('网格考评'); // the .exe's company, the installer's publisher
    expect(pkg.author.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
    expect(config.copyright).toMatch(/^Copyright © 20\d\d 网格考评$/);
    expect(config.appId).toBe('cn.gridappraisal.app');
    expect(config.linux.desktop.entry.Name).toBe('网格考评');
  });

  it('installs for the current user by default, lets the folder be chosen, in Chinese, with 网格考评 shortcuts', () => {
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      installerLanguages: ['zh_CN'],
      language: '2052',
      unicode: true,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      shortcutName: '网格考评',
      uninstallDisplayName: '网格考评',
      deleteAppDataOnUninstall: false,
    });
  });

  it('keeps the data on uninstall unless 删除数据 is ticked, and never on an upgrade or a silent uninstall', () => {
    const nsh = readFileSync(join(ROOT, String(config.nsis.include)), 'utf8');
    // the folder deleted is the one the app keeps its data in (Electron's userData, src/main/index.ts)
    expect(nsh).toContain(`!define GRID_DATA_FOLDER_NAME "${PRODUCT_NAME}"`);
    expect(nsh).toContain('StrCpy $gridDataDir "$APPDATA\\${GRID_DATA_FOLDER_NAME}"');
    expect(nsh).toMatch(/\$\{NSD_CreateCheckbox\}[^\n]*"删除数据/);
    expect(nsh).toContain('${NSD_SetState} $gridDeleteDataBox ${BST_UNCHECKED}');
    expect(nsh).toMatch(/!macro customUnInit\s+StrCpy \$gridDeleteData "0"/);
    const uninstall = /!macro customUnInstall([\s\S]*?)!macroend/.exec(nsh)![1]!;
    expect(uninstall).toMatch(/\$\{IfNot\} \$\{isUpdated\}\s+\$\{AndIf\} \$gridDeleteData == "1"\s+DetailPrint[^\n]*\s+RMDir \/r "\$gridDataDir"/);
    expect(nsh.match(/RMDir/g)).toHaveLength(1);
  });

  it('rebuilds better-sqlite3 for Electron and keeps its addon outside app.asar', () => {
    expect(config.npmRebuild).toBe(true);
    const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    expect(config.asarUnpack.some((p) => minimatch(addon, p, { dot: true }))).toBe(true);
    expect(pkg.dependencies['better-sqlite3']).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('flips the fuses after packing, with the hook that sets every fuse', () => {
    expect(config.afterPack).toBe('scripts/electron-fuses.cjs');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const hook = require(join(ROOT, config.afterPack)) as { FUSES: Record<string, boolean> };
    expect(hook.FUSES).toMatchObject({ RunAsNode: false, EnableNodeCliInspectArguments: false, EnableEmbeddedAsarIntegrityValidation: true, OnlyLoadAppFromAsar: true, EnableCookieEncryption: true });
  });
});

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(bytes.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The sizes an ICO holds, each read from its directory entry and checked against the image it points at. */
function icoSizes(bytes: Buffer): number[] {
  expect(bytes.readUInt16LE(0)).toBe(0);
  expect(bytes.readUInt16LE(2)).toBe(1); // an icon, not a cursor
  const count = bytes.readUInt16LE(4);
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) {
    const entry = 6 + 16 * i;
    const size = bytes.readUInt8(entry) || 256;
    expect(bytes.readUInt8(entry + 1) || 256).toBe(size);
    const length = bytes.readUInt32LE(entry + 8);
    const offset = bytes.readUInt32LE(entry + 12);
    expect(offset + length).toBeLessThanOrEqual(bytes.length);
    const image = bytes.subarray(offset, offset + length);
    if (image.readUInt32BE(0) === 0x89504e47) {
      expect(pngSize(image)).toEqual({ width: size, height: size });
    } else {
      // a bitmap: its header's height counts the colour and the mask halves
      expect(image.readUInt32LE(0)).toBe(40);
      expect([image.readInt32LE(4), image.readInt32LE(8), image.readUInt16LE(14)]).toEqual([size, size * 2, 32]);
      expect(length).toBeGreaterThanOrEqual(size * size * 4);
    }
    sizes.push(size);
  }
  return sizes;
}

describe('icons', () => {
  it('has the Linux icon set, each PNG as large as its name says, up to 512', async () => {
    const { PNG_SIZES } = await import('../../scripts/make-icons.mjs');
    expect(PNG_SIZES).toEqual([16, 24, 32, 48, 64, 128, 256, 512]);
    const dir = join(ROOT, config.linux.icon);
    const names = readdirSync(dir).sort();
    expect(names).toEqual(PNG_SIZES.map((s) => `${s}x${s}.png`).sort());
    for (const size of PNG_SIZES) expect(pngSize(readFileSync(join(dir, `${size}x${size}.png`)))).toEqual({ width: size, height: size });
    expect(pngSize(readFileSync(join(ROOT, 'resources/icon.png')))).toEqual({ width: 1024, height: 1024 });
  });

  it('has an ICO with every size Windows shows, up to the 256 the installer and the .exe need', () => {
    for (const path of [config.win.icon, config.nsis.installerIcon, config.nsis.uninstallerIcon, config.nsis.installerHeaderIcon]) {
      expect(path).toBe('resources/icon.ico');
    }
    expect(icoSizes(readFileSync(join(ROOT, 'resources/icon.ico')))).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('are what `npm run icons` draws from resources/icon.svg now (regenerate and commit them after editing it)', async () => {
    const { makeIcons } = await import('../../scripts/make-icons.mjs');
    const dir = mkdtempSync(join(tmpdir(), 'grid-icons-'));
    copyFileSync(join(ROOT, 'resources/icon.svg'), join(dir, 'icon.svg'));
    const written = await makeIcons(dir);
    expect(written).toHaveLength(10);
    for (const file of written) {
      const rel = relative(dir, file);
      expect(readFileSync(file).equals(readFileSync(join(ROOT, 'resources', rel))), rel).toBe(true);
    }
  });

  it('gives the window its icon, from a file packed into app.asar', () => {
    const window = readFileSync(join(ROOT, 'src/main/shell/window.ts'), 'utf8');
    expect(window).toContain("import windowIcon from '../../../resources/icons/256x256.png?asset';");
    expect(window).toMatch(/new BrowserWindow\(\{[\s\S]*icon: windowIcon,/);
    expect(inApp('resources/icons/256x256.png')).toBe(true);
  });
});

// --- what goes into app.asar ---------------------------------------------------------------------------------------

const APP_DIR = ROOT;
const DESTINATION = join(ROOT, 'dist', 'linux-unpacked', 'resources', 'app');
const expand = (s: string) => s;
let appFilter: Filter;
let moduleMatcher: Matcher;
beforeAll(async () => {
  config ??= await getConfig(ROOT, null, null);
  const info = { isPrepackedAppAsar: false, projectDir: ROOT, buildResourcesDir: config.directories.buildResources, config, debugLogger: { isEnabled: false } };
  const matchers = fileMatcher.getMainFileMatchers(APP_DIR, DESTINATION, expand, {}, { info }, join(ROOT, config.directories.output), false);
  expect(matchers).toHaveLength(1);
  appFilter = matchers[0]!.createFilter();
  moduleMatcher = fileMatcher.getNodeModuleFileMatcher(APP_DIR, DESTINATION, expand, {}, info);
});

/** Whether electron-builder copies a file of the project (path relative to it, with /) into the app. */
function inApp(rel: string): boolean {
  const parts = rel.split('/');
  // a file is reached only through folders the filter lets in
  for (let i = 1; i <= parts.length; i++) {
    const isDirectory = i < parts.length;
    if (!appFilter(join(APP_DIR, ...parts.slice(0, i)), { isDirectory: () => isDirectory })) return false;
  }
  return true;
}

/** Whether a file of an installed production module is copied, as NodeModuleCopyHelper asks the filter. */
function moduleFileInApp(moduleName: string, rel: string): boolean {
  const source = join(ROOT, 'node_modules', moduleName);
  const destination = join(DESTINATION, 'node_modules', moduleName);
  const filter = new fileMatcher.FileMatcher(source, destination, expand, moduleMatcher.patterns).createFilter();
  const parts = rel.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const isDirectory = i < parts.length;
    const part = parts.slice(0, i);
    if (!filter(join(source, ...part), { isDirectory: () => isDirectory, moduleFullFilePath: join(destination, ...part) })) return false;
  }
  return true;
}

/** Every file of the repository but .git and what is installed or built (node_modules, out, dist, test results). */
function repositoryFiles(): string[] {
  const skip = new Set(['.git', 'node_modules', 'out', 'dist', 'test-results', 'playwright-report']);
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (dir === ROOT && skip.has(name)) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(relative(ROOT, path).split(sep).join('/'));
    }
  };
  walk(ROOT);
  return files;
}

describe('app.asar', () => {
  it('holds the built app, package.json and the window icon, and no other file of the repository', () => {
    const packed = repositoryFiles().filter(inApp).sort();
    expect(packed).toEqual(['package.json', 'resources/icons/256x256.png']);
  });

  it('leaves out sources, tests, benchmarks, docs, scripts, the lock file and the build configuration', () => {
    const files = repositoryFiles();
    for (const prefix of ['src/', 'tests/', 'bench/', 'docs/', 'scripts/', '.github/']) {
      const some = files.filter((f) => f.startsWith(prefix));
      if (prefix !== '.github/') expect(some.length, prefix).toBeGreaterThan(0);
      expect(some.filter(inApp), prefix).toEqual([]);
    }
    for (const file of ['package-lock.json', 'electron-builder.yml', 'README.md', 'tsconfig.json', 'resources/icon.svg', 'resources/installer.nsh']) {
      expect(inApp(file), file).toBe(false);
    }
  });

  it('takes everything electron-vite builds into out/ but source maps', () => {
    for (const built of ['out/main/index.js', 'out/main/host.js', 'out/main/chunks/x.js', 'out/preload/index.js', 'out/renderer/index.html', 'out/renderer/assets/index-abc.js', 'out/renderer/assets/index-abc.css']) {
      expect(inApp(built), built).toBe(true);
    }
    expect(inApp('out/renderer/assets/index-abc.js.map')).toBe(false);
    expect(pkg.main).toBe('out/main/index.js');
  });

  it('takes node_modules only through electron-builder\'s production modules, never from the project folder', () => {
    expect(inApp('node_modules/zod/package.json')).toBe(false);
    expect(inApp('node_modules/react/index.js')).toBe(false);
  });

  it('ships only modules the main process loads: the page\'s libraries are bundled and stay dev dependencies', () => {
    const mainSources = [
      ...readdirSync(join(ROOT, 'src/main'), { recursive: true, encoding: 'utf8' }).map((f) => join(ROOT, 'src/main', f)),
      ...readdirSync(join(ROOT, 'src/shared'), { recursive: true, encoding: 'utf8' }).map((f) => join(ROOT, 'src/shared', f)),
    ].filter((f) => f.endsWith('.ts'));
    const imported = new Set<string>();
    for (const file of mainSources) {
      for (const m of readFileSync(file, 'utf8').matchAll(/^import (?!type )[^;]*?from '([^'.][^']*)'/gm)) {
        const spec = m[1]!;
        imported.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
    for (const dep of Object.keys(pkg.dependencies)) expect(imported.has(dep), `${dep} is shipped but never imported by src/main`).toBe(true);
    for (const dev of ['electron', 'electron-builder', 'electron-vite', 'react', 'react-dom', 'ag-grid-community', 'ag-grid-react', 'echarts', 'vitest', '@playwright/test', 'typescript']) {
      expect(pkg.devDependencies[dev], dev).toBeDefined();
      expect(pkg.dependencies[dev], dev).toBeUndefined();
    }
  });

  it('drops better-sqlite3\'s C sources and build leftovers but keeps its addon and its JavaScript', () => {
    for (const kept of ['package.json', 'lib/index.js', 'lib/database.js', 'build/Release/better_sqlite3.node']) {
      expect(moduleFileInApp('better-sqlite3', kept), kept).toBe(true);
    }
    for (const dropped of ['deps/sqlite3/sqlite3.c', 'src/better_sqlite3.cpp', 'build/Release/test_extension.node', 'build/Release/obj.target/better_sqlite3/src/better_sqlite3.o', 'build/Makefile', 'build/config.gypi']) {
      expect(moduleFileInApp('better-sqlite3', dropped), dropped).toBe(false);
    }
    expect(moduleFileInApp('zod', 'package.json')).toBe(true);
  });
});

describe('使用说明', () => {
  const GUIDE = join(ROOT, 'resources/guide');

  it('ships beside app.asar, where the system\'s browser can open it, with every file its page refers to', () => {
    expect(config.extraResources).toEqual([{ from: 'resources/guide', to: 'guide' }]);
    const html = readFileSync(join(GUIDE, 'index.html'), 'utf8');
    const refs = [...html.matchAll(/\b(?:src|href)="([^"#:]+)"/g)].map((m) => m[1]!);
    expect(refs).toContain('guide.css');
    expect(refs.filter((r) => r.startsWith('img/')).length).toBeGreaterThanOrEqual(6);
    for (const ref of refs) expect(statSync(join(GUIDE, ref)).isFile(), ref).toBe(true);
    // what the shell opens in the installed app: resources/guide/index.html beside app.asar
    expect(readFileSync(join(ROOT, 'src/main/shell/guide.ts'), 'utf8')).toContain("join(process.resourcesPath, 'guide', 'index.html')");
  });

  it('is not packed into app.asar too', () => {
    const files = repositoryFiles().filter((f) => f.startsWith('resources/guide/'));
    expect(files).toContain('resources/guide/index.html');
    expect(files.filter(inApp)).toEqual([]);
  });
});

describe('the release workflow', () => {
  interface Step {
    run?: string;
    env?: Record<string, string>;
  }
  const { load } = requireFromBuilder('js-yaml') as { load(text: string): unknown };
  const workflow = load(readFileSync(join(ROOT, '.github/workflows/release.yml'), 'utf8')) as {
    jobs: Record<string, { 'runs-on': string; steps: Step[] }>;
  };
  const runs = (job: string) => workflow.jobs[job]!.steps.map((s) => s.run ?? '').filter(Boolean);

  it('builds the NSIS installer on Windows and the Linux packages for x64 and arm64 on Linux, from the lock file', () => {
    expect(workflow.jobs.windows!['runs-on']).toBe('windows-latest');
    expect(workflow.jobs.linux!['runs-on']).toBe('ubuntu-latest');
    for (const job of ['windows', 'linux']) expect(runs(job)).toContain('npm ci');
    expect(runs('windows')).toContain('npm run dist -- --win nsis --x64 --publish never');
    expect(runs('linux')).toContain('npx electron-builder --linux AppImage deb --arm64 --publish never');
    expect(runs('linux')).toContain('npx electron-builder --linux AppImage deb --x64 --publish never');
  });

  it('runs the desktop smoke test on each packaged app, after it is built', () => {
    const smoke = (job: string) => workflow.jobs[job]!.steps.findIndex((s) => s.run?.includes('npm run test:desktop'));
    const build = (job: string) => workflow.jobs[job]!.steps.findIndex((s) => /npm run dist|electron-builder .*--x64/.test(s.run ?? ''));
    for (const job of ['windows', 'linux']) {
      expect(smoke(job), job).toBeGreaterThan(build(job));
      expect(build(job), job).toBeGreaterThanOrEqual(0);
    }
    expect(workflow.jobs.windows!.steps[smoke('windows')]!.env!.GRID_APPRAISAL_APP_DIR).toMatch(/dist\\win-unpacked$/);
    expect(workflow.jobs.linux!.steps[smoke('linux')]!.env!.GRID_APPRAISAL_APP_DIR).toMatch(/dist\/linux-unpacked$/);
    expect(workflow.jobs.linux!.steps[smoke('linux')]!.run).toMatch(/^xvfb-run /);
  });
});
