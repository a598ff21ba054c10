/** Page model of the 考核表 dialogs on the scoring page: export a workbook, import it back (the common import dialog). */
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { ImportDialogModel } from './import-dialog';
import { pickChoice } from './pickers';

export class EvaluatorWorkbookDialogs {
  constructor(readonly page: Page) {}

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  /** 导出考核表 for the unit and evaluator already chosen (or the ones given); the workbook read back. */
  async export(choose: { unit?: string; evaluator?: string } = {}): Promise<{ download: Download; workbook: ExcelJS.Workbook }> {
    await this.page.getByRole('button', { name: '导出考核表' }).click();
    await expect(this.dialog()).toHaveAccessibleName('导出考核表');
    if (choose.unit) await pickChoice(this.dialog().getByRole('combobox', { name: '单位' }), choose.unit);
    if (choose.evaluator) await pickChoice(this.dialog().getByRole('combobox', { name: '考核人' }), choose.evaluator);
    const downloading = this.page.waitForEvent('download');
    await this.dialog().getByRole('button', { name: '导出' }).click();
    const download = await downloading;
    await expect(this.dialog()).toBeHidden();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    return { download, workbook };
  }

  /** 导入考核表: the common import dialog, for the month, unit and evaluator shown. */
  async openImport(): Promise<ImportDialogModel> {
    return ImportDialogModel.open(this.page, '导入考核表', '导入考核表');
  }
}
