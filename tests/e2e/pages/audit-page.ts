/** Page model of 操作日志. */
import { expect, type Locator, type Page } from '@playwright/test';

export class AuditPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: '操作日志' }).click();
    await expect(this.page.getByRole('heading', { name: '操作日志' })).toBeVisible();
  }

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  async chooseKind(label: string): Promise<void> {
    await this.page.getByRole('combobox', { name: '类别' }).selectOption({ label });
  }

  async setDates(from: string, to: string): Promise<void> {
    await this.page.getByLabel('起始日期').fill(from);
    await this.page.getByLabel('截止日期').fill(to);
  }

  /** Types into the person box and takes the suggestion for `text` (a name or an ID number). */
  async pickPerson(text: string, name: string): Promise<void> {
    const box = this.page.getByRole('combobox', { name: '人员' });
    await box.fill(text);
    await this.page.getByRole('option').filter({ hasText: name }).first().click();
    await expect(box).toHaveValue(name);
  }

  personBox(): Locator {
    return this.page.getByRole('combobox', { name: '人员' });
  }

  cell(rowIndex: number, colId: string): Locator {
    return this.page.locator(`[role="row"][row-index="${rowIndex}"] [role="gridcell"][col-id="${colId}"]`);
  }

  summaries(): Locator {
    return this.page.locator('[role="gridcell"][col-id="summary"]');
  }

  count(): Locator {
    return this.page.getByLabel('日志条数');
  }

  async openDetail(rowIndex: number): Promise<Locator> {
    await this.cell(rowIndex, 'summary').dblclick();
    await expect(this.dialog()).toBeVisible();
    return this.dialog();
  }

  /** The row of the 变更前后 table for a field: [项目, 原值, 新值]. */
  async field(label: string): Promise<string[]> {
    const row = this.dialog().getByRole('table', { name: '变更前后' }).locator('tr', { has: this.page.locator('th', { hasText: label }) }).first();
    return row.locator('th, td').allInnerTexts();
  }
}
