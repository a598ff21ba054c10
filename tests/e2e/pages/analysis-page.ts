/// <reference lib="dom" />
/** Page model of 分析. */
import { expect, type Locator, type Page } from '@playwright/test';

export class AnalysisPage {
  constructor(readonly page: Page) {}

  async tab(name: '社区对比' | '指标' | '考核人' | '个人档案' | '模拟测算'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
    await expect(this.page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
  }

  filter(label: string): Locator {
    return this.page.getByRole('group', { name: '筛选' }).getByRole('combobox', { name: label });
  }

  /** Picks the scheme once the list has it (the list arrives after the page). */
  async chooseScheme(name: string): Promise<void> {
    const select = this.filter('考核方案');
    await expect(select.locator('option', { hasText: name })).toBeAttached();
    await select.selectOption({ label: name });
  }

  /** A chart card by its title. */
  chart(title: string | RegExp): Locator {
    return this.page.getByRole('region', { name: title });
  }

  /** The numbers behind a chart (查看数据), as text per row. */
  async chartRows(card: Locator): Promise<string[][]> {
    const details = card.locator('details.chart-data');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    const table = details.getByRole('table');
    await expect(table).toBeVisible();
    return table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent ?? '')));
  }

  evaluatorRow(name: string): Locator {
    return this.page.getByRole('table', { name: '考核人评分情况' }).getByRole('row').filter({ has: this.page.getByRole('cell', { name, exact: true }) });
  }
}
