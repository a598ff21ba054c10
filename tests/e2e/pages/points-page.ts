/// <reference lib="dom" />
/** Page model of 积分. */
import { expect, type Locator, type Page } from '@playwright/test';

export class PointsPage {
  constructor(readonly page: Page) {}

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  async tab(name: '快速录入' | '积分台账' | '积分排行' | '积分规则' | '平台统计'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  // ---- quick entry ----

  async chooseRule(label: string): Promise<void> {
    await this.page.getByLabel('积分规则').selectOption({ label });
  }

  personBox(): Locator {
    return this.page.getByRole('combobox', { name: '人员' });
  }

  suggestions(): Locator {
    return this.page.getByRole('listbox', { name: '匹配的人员' }).getByRole('option');
  }

  /**
   * Types pinyin initials in the person box and picks the suggestion at `index` with the arrow keys, then either
   * Enter (the cursor jumps to the quantity) or Tab; types the quantity and Enter adds the line. Returns who it was.
   */
  async addByPinyin(
    initials: string,
    quantity: string,
    { index = 0, via = 'Enter' }: { index?: number; via?: 'Enter' | 'Tab' } = {},
  ): Promise<{ name: string; path: string }> {
    const box = this.personBox();
    await expect(box).toBeFocused();
    await box.pressSequentially(initials);
    await expect(this.suggestions().first()).toBeVisible();
    for (let i = 0; i < index; i++) await this.page.keyboard.press('ArrowDown');
    const option = this.suggestions().nth(index);
    await expect(option).toHaveAttribute('aria-selected', 'true');
    const name = (await option.locator('.name').innerText()).trim();
    const path = (await option.locator('.path').innerText()).trim();
    await this.page.keyboard.press(via);
    await expect(this.page.getByLabel('数量')).toBeFocused();
    await this.page.keyboard.type(quantity);
    await this.page.keyboard.press('Enter');
    await expect(this.lines().filter({ hasText: name }).filter({ hasText: path })).toHaveCount(1);
    return { name, path };
  }

  lines(): Locator {
    return this.page.getByRole('table', { name: '待提交' }).locator('tbody tr');
  }

  // ---- grids ----

  /** The grid region with the given label. */
  grid(label: string): Locator {
    return this.page.getByRole('region', { name: label });
  }

  row(label: string, text: string): Locator {
    return this.grid(label).locator('[role="row"][row-index]').filter({ hasText: text });
  }

  /** The name cells: one a row, also where the name column is pinned. */
  names(label: string): Locator {
    return this.grid(label).locator('[role="gridcell"][col-id="name"]');
  }

  /** A cell of the row whose pinned or centre part holds `rowText`; AG Grid splits pinned columns into another row. */
  async cellOf(label: string, rowText: string, colId: string): Promise<string> {
    const grid = this.grid(label);
    const rowIndex = await grid.locator('[role="row"][row-index]', { hasText: rowText }).first().getAttribute('row-index');
    return grid.locator(`[role="row"][row-index="${rowIndex}"] [role="gridcell"][col-id="${colId}"]`).first().innerText();
  }

  /** Switches the leaderboard to 月/季/年/累计 and waits for its figures. */
  async chooseKind(kind: '月' | '季' | '年' | '累计', expectLabel: RegExp): Promise<void> {
    await this.page.getByRole('radio', { name: kind }).click();
    await expect(this.page.getByLabel('统计期间说明')).toHaveText(expectLabel);
  }

  /** The leaderboard's points for a person (found by name and unit) in the chosen period. */
  async rankingPoints(who: { name: string; path: string }): Promise<number> {
    await this.page.getByLabel('查找人员').fill(`${who.name} ${who.path}`);
    await expect(this.names('积分排行')).toHaveCount(1);
    return Number(await this.cellOf('积分排行', who.name, 'points'));
  }

  toast(text: string | RegExp): Locator {
    return this.page.locator('.toast').filter({ hasText: text });
  }
}
