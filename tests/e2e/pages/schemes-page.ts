/** Page model of 考核方案: what a user does there, in the words of the screen. */
import { expect, type Locator, type Page } from '@playwright/test';

export class SchemesPage {
  constructor(readonly page: Page) {}

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  listItem(name: string): Locator {
    return this.page.getByRole('listbox', { name: '考核方案' }).getByRole('option').filter({
      has: this.page.locator('.scheme-name', { hasText: new RegExp(`^${name}$`) }),
    });
  }

  editor(): Locator {
    return this.page.getByRole('region', { name: '方案编辑' });
  }

  title(): Locator {
    return this.editor().getByRole('heading', { level: 2 });
  }

  sum(): Locator {
    return this.page.getByTestId('sum-indicator');
  }

  issues(): Locator {
    return this.page.getByRole('alert', { name: '需要修改的内容' });
  }

  versionSelect(): Locator {
    return this.editor().getByLabel('版本', { exact: true });
  }

  button(name: string): Locator {
    return this.editor().getByRole('button', { name, exact: true });
  }

  /** 新建方案 from a template (its label, e.g. 微网格长月度考核) or 空白方案, keeping the suggested name unless given. */
  async create(template: string, name?: string): Promise<void> {
    await this.page.getByRole('button', { name: '新建方案' }).first().click();
    const d = this.dialog();
    await expect(d).toBeVisible();
    await d.getByRole('radio', { name: new RegExp(template) }).check();
    if (name !== undefined) await d.getByLabel('方案名称').fill(name);
    await d.getByRole('button', { name: '创建' }).click();
    await expect(d).toBeHidden();
  }

  async publish(): Promise<void> {
    await this.button('发布').click();
  }

  /** The grid row of a criterion, by its name. */
  row(criterion: string): Locator {
    return this.page.locator('.criteria-grid [role="row"]').filter({
      has: this.page.locator('[col-id="name"]', { hasText: new RegExp(`^${criterion}$`) }),
    });
  }

  cell(criterion: string, colId: string): Locator {
    return this.row(criterion).locator(`[col-id="${colId}"]`);
  }

  /** Edits a cell with the keyboard: focus it, Enter to edit, type, Enter to commit. */
  async setCell(criterion: string, colId: string, value: string): Promise<void> {
    const cell = this.cell(criterion, colId);
    await cell.click();
    await this.page.keyboard.press('Enter');
    const input = cell.locator('input');
    await expect(input).toBeFocused();
    await input.fill(value);
    await input.press('Enter');
    await expect(cell).toHaveText(value);
  }

  /** Types into a cell and leaves the editor open (a click elsewhere commits it). */
  async typeInCell(criterion: string, colId: string, value: string): Promise<void> {
    const cell = this.cell(criterion, colId);
    await cell.click();
    await this.page.keyboard.press('Enter');
    const input = cell.locator('input');
    await expect(input).toBeFocused();
    await input.fill(value);
  }

  /** The categories of the criteria, in grid order, each once. */
  async categories(): Promise<string[]> {
    const all = await this.page.locator('.criteria-grid [role="gridcell"][col-id="category"]').allInnerTexts();
    return [...new Set(all.map((t) => t.trim()))];
  }

  async shot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test-results/screenshots/schemes-${name}.png` });
  }
}
