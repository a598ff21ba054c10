/**
 * Page model of the common Excel import dialog (ImportDialog): choose a file, read the preview — counts, red cells,
 * the error list, notes — and confirm. Every import uses it: 导入人员, 积分导入, 导入平台统计, 导入考核表.
 * The files to choose are built with `sheetWorkbook` of tests/unit/import-workbooks.ts, or are an export read back.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { bytesOf } from '../../unit/import-workbooks';

export class ImportDialogModel {
  readonly dialog: Locator;

  /** `title` is the dialog's title (a pattern where it names the month). */
  constructor(readonly page: Page, title: string | RegExp) {
    this.dialog = page.getByRole('dialog', { name: title });
  }

  /** Clicks the page's `button` that opens the dialog titled `title`, and waits for it. */
  static async open(page: Page, button: string, title: string | RegExp): Promise<ImportDialogModel> {
    await page.getByRole('button', { name: button }).click();
    const dialog = new ImportDialogModel(page, title);
    await expect(dialog.dialog).toBeVisible();
    return dialog;
  }

  /**
   * Chooses a file as the user would in the file picker; its name shows, then its preview (or, for a file the
   * import refuses as a whole, the reason in `alert()`). A preview still showing from the file before may be read
   * until the new one replaces it: `expectCounts` and the like wait. A workbook is written out anew each time, so
   * (its timestamps differing) it is a new file to the import; pass the same bytes to choose the same file again.
   */
  async choose(fileName: string, file: Buffer | ExcelJS.Workbook): Promise<void> {
    await this.dialog.getByLabel('选择Excel文件').setInputFiles({
      name: fileName,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.isBuffer(file) ? file : await bytesOf(file),
    });
    await expect(this.dialog.getByText(fileName)).toBeVisible();
    await expect(this.summary().or(this.alert()).first()).toBeVisible();
  }

  /** The file's template, downloaded with the dialog's button of that name and read back. */
  async template(button: string): Promise<ExcelJS.Workbook> {
    const download = this.page.waitForEvent('download');
    await this.dialog.getByRole('button', { name: button }).click();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await (await download).path());
    return workbook;
  }

  /** The column-mapping choice of a field (its value: the column number). */
  columnOf(field: string): Locator {
    return this.dialog.getByLabel(`${field}所在列`);
  }

  summary(): Locator {
    return this.dialog.getByRole('status', { name: '导入预览统计' });
  }

  /** Waits for a preview with these counts; 变更 and 无变化 only where given. */
  async expectCounts(counts: { new: number; changed?: number; unchanged?: number; wrong: number }): Promise<void> {
    await expect(this.summary()).toContainText(`新增 ${counts.new}`);
    if (counts.changed !== undefined) await expect(this.summary()).toContainText(`变更 ${counts.changed}`);
    if (counts.unchanged !== undefined) await expect(this.summary()).toContainText(`无变化 ${counts.unchanged}`);
    await expect(this.summary()).toContainText(`有错误 ${counts.wrong}`);
  }

  /** The preview grid. */
  grid(): Locator {
    return this.dialog.getByRole('region', { name: '导入预览' });
  }

  /** The preview's cells shown in red. */
  wrongCells(): Locator {
    return this.grid().locator('.ag-cell.cell-wrong');
  }

  errorList(): Locator {
    return this.dialog.getByRole('list', { name: '错误清单' });
  }

  /** The error list's messages, one item each. */
  errors(): Locator {
    return this.errorList().getByRole('listitem');
  }

  notes(): Locator {
    return this.dialog.locator('.import-note');
  }

  /** Why the file (or the import) was refused as a whole. */
  alert(): Locator {
    return this.dialog.getByRole('alert');
  }

  confirmButton(): Locator {
    return this.dialog.getByRole('button', { name: /^确认导入/ });
  }

  /** The second, explicit choice when some rows are wrong: 只导入正确的 N 行. */
  goodOnlyButton(): Locator {
    return this.dialog.getByRole('button', { name: /^只导入正确的 \d+ 行$/ });
  }

  /** 只导入正确的 N 行: the dialog closes and the wrong rows download; returns the file's name and workbook. */
  async importGoodOnly(): Promise<{ fileName: string; workbook: ExcelJS.Workbook }> {
    const download = this.page.waitForEvent('download');
    await this.goodOnlyButton().click();
    const file = await download;
    await expect(this.dialog).toBeHidden();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await file.path());
    return { fileName: file.suggestedFilename(), workbook };
  }

  /** 确认导入, and the dialog closes. */
  async confirm(): Promise<void> {
    await this.confirmButton().click();
    await expect(this.dialog).toBeHidden();
  }

  /** 取消, and the dialog closes. */
  async cancel(): Promise<void> {
    await this.dialog.getByRole('button', { name: '取消' }).click();
    await expect(this.dialog).toBeHidden();
  }
}
