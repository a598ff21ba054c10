/// <reference lib="dom" />
/** Page model of 月度考核. */
import { expect, type Locator, type Page } from '@playwright/test';
import { pickChoice } from './pickers';

export class AssessmentsPage {
  constructor(readonly page: Page) {}

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  async chooseScheme(name: string): Promise<void> {
    await this.page.getByRole('combobox', { name: '考核方案' }).selectOption({ label: name });
  }

  async openMonth(period: string): Promise<void> {
    await this.page.getByRole('button', { name: '开启月份' }).click();
    await this.dialog().getByLabel('考核月份').fill(period);
    await this.dialog().getByRole('button', { name: '开启' }).click();
    await expect(this.dialog()).toBeHidden();
    await expect(this.page.getByLabel('考核状态')).toHaveText('录入中');
  }

  async chooseUnit(label: string): Promise<void> {
    await pickChoice(this.page.getByRole('combobox', { name: '单位' }), label);
  }

  async addEvaluator(name: string, group = ''): Promise<void> {
    await this.page.getByRole('button', { name: '新增考核人' }).click();
    await this.dialog().getByLabel('考核人或考核组').fill(name);
    if (group) await this.dialog().getByLabel('所属考核组').selectOption(group);
    await this.dialog().getByRole('button', { name: '保存' }).click();
    await expect(this.dialog()).toBeHidden();
    await pickChoice(this.page.getByRole('combobox', { name: '考核人' }), group ? `${name}（${group}）` : name);
  }

  /** The grid's column id of the criterion whose header starts with `name`. */
  async columnOf(name: string): Promise<string> {
    const header = this.page.locator('.ag-header-cell', { hasText: name }).first();
    return (await header.getAttribute('col-id'))!;
  }

  cell(rowIndex: number, colId: string): Locator {
    return this.page.locator(`[role="row"][row-index="${rowIndex}"] [role="gridcell"][col-id="${colId}"]`);
  }

  async rowName(rowIndex: number): Promise<string> {
    return this.cell(rowIndex, 'name').innerText();
  }

  /** Puts tab-separated text on the focused cell as a paste from Excel does. */
  async paste(text: string): Promise<void> {
    await this.page.evaluate((t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      (document.activeElement ?? document.body).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  }

  toast(text: string | RegExp): Locator {
    return this.page.locator('.toast').filter({ hasText: text });
  }
}
