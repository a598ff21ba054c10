// Types for make-icons.mjs, so the TypeScript tests can import it.
export declare const RESOURCES: string;
export declare const PNG_SIZES: number[];
export declare const LARGE_SIZE: number;
export declare const ICO_SIZES: number[];
export declare function pngSize(png: Buffer): { width: number; height: number };
export declare function renderPng(svg: Buffer | string, size: number): Buffer;
export declare function makeIcons(resources?: string): Promise<string[]>;
