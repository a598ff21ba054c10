/** Driving the searchable pickers (components/UnitPicker, PersonPicker) the way a user does: type, then choose. */
import { expect, type Locator } from '@playwright/test';

/**
 * Chooses a unit by its path ('幸福社区 / 第二网格'): types the unit's own name, then takes the option of that path
 * (options are named by their paths) with the arrow keys and Enter. The box then shows the path.
 */
export async function chooseUnit(box: Locator, path: string): Promise<void> {
  const name = path.split(' / ').at(-1)!;
  await box.click();
  await box.fill(name);
  const list = box.page().getByRole('listbox', { name: '可选单位' });
  const option = list.getByRole('option', { name: path, exact: true });
  await expect(option).toBeVisible();
  for (let i = 0; i < 50 && (await option.getAttribute('aria-selected')) !== 'true'; i++) await box.press('ArrowDown');
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await box.press('Enter');
  await expect(list).toBeHidden();
  await expect(box).toHaveValue(path);
}

/** The list of a flat picker (components/ChoicePicker: communities, evaluators), drawn inside the picker. */
function choiceList(box: Locator): Locator {
  return box.locator('xpath=..').getByRole('listbox');
}

/** Chooses `label` in a flat picker the way a user does: types it, moves to its row, Enter. The box then shows it. */
export async function pickChoice(box: Locator, label: string): Promise<void> {
  await box.click();
  await box.fill(label);
  const option = choiceList(box).getByRole('option', { name: label, exact: true });
  await expect(option).toBeVisible();
  for (let i = 0; i < 50 && (await option.getAttribute('aria-selected')) !== 'true'; i++) await box.press('ArrowDown');
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await box.press('Enter');
  await expect(choiceList(box)).toBeHidden();
  await expect(box).toHaveValue(label);
}

/** What a flat picker offers, in order, as its list opened with ↓ shows it (closed again with Esc). */
export async function choicesOf(box: Locator): Promise<string[]> {
  await box.focus();
  await box.press('ArrowDown');
  const options = choiceList(box).getByRole('option');
  await expect(options.first()).toBeVisible();
  const labels = await options.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
  await box.press('Escape');
  return labels;
}
