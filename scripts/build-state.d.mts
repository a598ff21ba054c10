// Types for build-state.mjs.
export interface DirentLike {
  name: string;
  isDirectory(): boolean;
}
export interface BuildFs {
  readdirSync(path: string, options: { withFileTypes: true }): DirentLike[];
  statSync(path: string): { mtimeMs: number };
}
export const BUILD_OUTPUTS: string[];
export const BUILD_INPUT_FILES: string[];
export function newestMtimeMs(dir: string, fs: BuildFs): number;
export function isBuildFresh(root: string, fs: BuildFs): boolean;
export function splitServeArgs(argv: string[]): { noBuild: boolean; hostArgs: string[] };
