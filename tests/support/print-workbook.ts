/**
 * Printing a workbook as the office would: LibreOffice headless to PDF, with a profile of its own per call so parallel
 * runs never share one, read back page by page with poppler's pdftotext (the text as laid out, and each word's box).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface PrintedPage {
  /** pdftotext -layout of the page. */
  text: string;
  /**
   * The type size of each word of Chinese characters, in points: such a character is one em wide, so a word's width
   * over its length is its size as printed (after the page's shrink).
   */
  typeSizes: number[];
  width: number;
  height: number;
}

/** The PDF LibreOffice prints from the workbook (every visible sheet, in order), page by page. */
export function printWorkbook(xlsxPath: string, keepPdfAs?: string): PrintedPage[] {
  const dir = mkdtempSync(join(tmpdir(), 'grid-print-'));
  try {
    const input = join(dir, 'book.xlsx');
    copyFileSync(xlsxPath, input);
    const profile = pathToFileURL(join(dir, 'profile')).href;
    execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, input], { stdio: 'pipe', timeout: 120_000 });
    const pdf = join(dir, 'book.pdf');
    if (keepPdfAs) copyFileSync(pdf, keepPdfAs);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const count = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
    const bbox = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const boxes = [...bbox.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((m) => ({
      width: Number(m[1]),
      height: Number(m[2]),
      typeSizes: [...m[3]!.matchAll(/xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([\u4e00-\u9fff]+)<\/word>/g)].map(
        (w) => (Number(w[2]) - Number(w[1])) / w[3]!.length,
      ),
    }));
    return Array.from({ length: count }, (_, i) => ({
      text: execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', pdf, '-'], { encoding: 'utf8' }),
      ...boxes[i]!,
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The smallest type printed on the pages, in points. */
export function smallestType(pages: PrintedPage[]): number {
  return pages.reduce((min, p) => p.typeSizes.reduce((m, size) => Math.min(m, size), min), Infinity);
}
