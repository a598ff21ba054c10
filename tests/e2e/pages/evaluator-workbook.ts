/** Page model of the 考核表 dialogs on the scoring page: export a workbook, import it back. */
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';

export class EvaluatorWorkbookDialogs {
  constructor(readonly page: Page) {}

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  /** 导出考核表 for the unit and evaluator already chosen (or the ones given); the workbook read back. */
  async export(choose: { unit?: string; evaluator?: string } = {}): Promise<{ download: Download; workbook: ExcelJS.Workbook }> {
    await this.page.getByRole('button', { name: '导出考核表' }).click();
    await expect(this.dialog()).toHaveAccessibleName('导出考核表');
    if (choose.unit) await this.dialog().getByRole('combobox', { name: '单位' }).selectOption({ label: choose.unit });
    if (choose.evaluator) await this.dialog().getByRole('combobox', { name: '考核人' }).selectOption({ label: choose.evaluator });
    const downloading = this.page.waitForEvent('download');
    await this.dialog().getByRole('button', { name: '导出' }).click();
    const download = await downloading;
    await expect(this.dialog()).toBeHidden();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    return { download, workbook };
  }

  async openImport(): Promise<void> {
    await this.page.getByRole('button', { name: '导入考核表' }).click();
    await expect(this.dialog()).toHaveAccessibleName('导入考核表');
  }

  /** Picks a workbook in the open import dialog; the preview follows. */
  async pick(workbook: ExcelJS.Workbook, name: string): Promise<void> {
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    await this.dialog().getByLabel('选择Excel文件').setInputFiles({
      name,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer,
    });
    await expect(this.dialog().getByLabel('导入预览统计')).toBeVisible();
  }

  counts(): Locator {
    return this.dialog().getByLabel('导入预览统计');
  }

  errors(): Locator {
    return this.dialog().getByRole('list', { name: '错误清单' });
  }

  confirmButton(): Locator {
    return this.dialog().getByRole('button', { name: /^确认导入/ });
  }
}
