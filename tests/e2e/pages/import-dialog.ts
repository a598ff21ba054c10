/** Page model of the common Excel import dialog: choose a file, read the preview, confirm. */
import { expect, type Locator, type Page } from '@playwright/test';

export class ImportDialogModel {
  readonly dialog: Locator;

  constructor(readonly page: Page, title: string) {
    this.dialog = page.getByRole('dialog', { name: title });
  }

  /** Chooses a file as the user would in the file picker, and waits for its preview. */
  async choose(fileName: string, bytes: Buffer): Promise<void> {
    await this.dialog.getByLabel('选择Excel文件').setInputFiles({
      name: fileName,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: bytes,
    });
    await expect(this.dialog.getByText(fileName)).toBeVisible();
    await expect(this.summary()).toBeVisible();
  }

  summary(): Locator {
    return this.dialog.getByRole('status', { name: '导入预览统计' });
  }

  async expectCounts(counts: { new: number; changed: number; unchanged: number; wrong: number }): Promise<void> {
    await expect(this.summary()).toContainText(`新增 ${counts.new}`);
    await expect(this.summary()).toContainText(`变更 ${counts.changed}`);
    await expect(this.summary()).toContainText(`无变化 ${counts.unchanged}`);
    await expect(this.summary()).toContainText(`有错误 ${counts.wrong}`);
  }

  /** The cells shown in red, as their text. */
  async wrongCells(): Promise<string[]> {
    return this.dialog.locator('.cell-wrong').allInnerTexts();
  }

  errorList(): Locator {
    return this.dialog.getByRole('list', { name: '错误清单' });
  }

  confirmButton(): Locator {
    return this.dialog.getByRole('button', { name: /确认导入/ });
  }

  async confirm(): Promise<void> {
    await this.confirmButton().click();
    await expect(this.dialog).toBeHidden();
  }
}
