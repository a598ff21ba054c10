/// <reference lib="dom" />
/** Page model of 表彰: what a user does there, in the words of the screen. */
import { expect, type Locator, type Page } from '@playwright/test';

export const CANDIDATES = '候选人名单';

export class AwardsPage {
  constructor(readonly page: Page) {}

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  toast(text: string | RegExp): Locator {
    return this.page.locator('.toast').filter({ hasText: text });
  }

  stage(): Locator {
    return this.page.getByLabel('批次阶段');
  }

  batchList(): Locator {
    return this.page.getByRole('listbox', { name: '表彰批次' });
  }

  async selectBatch(name: string): Promise<void> {
    await this.batchList().getByRole('option').filter({ hasText: name }).click();
    await expect(this.page.getByRole('region', { name: '表彰批次详情' }).getByRole('heading', { name })).toBeVisible();
  }

  /** 新建表彰批次 from a template, with the name and date given. */
  async create(template: string, name: string, date: string): Promise<void> {
    await this.page.getByRole('button', { name: '新建表彰批次' }).click();
    const d = this.dialog();
    await d.getByLabel('模板').selectOption(template);
    await d.getByLabel('表彰名称').fill(name);
    await d.getByLabel('表彰日期').fill(date);
    await d.getByRole('button', { name: '保存' }).click();
    await expect(this.toast(`已新建表彰批次“${name}”`)).toBeVisible();
    await expect(this.page.getByRole('region', { name: '表彰批次详情' }).getByRole('heading', { name })).toBeVisible();
  }

  async nominate(o: { from: string; to: string; perCommunity: string; total?: string; basis?: string }): Promise<void> {
    await this.page.getByRole('button', { name: '从排名提名' }).click();
    const d = this.dialog();
    if (o.basis) await d.getByLabel('排名依据').selectOption({ label: o.basis });
    await d.getByLabel('起始月份').fill(o.from);
    await d.getByLabel('截止月份').fill(o.to);
    await d.getByLabel('每社区名额').fill(o.perCommunity);
    await d.getByLabel('总名额').fill(o.total ?? '');
    await d.getByRole('button', { name: '提名', exact: true }).click();
    await expect(this.toast(/^已提名 \d+ 人/)).toBeVisible();
    await expect(d).toBeHidden();
  }

  grid(): Locator {
    return this.page.getByRole('region', { name: CANDIDATES });
  }

  cell(rowIndex: number, colId: string): Locator {
    return this.grid().locator(`[role="row"][row-index="${rowIndex}"] [role="gridcell"][col-id="${colId}"]`);
  }

  /** Row indexes whose 状态 column reads the text (a tie reads its mark: 并列第N，名额线上). */
  async rowsWithStatus(status: string): Promise<number[]> {
    const cells = this.grid().locator('[role="gridcell"][col-id="status"]', { hasText: status });
    // read in one go: the grid may redraw its rows between one locator's read and the next
    const out = await cells.evaluateAll((els) => els.map((e) => Number(e.closest('[row-index]')?.getAttribute('row-index'))));
    return out.sort((a, b) => a - b);
  }

  async pickRow(rowIndex: number): Promise<void> {
    await this.cell(rowIndex, 'name').click();
  }

  async withReason(button: '移除' | '保留入选', reason: string): Promise<void> {
    await this.page.getByRole('button', { name: button, exact: true }).click();
    const d = this.dialog();
    await d.getByRole('textbox').fill(reason);
    await d.getByRole('button', { name: button === '移除' ? '移除' : '保留', exact: true }).click();
    await expect(d).toBeHidden();
  }

  /** The names of one community in the 调整名单顺序 dialog, in their order. */
  async orderOf(community: string): Promise<string[]> {
    const items = this.dialog().getByRole('list', { name: `${community}名单顺序` }).getByRole('listitem');
    return (await items.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))).filter(Boolean);
  }

  /** A name's row in the 调整名单顺序 dialog. */
  orderItem(community: string, name: string): Locator {
    return this.dialog().getByRole('list', { name: `${community}名单顺序` }).getByRole('listitem', { name, exact: true });
  }

  /** The primary stage button: 提交审核, 提交公示, 发布表彰 (confirmed). */
  async forward(label: '提交审核' | '提交公示' | '发布表彰', expected: string): Promise<void> {
    if (label === '发布表彰') this.page.once('dialog', (d) => void d.accept());
    await this.page.getByRole('button', { name: label }).click();
    await expect(this.stage()).toHaveText(expected);
  }
}
