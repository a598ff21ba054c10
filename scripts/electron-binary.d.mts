// Types for electron-binary.mjs (plain Node ESM, run without a build step).
export interface FsLike {
  existsSync(path: string): boolean;
  readFileSync(path: string, encoding: 'utf8'): string;
}
export interface RunOptions {
  timeoutMs: number;
  env: Record<string, string | undefined>;
  cwd?: string;
}
export interface RunResult {
  code: number | null;
  timedOut: boolean;
}
export type Run = (command: string, args: string[], options: RunOptions) => Promise<RunResult>;
export type Env = Record<string, string | undefined>;

export const INSTALL_TIMEOUT_MS: number;
export const VERSION_TIMEOUT_MS: number;
export const NATIVE_PROBE: string;
export function platformExecutable(platform: string): string;
export function locateElectron(options: { electronDir: string; platform: string; env: Env; fs: FsLike }): {
  binary: string;
  exists: boolean;
  fromPathFile: boolean;
};
export function hasDisplay(platform: string, env: Env): boolean;
export function asNodeEnv(env: Env): Env;
export function asAppEnv(env: Env): Env;
export type ElectronDecision = { usable: true; binary: string } | { usable: false; reason: string };
export function decideElectron(options: {
  electronDir: string;
  platform: string;
  env: Env;
  fs: FsLike;
  run: Run;
  execPath: string;
  log?: (line: string) => void;
}): Promise<ElectronDecision>;
export function nativeModulesLoad(options: { binary: string; run: Run; env: Env; cwd: string }): Promise<boolean>;
