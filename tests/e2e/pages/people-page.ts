/** Page model of 组织人员: what a user does there, in the words of the screen. */
import { expect, type Locator, type Page } from '@playwright/test';
import { ImportDialogModel } from './import-dialog';

export interface PersonForm {
  name: string;
  idNumber: string;
  mobile?: string;
  hireDate?: string;
  unit?: string;
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
    if (p.unit !== undefined) await d.getByLabel('所属单位').selectOption({ label: p.unit });
  }

  async search(text: string): Promise<void> {
    await this.page.getByLabel('搜索人员').fill(text);
  }

  /** The names in the grid, top to bottom as shown. */
  async names(): Promise<string[]> {
    await this.page.waitForTimeout(400); // the search box waits 200 ms before it asks
    return this.page.locator('[role="gridcell"][col-id="name"]').allInnerTexts();
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
