/** What differs between the Electron window and a browser tab, besides calls: saving files. */
export interface SavedFile {
  saved: boolean;
  path?: string;
}

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const MIME_BY_EXT: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  png: 'image/png',
};

export async function saveFile(fileName: string, base64: string): Promise<SavedFile> {
  if (window.gridAppraisal) return window.gridAppraisal.saveFile({ fileName, base64 });
  const type = MIME_BY_EXT[fileName.split('.').pop() ?? ''] ?? 'application/octet-stream';
  const url = URL.createObjectURL(new Blob([base64ToBytes(base64)], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { saved: true };
}

/** Whether PDFs are made by the app itself (Electron's printToPDF) rather than by the browser's print dialog. */
export function canPrintToPdf(): boolean {
  return window.gridAppraisal !== undefined;
}

/**
 * The page now shown (a report's print route) as a PDF. In Electron: printToPDF and the save dialog. In a browser
 * there is no such call: the print dialog opens and the user picks "另存为 PDF" there (`viaPrintDialog`).
 */
export async function printToPdf(fileName: string): Promise<SavedFile & { viaPrintDialog?: boolean }> {
  if (window.gridAppraisal) return window.gridAppraisal.printToPdf({ fileName });
  window.print();
  return { saved: false, viaPrintDialog: true };
}

/** Opens the data folder in the file manager (Electron); false in a browser, which cannot: the page shows the path. */
export async function openDataFolder(): Promise<boolean> {
  return window.gridAppraisal ? window.gridAppraisal.openDataFolder() : false;
}
