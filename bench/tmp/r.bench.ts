import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCore, type Core } from '../../src/main/core/app';
import { dispatch } from '../../src/main/core/rpc';
import { idCheckChar } from '../../src/shared/domain/idcard';
import { measure } from '../harness';

const actor = { name: '基准', role: 'admin' } as const;
let dir: string;
let core: Core;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'grid-bench-'));
  core = await openCore({ dataDir: dir, appVersion: 'bench', now: () => new Date('2026-11-23T02:00:00Z') });
  const loaded = await dispatch(core, actor, 'system.loadDemo', {});
  expect(loaded.ok).toBe(true);
});

afterAll(() => {
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

it('roster-list: the whole street through the dispatcher vs a raw join of the same rows', async () => {
  const raw = core.db.prepare(
    `SELECT p.*, t.unit_id, t.roles, t.status FROM people p
     JOIN person_terms t ON t.person_id = p.id AND t.valid_to IS NULL ORDER BY p.name_pinyin`,
  );
  const figure = await measure({
    id: 'roster-list',
    what: 'people.list, whole street (~1,000 people, as of today, with unit paths), vs raw SELECT … JOIN',
    subject: async () => {
      const r = await dispatch(core, actor, 'people.list', { unitId: null, status: '全部' });
      if (!r.ok) throw new Error(r.error.message);
    },
    baseline: () => raw.all().map((row) => JSON.parse((row as { roles: string }).roles) as unknown),
  });
  expect(figure.ratio).toBeGreaterThan(0);
});

it('roster-search: pinyin initials across the street vs a raw LIKE on the same column', async () => {
  const raw = core.db.prepare("SELECT * FROM people WHERE name_initials LIKE 'zs%' ORDER BY name_pinyin");
  const figure = await measure({
    id: 'roster-search',
    what: "people.list with search 'zs' over the street, vs raw SELECT … WHERE name_initials LIKE 'zs%'",
    subject: async () => {
      const r = await dispatch(core, actor, 'people.list', { unitId: null, search: 'zs' });
      if (!r.ok) throw new Error(r.error.message);
    },
    baseline: () => raw.all(),
  });
  expect(figure.ratio).toBeGreaterThan(0);
});

it('roster-import: 1,000 rows of an office roster to a preview vs exceljs reading the same file', async () => {
  const grids = core.db
    .prepare(
      `SELECT c.name AS community, g.name AS grid FROM org_units g JOIN org_units c ON c.id = g.parent_id
        WHERE g.kind = 'grid_basic' AND g.retired_on IS NULL AND c.kind IN ('community', 'village') ORDER BY g.id`,
    )
    .all() as { community: string; grid: string }[];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['西乡街道网格员花名册']);
  ws.mergeCells('A1:G1');
  ws.addRow(['序号', '姓名', '身份证号码', '联系电话', '社区', '网格', '入职日期']);
  for (let i = 0; i < 1000; i++) {
    const first17 = `${320100 + (i % 90)}1985${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`;
    const g = grids[i % grids.length]!;
    ws.addRow([i + 1, `基准${String.fromCharCode(0x4e00 + i)}`, first17 + idCheckChar(first17), `139${String(i).padStart(8, '0')}`, g.community, g.grid, '2024-03-01']);
  }
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  const base64 = bytes.toString('base64');
  const subj = async () => { const r = await dispatch(core, actor, 'people.previewImport', { fileName: '花名册.xlsx', base64 }); if (!r.ok) throw new Error(r.error.message); };
  const base = () => new ExcelJS.Workbook().xlsx.load(bytes as unknown as ArrayBuffer);
  for (let i = 0; i < 10; i++) { await subj(); await base(); }
  let a = 0, b = 0;
  for (let i = 0; i < 20; i++) { let t = performance.now(); await subj(); a += performance.now() - t; t = performance.now(); await base(); b += performance.now() - t; }
  console.log('T', a / 20, b / 20);
  { const { Session } = await import('node:inspector/promises'); const fs = await import('node:fs');
    const ss = new Session(); ss.connect(); await ss.post('Profiler.enable'); await ss.post('Profiler.setSamplingInterval', { interval: 100 }); await ss.post('Profiler.start');
    for (let i = 0; i < 40; i++) await subj();
    const { profile } = await ss.post('Profiler.stop'); fs.writeFileSync('/tmp/roster.cpuprofile', JSON.stringify(profile)); }
  const figure = await measure({
    id: 'roster-import',
    what: 'excel.previewRoster of 1,000 new people (header detection, every check, unit lookup) vs exceljs load of the same file',
    subject: async () => {
      const r = await dispatch(core, actor, 'people.previewImport', { fileName: '花名册.xlsx', base64 });
      if (!r.ok) throw new Error(r.error.message);
      if ((r.data as { counts: { new: number } }).counts.new !== 1000) throw new Error('expected 1,000 new rows');
    },
    baseline: () => new ExcelJS.Workbook().xlsx.load(bytes as unknown as ArrayBuffer),
    runs: 25,
  });
  expect(figure.ratio).toBeGreaterThan(0);
});
