/**
 * What the preload exposes to the page as `window.gridAppraisal` (Electron only; in a browser it is undefined and
 * the renderer falls back to fetch). Types only: no electron or node imports, so the renderer can include it.
 */
import type { RpcResult } from '../shared/contract/define';

export interface SaveFileRequest {
  /** A plain file name ending in .xlsx or .pdf, e.g. '2026年11月考评.xlsx'; the user picks the folder. */
  fileName: string;
  /** The file's bytes, base64-encoded. */
  base64: string;
}

export interface SaveFileResult {
  /** False when the user cancelled, or when saving failed (then `error` is set). */
  saved: boolean;
  /** Where the file was written. */
  path?: string;
  /** Why saving failed, in Chinese; the shell has already shown it to the user in a message box. */
  error?: string;
}

export interface PrintToPdfRequest {
  /** A plain file name ending in .pdf; the user picks the folder. */
  fileName: string;
}

export interface GridAppraisalBridge {
  readonly isElectron: true;
  /** One call to the core through the dispatcher; never rejects for application errors (see RpcResult). */
  call(name: string, input?: unknown): Promise<RpcResult<unknown>>;
  /** Shows the save dialog and writes the file. */
  saveFile(file: SaveFileRequest): Promise<SaveFileResult>;
  /** Prints the page as it is now shown (a report's print route) to PDF, A4 by its CSS, and saves it as saveFile does. */
  printToPdf(request: PrintToPdfRequest): Promise<SaveFileResult>;
  /** Opens the data folder in the file manager (the recovery screen); false when it could not be opened. */
  openDataFolder(): Promise<boolean>;
  /** Opens 使用说明 (the guide the app ships) in the system's browser; false when it could not be opened. */
  openGuide(): Promise<boolean>;
}

declare global {
  interface Window {
    gridAppraisal?: GridAppraisalBridge;
  }
}
