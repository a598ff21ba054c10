/** Page model of 组织人员: what a user does there, in the words of the screen. */
import { expect, type Locator, type Page } from '@playwright/test';
import { ImportDialogModel } from './import-dialog';
import { chooseUnit } from './pickers';

export interface PersonForm {
  name: string;
  idNumber: string;
  mobile?: string;
  hireDate?: string;
  unit?: string;
}

/** What the page asks people.list for (the part the model looks at). */
interface ListInput {
  unitId?: number | null;
  search?: string;
}

export class PeoplePage {
  constructor(readonly page: Page) {}

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  /** 导入Excel: the 导入人员 dialog. */
  async openImport(): Promise<ImportDialogModel> {
    return ImportDialogModel.open(this.page, '导入Excel', '导入人员');
  }

  treeItem(name: string): Locator {
    return this.page.getByRole('treeitem', { name, exact: true });
  }

  async selectUnit(name: string): Promise<void> {
    await this.treeItem(name).locator('> .tree-row').click();
    await expect(this.treeItem(name)).toHaveAttribute('aria-selected', 'true');
  }

  /** Chooses a unit not chosen yet and waits until the grid shows its people. */
  async showUnit(name: string): Promise<void> {
    const item = this.treeItem(name);
    await expect(item).toHaveAttribute('aria-selected', 'false');
    const unitId = Number((await item.getAttribute('id'))?.replace('unit-', ''));
    await this.listed(() => this.selectUnit(name), (input) => input.unitId === unitId);
  }

  /**
   * Runs `change` and waits for the roster it makes the page read (people.list; `asked` picks the request) to be on
   * screen: the count above the grid says its length, and its first person is the grid's first row.
   */
  private async listed(change: () => Promise<void>, asked: (input: ListInput) => boolean): Promise<void> {
    const answer = this.page.waitForResponse((r) => r.url().endsWith('/rpc/people.list') && asked(r.request().postDataJSON() as ListInput));
    await change();
    const body = (await (await answer).json()) as { data?: { name: string }[] };
    const rows = body.data ?? [];
    await expect(this.count()).toHaveText(`共 ${rows.length} 人`);
    if (rows[0]) await expect(this.page.locator('[role="row"][row-index="0"] [role="gridcell"][col-id="name"]')).toHaveText(rows[0].name);
  }

  async expand(name: string): Promise<void> {
    const item = this.treeItem(name);
    if ((await item.getAttribute('aria-expanded')) !== 'true') await item.locator('> .tree-row .tree-toggle').click();
    await expect(item).toHaveAttribute('aria-expanded', 'true');
  }

  async createStreet(name: string): Promise<void> {
    await this.page.getByRole('button', { name: '新建街道' }).click();
    await this.dialog().getByLabel('名称').fill(name);
    await this.dialog().getByRole('button', { name: '保存' }).click();
    await expect(this.treeItem(name)).toBeVisible();
  }

  /** Adds a unit under `parent`. */
  async addChildUnit(parent: string, kind: string, name: string, code = ''): Promise<void> {
    await this.selectUnit(parent);
    await this.page.getByRole('button', { name: '新增下级' }).click();
    const d = this.dialog();
    await d.getByLabel('类型').selectOption({ label: kind });
    await d.getByLabel('名称').fill(name);
    if (code) await d.getByLabel('编码').fill(code);
    await d.getByRole('button', { name: '保存' }).click();
  }

  async openNewPerson(): Promise<Locator> {
    await this.page.getByRole('button', { name: '新增人员' }).click();
    await expect(this.dialog()).toBeVisible();
    return this.dialog();
  }

  async fillPerson(d: Locator, p: PersonForm): Promise<void> {
    await d.getByLabel('姓名').fill(p.name);
    await d.getByLabel('身份证号').fill(p.idNumber);
    await d.getByLabel('身份证号').press('Tab');
    if (p.mobile !== undefined) await d.getByLabel('手机号').fill(p.mobile);
    if (p.hireDate !== undefined) await d.getByLabel('入职日期').fill(p.hireDate);
    if (p.unit !== undefined) await chooseUnit(d.getByLabel('所属单位'), p.unit);
  }

  /** Types in the search box and waits for the people found (the box asks once the typing pauses). */
  async search(text: string): Promise<void> {
    const box = this.page.getByLabel('搜索人员');
    if ((await box.inputValue()) === text) return;
    await this.listed(() => box.fill(text), (input) => input.search === text);
  }

  /** The names in the grid, top to bottom as shown, once it shows rows when the count above it says there are some. */
  async names(): Promise<string[]> {
    const cells = this.page.locator('[role="gridcell"][col-id="name"]');
    const shown = Number(/(\d+)/.exec(await this.count().innerText())?.[1] ?? 0);
    if (shown > 0) await expect(cells.first()).toBeVisible();
    else await expect(cells).toHaveCount(0);
    return cells.allInnerTexts();
  }

  async rowValue(name: string, colId: string): Promise<string> {
    const index = await this.page
      .locator('[role="row"]', { has: this.page.locator('[col-id="name"]', { hasText: name }) })
      .first()
      .getAttribute('row-index');
    return this.page.locator(`[role="row"][row-index="${index}"] [col-id="${colId}"]`).innerText();
  }

  async selectPerson(name: string): Promise<void> {
    await this.page.locator('[role="gridcell"][col-id="name"]', { hasText: name }).first().click();
  }

  count(): Locator {
    return this.page.locator('.count');
  }
}
