/** Page model of 报表 and of the print routes it opens. */
import { expect, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { pickChoice } from './pickers';

export class ReportsPage {
  constructor(readonly page: Page) {}

  async chooseMonth(label: string | RegExp): Promise<void> {
    const select = this.page.getByRole('combobox', { name: '考核月份' });
    const matching = async () => {
      const options = await select.locator('option').allInnerTexts();
      return options.find((o) => (typeof label === 'string' ? o.includes(label) : label.test(o)));
    };
    // The months arrive after the page: wait for them rather than read the list once.
    await expect.poll(matching, { message: `a month matching ${String(label)}` }).toBeTruthy();
    await select.selectOption({ label: (await matching())! });
  }

  /** Picks a period (季度/半年/年度考核) once the list has arrived. */
  async choosePeriod(label: string | RegExp): Promise<void> {
    const select = this.page.getByRole('combobox', { name: '考核期间' });
    const matching = async () => (await select.locator('option').allInnerTexts()).find((o) => (typeof label === 'string' ? o.includes(label) : label.test(o)));
    await expect.poll(matching, { message: `a period matching ${String(label)}` }).toBeTruthy();
    await select.selectOption({ label: (await matching())! });
  }

  async chooseUnit(label: string): Promise<void> {
    await pickChoice(this.page.getByRole('combobox', { name: '单位' }), label);
  }

  /**
   * Picks the index-th person of the month's people in the unit: ↓ opens the whole list in the person box (once it
   * shows the unit's people: it reloads when the unit changes), ↓ moves, Enter takes. Returns who it was.
   */
  async choosePerson(index: number, unit: string): Promise<string> {
    const box = this.page.getByRole('combobox', { name: '人员' });
    const options = this.page.getByRole('listbox', { name: '匹配的人员' }).getByRole('option');
    await expect(async () => {
      await box.focus();
      if ((await box.getAttribute('aria-expanded')) !== 'true') await box.press('ArrowDown');
      await expect(options.first().locator('.path')).toContainText(unit, { timeout: 1000 });
      await expect(options.last().locator('.path')).toContainText(unit, { timeout: 1000 });
    }).toPass();
    for (let i = 0; i < index; i++) await box.press('ArrowDown');
    const option = options.nth(index);
    await expect(option).toHaveAttribute('aria-selected', 'true');
    const name = (await option.locator('.name').innerText()).trim();
    await box.press('Enter');
    await expect(box).toHaveValue(name);
    return name;
  }

  /** Opens a report's print preview and waits until the sheet is drawn. */
  async preview(report: string): Promise<void> {
    await this.page.getByRole('row', { name: new RegExp(`^${report}`) }).getByRole('link', { name: '预览打印' }).click();
    await this.waitForSheet();
  }

  /** 导出Excel on the print route: the file's name and its first sheet as lines of cells joined by | (merged cells once). */
  async downloadExcel(): Promise<{ fileName: string; lines: string[] }> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: '导出Excel' }).click();
    const file = await download;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await file.path());
    const lines: string[] = [];
    wb.worksheets[0]!.eachRow((row) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell) => {
        if (cell.isMerged && cell.master !== cell) return;
        cells.push(cell.value === null || cell.value === undefined ? '' : String(cell.value));
      });
      lines.push(cells.join('|').replace(/\|+$/, ''));
    });
    return { fileName: file.suggestedFilename(), lines };
  }

  async waitForSheet(): Promise<void> {
    await expect(this.page.locator('.print-sheet[data-ready="true"]')).toBeVisible({ timeout: 30_000 });
    await this.page.evaluate(() => document.fonts.ready);
  }

  /** The sheet printed as the tests print it: Chromium's page.pdf, A4 from the page's CSS, no browser header/footer. */
  async printPdf(file: string): Promise<void> {
    await this.page.emulateMedia({ media: 'print' });
    const pdf = await this.page.pdf({ format: 'A4', preferCSSPageSize: true, displayHeaderFooter: false, printBackground: true });
    await this.page.emulateMedia({ media: 'screen' });
    writeFileSync(file, pdf);
  }
}

/** The text of each page of a PDF, laid out (pdftotext -layout; pages end with a form feed). */
export function pdfPages(file: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const pages = text.split('\f');
  if (pages.at(-1)!.trim() === '') pages.pop();
  return pages;
}

export function pdfPageCount(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)![1]);
}

/** The first pages as PNGs at 60 dpi beside the PDF, to look at. */
export function pdfToPngs(file: string, pages = 3): void {
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', String(pages), file, file.replace(/\.pdf$/, '')]);
}
