/**
 * Issue 15, imports: one wrong row no longer blocks fifty good ones. The default stays all or nothing; the explicit
 * 只导入正确的 50 行 writes the fifty and downloads the wrong row with its 错误原因 (read back with exceljs). The
 * wrong row's unknown community suggests the nearest known one and never offers to create it; 政治面貌 is kept as
 * written (预备党员 → 中共预备党员) and shown in the roster and the person dialog.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { idCheckChar } from '../../src/shared/domain/idcard';
import { sheetWorkbook, type CellInput } from '../unit/import-workbooks';
import { expect, test } from './fixtures';
import { PeoplePage } from './pages/people-page';
import { DATA_FILE_NAME } from '../support/host-process';

const HEADER = ['序号', '姓名', '身份证号码', '联系电话', '社区', '网格', '政治面貌'];
const SURNAMES = ['赵', '钱', '孙', '李', '周', '吴', '郑', '冯', '陈', '褚'];
const GIVEN = ['一鸣', '二丫', '三石', '四海', '五岳'];
const STATUSES = ['中共党员', '预备党员', '团员', '群众', ''];

/** 50 new people of 固戍社区 第01网格 with valid, unused ID numbers (born 1987, a sequence the demo never draws). */
function goodRows(): CellInput[][] {
  return Array.from({ length: 50 }, (_, i) => {
    const first17 = `44030619870${1 + (i % 9)}${String(10 + (i % 18)).padStart(2, '0')}${String(900 + i).slice(-3)}`;
    const name = `${SURNAMES[i % 10]}${GIVEN[Math.floor(i / 10)]}`;
    return [name, first17 + idCheckChar(first17), `1370000${String(1000 + i)}`, '固戍社区', '第01网格', STATUSES[i % 5]];
  });
}

test('one wrong row: the default refuses, 只导入正确的 50 行 writes 50 and downloads the wrong row with its 错误原因', async ({ demoHost }) => {
  const page = await demoHost.open('people');
  await page.setViewportSize({ width: 1366, height: 768 });
  const roster = new PeoplePage(page);
  const good = goodRows();
  const wrongId = `44030619860101955`;
  const wrong: CellInput[] = ['错社区', wrongId + idCheckChar(wrongId), '13700009999', '合西社区', '第01网格', '群众'];
  const rows = [...good.slice(0, 20), wrong, ...good.slice(20)].map((r, i) => [i + 1, ...r]);
  const file = sheetWorkbook(rows, { sheet: '花名册', title: '西乡街道网格员花名册', headerRows: [HEADER], textColumns: [3, 4] });

  const dialog = await roster.openImport();
  await dialog.choose('花名册.xlsx', file);
  await dialog.expectCounts({ new: 50, changed: 0, unchanged: 0, wrong: 1 });
  // The unknown community names the row and column and suggests the nearest known one; nothing invites creating it.
  await expect(dialog.errorList()).toContainText('第23行 E列（所属社区）：未找到社区“合西社区”，是否为：河西社区？');
  await expect(dialog.notes().filter({ hasText: '合西社区' })).toContainText('导入不会新建单位');
  await expect(dialog.dialog).not.toContainText(/建好|请先.*新建/);
  // The default is all or nothing: 确认导入 is refused while a row is wrong; the second choice is offered.
  await expect(dialog.confirmButton()).toBeDisabled();
  await expect(dialog.dialog).toContainText('确认导入须全部正确');
  await expect(dialog.goodOnlyButton()).toHaveText('只导入正确的 50 行');
  await dialog.dialog.getByRole('checkbox', { name: '只看有错误的行' }).uncheck();
  await page.screenshot({ path: 'test-results/e2e/import-good-only-preview.png' });

  const { fileName, workbook } = await dialog.importGoodOnly();
  expect(fileName).toBe('花名册-有错误的行.xlsx');
  await expect(page.getByRole('status').filter({ hasText: '已导入：新增 50 人' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '有错误的 1 行未导入，已下载为“花名册-有错误的行.xlsx”' })).toBeVisible();

  // The downloaded file: the user's title and header, the wrong row as it was, and why.
  const ws = workbook.getWorksheet('花名册')!;
  expect(ws.getCell('A1').value).toBe('西乡街道网格员花名册');
  expect(ws.getRow(2).values).toEqual([undefined, ...HEADER, '错误原因']);
  expect(ws.rowCount).toBe(3);
  expect(ws.getRow(3).values).toEqual([undefined, 21, ...wrong, 'E列（所属社区）：未找到社区“合西社区”，是否为：河西社区？']);

  // Fifty written, the wrong one not; 政治面貌 as written.
  const db = new Database(join(demoHost.dataDir, DATA_FILE_NAME), { readonly: true });
  const ids = good.map((r) => r[1] as string);
  const written = db.prepare(`SELECT id_number, political_status FROM people WHERE id_number IN (${ids.map(() => '?').join(',')})`).all(...ids) as { id_number: string; political_status: string }[];
  const skipped = db.prepare('SELECT count(*) FROM people WHERE id_number = ?').pluck().get(wrong[1]);
  db.close();
  expect(written).toHaveLength(50);
  expect(skipped).toBe(0);
  expect(new Set(written.map((w) => w.political_status))).toEqual(new Set(['中共党员', '中共预备党员', '共青团员', '群众', '']));

  await roster.search('钱一鸣');
  expect(await roster.rowValue('钱一鸣', 'politicalStatus')).toBe('中共预备党员');
  await roster.selectPerson('钱一鸣');
  await page.getByRole('region', { name: '人员', exact: true }).getByRole('button', { name: '编辑' }).click();
  await expect(roster.dialog().getByLabel('政治面貌')).toHaveValue('中共预备党员');
  await page.screenshot({ path: 'test-results/e2e/import-good-only-person.png' });
  await roster.dialog().getByLabel('政治面貌').selectOption('中共党员');
  await roster.dialog().getByRole('button', { name: '保存' }).click();
  await expect(roster.dialog()).toBeHidden();
  await expect.poll(() => roster.rowValue('钱一鸣', 'politicalStatus')).toBe('中共党员');
});
