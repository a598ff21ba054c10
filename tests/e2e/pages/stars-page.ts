/// <reference lib="dom" />
/** Page model of 星级评定: what a user does there, in the words of the screen. */
import { expect, type Locator, type Page } from '@playwright/test';

export class StarsPage {
  constructor(readonly page: Page) {}

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  async tab(name: '评定' | '星级名册' | '星级网格' | '规则' | '通报批评记录'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
    await expect(this.page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
  }

  async choose(ruleSet: string, periodLabel: string): Promise<void> {
    await this.page.getByRole('combobox', { name: '星级规则' }).selectOption({ label: ruleSet });
    const select = this.page.getByRole('combobox', { name: '评定期间' });
    const value = await select.locator('option', { hasText: periodLabel }).first().getAttribute('value');
    await select.selectOption(value!);
  }

  /** 预览, or 重新计算 for a draft: waits for the result. */
  async preview(): Promise<void> {
    await this.page.getByRole('button', { name: /^(预览|重新计算)$/ }).click();
    await expect(this.toast(/^已计算.*星级，共 \d+ 人$/)).toBeVisible();
    await expect(this.status()).toHaveText('草稿');
  }

  status(): Locator {
    return this.page.getByLabel('评定状态');
  }

  grid(label: string): Locator {
    return this.page.getByRole('region', { name: label });
  }

  cell(gridLabel: string, rowIndex: number, colId: string): Locator {
    return this.grid(gridLabel).locator(`[role="row"][row-index="${rowIndex}"] [role="gridcell"][col-id="${colId}"]`);
  }

  /** Rows shown in a grid with the given name in the 姓名 column. */
  rowIndexOf(gridLabel: string, name: string): Promise<number> {
    return this.grid(gridLabel)
      .locator('[role="gridcell"][col-id="name"]', { hasText: name })
      .first()
      .locator('xpath=..')
      .getAttribute('row-index')
      .then(Number);
  }

  /** Adjusts the selected person: the stars and the reason. */
  async adjust(stars: number, reason: string): Promise<void> {
    await this.page.getByRole('button', { name: '调整', exact: true }).click();
    const d = this.dialog();
    await d.getByRole('radio', { name: `${stars}星` }).check();
    if (reason) await d.getByLabel('调整原因').fill(reason);
    await d.getByRole('button', { name: '确定调整' }).click();
  }

  async publish(): Promise<void> {
    this.page.once('dialog', (d) => void d.accept());
    await this.page.getByRole('button', { name: '发布', exact: true }).click();
    await expect(this.status()).toHaveText('已发布');
  }

  toast(text: string | RegExp): Locator {
    return this.page.locator('.toast').filter({ hasText: text });
  }
}
