/// <reference lib="dom" />
/** Page model of 年度考核 (period and annual assessment). */
import { expect, type Locator, type Page } from '@playwright/test';

export class PeriodsPage {
  constructor(readonly page: Page) {}

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  toast(text: string | RegExp): Locator {
    return this.page.locator('.toast').filter({ hasText: text });
  }

  async tab(name: '考核结果' | '年终测评' | '考核期间' | '考核方案'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
    await expect(this.page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
  }

  // ---- 考核方案 ----

  editor(): Locator {
    return this.page.getByRole('region', { name: '周期考核方案编辑' });
  }

  async newScheme(name: string, kind: '季度' | '半年' | '年度'): Promise<void> {
    await this.page.getByRole('button', { name: '新建方案' }).click();
    await this.dialog().getByLabel('方案名称').fill(name);
    await this.dialog().getByLabel('考核周期').selectOption({ label: kind });
    await this.dialog().getByRole('button', { name: '创建' }).click();
    await expect(this.dialog()).toBeHidden();
    await expect(this.editor().getByRole('heading', { name })).toBeVisible();
  }

  async setWeights(months: number, appraisal: number, points: number): Promise<void> {
    await this.editor().getByLabel('月度考核权重').fill(String(months));
    await this.editor().getByLabel('年终测评权重').fill(String(appraisal));
    await this.editor().getByLabel('积分权重').fill(String(points));
  }

  weightsSum(): Locator {
    return this.editor().getByTestId('weights-sum');
  }

  weightsError(): Locator {
    return this.editor().getByTestId('weights-error');
  }

  async saveDraft(): Promise<void> {
    await this.editor().getByRole('button', { name: '保存草稿' }).click();
  }

  async publish(): Promise<void> {
    await this.editor().getByRole('button', { name: '发布' }).click();
  }

  // ---- 考核期间 ----

  async openPeriod(scheme: string, period: string): Promise<void> {
    await this.page.getByRole('button', { name: '开启期间' }).click();
    await this.dialog().getByLabel('周期考核方案').selectOption({ label: scheme });
    await this.dialog().getByLabel('考核期间').fill(period);
    await this.dialog().getByRole('button', { name: '开启' }).click();
  }

  // ---- 年终测评 ----

  ballotGrid(): Locator {
    return this.page.getByRole('region', { name: '测评表' });
  }

  async chooseRater(label: string): Promise<void> {
    await this.page.getByRole('combobox', { name: '测评人' }).selectOption({ label });
  }

  ballotCell(rowIndex: number): Locator {
    return this.ballotGrid().locator(`[role="row"][row-index="${rowIndex}"] [role="gridcell"][col-id="ballot"]`);
  }

  /** Focuses a ballot cell without opening its list, then types each key as a user would. */
  async typeBallots(fromRow: number, keys: string[]): Promise<void> {
    await this.ballotCell(fromRow).click();
    for (const key of keys) await this.page.keyboard.press(key);
  }

  // ---- 考核结果 ----

  resultsGrid(): Locator {
    return this.page.getByRole('region', { name: '考核结果' });
  }

  async rowIndexOf(name: string): Promise<number> {
    const cell = this.page.locator('[role="gridcell"][col-id="name"]').filter({ hasText: new RegExp(`^${name}$`) });
    const row = this.resultsGrid().locator('[role="row"]', { has: cell });
    return Number(await row.first().getAttribute('row-index'));
  }

  async cellOf(name: string, colId: string): Promise<Locator> {
    const i = await this.rowIndexOf(name);
    return this.resultsGrid().locator(`[role="row"][row-index="${i}"] [role="gridcell"][col-id="${colId}"]`);
  }

  /** The line of a person: total, grade, and the four ranks, as shown. */
  async line(name: string): Promise<string[]> {
    const out: string[] = [];
    for (const col of ['total', 'grade', 'rankGrid', 'rankCommunity', 'rankRole', 'rankStreet']) out.push((await (await this.cellOf(name, col)).innerText()).trim());
    return out;
  }

  ties(): Locator {
    return this.page.getByRole('region', { name: '名额线上并列' });
  }

  async decideTie(name: string, keep: boolean, reason: string): Promise<void> {
    await this.ties().getByRole('button', { name: `${name}${keep ? '保留优秀' : '降为良好'}` }).click();
    await this.dialog().getByLabel('决定的理由').fill(reason);
    await this.dialog().getByRole('button', { name: '确定' }).click();
    await expect(this.dialog()).toBeHidden();
  }

  /** 归档, confirming the question the page asks. */
  async finalise(): Promise<void> {
    this.page.once('dialog', (d) => void d.accept());
    await this.page.getByRole('button', { name: '归档', exact: true }).click();
  }
}
