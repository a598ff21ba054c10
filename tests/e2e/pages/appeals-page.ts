/** Page model of 申诉复核. */
import { expect, type Locator, type Page } from '@playwright/test';

export class AppealsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: '申诉复核' }).click();
    await expect(this.page.getByRole('heading', { name: '申诉复核' })).toBeVisible();
  }

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  /** The grid row of an appeal (by its 编号 申诉#id). */
  row(id: number): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('gridcell', { name: `申诉#${id}`, exact: true }) });
  }

  async showAll(): Promise<void> {
    await this.page.getByRole('combobox', { name: '状态' }).selectOption({ label: '全部' });
  }

  /** 登记申诉: the person picked by what is typed (an ID number), the result by its subject, and the reason. */
  async file(typed: string, name: string, subject: string, reason: string): Promise<void> {
    await this.page.getByRole('button', { name: '登记申诉' }).click();
    const box = this.dialog().getByRole('combobox', { name: '申诉人' });
    await box.fill(typed);
    await this.page.getByRole('option').filter({ hasText: name }).first().click();
    await expect(box).toHaveValue(name);
    const target = this.dialog().getByLabel('申诉的考核结果');
    const option = target.locator('option', { hasText: subject });
    await target.selectOption({ label: (await option.textContent())! });
    await this.dialog().getByLabel('申诉理由').fill(reason);
    await this.dialog().getByRole('button', { name: '保存' }).click();
    await expect(this.dialog()).toBeHidden();
  }
}
