import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openTestCore } from './helpers';

async function readBack(base64: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  expect(wb.worksheets).toHaveLength(1);
  return wb.worksheets[0]!;
}

const ID = '11010519491231002X';
const ID_DIGITS = '440306199005150233';

describe('io.exportGrid', () => {
  it('returns an xlsx with a title, a subtitle, a header row and the rows, ID numbers kept as text', async () => {
    const t = await openTestCore();
    const out = await t.call('io.exportGrid', {
      title: '人员花名册 / 固戍社区',
      subtitle: '在岗人员，截至 2026-11-23',
      columns: [
        { header: '姓名', width: 10 },
        { header: '身份证号', width: 22, type: 'text' },
        { header: '得分', type: 'number' },
        { header: '党员' },
        { header: '备注' },
      ],
      rows: [
        ['张三', ID_DIGITS, 95.5, true, null],
        ['王芳', ID, 88, false, '新入职'],
      ],
    });
    expect(out.fileName).toBe('人员花名册_固戍社区_2026-11-23.xlsx');
    // a zip (PK)
    expect(Buffer.from(out.base64, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');

    const ws = await readBack(out.base64);
    expect(ws.name).toBe('人员花名册   固戍社区');
    expect(ws.getCell('A1').value).toBe('人员花名册 / 固戍社区');
    expect(ws.getCell('A1').isMerged).toBe(true);
    expect(ws.getCell('E1').master.address).toBe('A1');
    expect(ws.getCell('A2').value).toBe('在岗人员，截至 2026-11-23');
    expect(ws.getRow(3).values).toEqual([undefined, '姓名', '身份证号', '得分', '党员', '备注']);
    expect(ws.getCell('A3').font?.bold).toBe(true);

    const id = ws.getCell('B4');
    expect(id.type).toBe(ExcelJS.ValueType.String);
    expect(id.value).toBe(ID_DIGITS);
    expect(id.numFmt).toBe('@');
    expect(ws.getCell('B5').value).toBe(ID);
    expect(ws.getCell('C4').type).toBe(ExcelJS.ValueType.Number);
    expect(ws.getCell('C4').value).toBe(95.5);
    expect(ws.getCell('D4').value).toBe('是');
    expect(ws.getCell('D5').value).toBe('否');
    expect(ws.getCell('E4').value).toBeNull();
    expect(ws.getCell('E5').value).toBe('新入职');
    expect(ws.rowCount).toBe(5);

    // as wide as the screen's column at most, narrower when header and values need less (得分 · 95.5: 12 → 7); the
    // 18-digit ID sized for a wide substitute font (18 × 1.25 + 1.5), so it never prints cut
    expect(ws.getColumn(2).width).toBe(24);
    expect(ws.getColumn(3).width).toBe(7);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  });

  it('without a subtitle the header is row 2, and a number given to a text column stays text', async () => {
    const t = await openTestCore();
    const out = await t.call('io.exportGrid', {
      title: '积分',
      columns: [{ header: '编号' }, { header: '分', type: 'number' }],
      rows: [[12, 'n/a']],
    });
    const ws = await readBack(out.base64);
    expect(ws.getRow(2).values).toEqual([undefined, '编号', '分']);
    expect(ws.getCell('A3').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('A3').value).toBe('12');
    expect(ws.getCell('B3').value).toBe('n/a');
    expect(ws.views[0]).toMatchObject({ ySplit: 2 });
  });

  it('a date column holds real date cells of the wall-clock day, read back on that same day whatever the time zone', async () => {
    const t = await openTestCore();
    const out = await t.call('io.exportGrid', {
      title: '入职',
      columns: [{ header: '入职日期', type: 'date' }],
      rows: [['2022-07-01'], ['2024-12-31'], ['不详']],
    });
    const ws = await readBack(out.base64);
    const cell = ws.getCell('A3');
    expect(cell.value).toBeInstanceOf(Date);
    expect((cell.value as Date).toISOString()).toBe('2022-07-01T00:00:00.000Z');
    expect(cell.numFmt).toBe('yyyy-mm-dd');
    expect((ws.getCell('A4').value as Date).toISOString().slice(0, 10)).toBe('2024-12-31');
    expect(ws.getCell('A5').value).toBe('不详');
  });

  it('exports a single column and no rows', async () => {
    const t = await openTestCore();
    const out = await t.call('io.exportGrid', { title: '空表', columns: [{ header: '姓名' }], rows: [] });
    const ws = await readBack(out.base64);
    expect(ws.getCell('A1').value).toBe('空表');
    expect(ws.getCell('A2').value).toBe('姓名');
  });

  it('refuses an empty title or no columns, in Chinese', async () => {
    const t = await openTestCore();
    const e = await t.callError('io.exportGrid', { title: ' ', columns: [], rows: [] });
    expect(e.issues).toEqual([
      { field: 'title', message: '请填写标题' },
      { field: 'columns', message: '没有可导出的列' },
    ]);
  });
});

describe('io.exportGrid at size', () => {
  it('writes 50,000 rows a few hundred at a time: other calls are answered meanwhile, and its progress can be asked', async () => {
    const t = await openTestCore();
    const rows = Array.from({ length: 50_000 }, (_, i) => [`员工${i}`, ID_DIGITS, i / 10, i % 2 === 0, '2026-11-23']);
    const jobId = 'export-test-job';
    const exporting = t.call('io.exportGrid', {
      title: '大表',
      columns: [{ header: '姓名' }, { header: '身份证号', type: 'text' }, { header: '分', type: 'number' }, { header: '党员' }, { header: '日期', type: 'date' }],
      rows,
      jobId,
    });
    // while it runs: another call is answered, and the export says how far it has come
    const seen: number[] = [];
    let answeredWhileExporting = false;
    let done = false;
    void exporting.then(() => (done = true));
    while (!done) {
      const started = performance.now();
      const p = await t.call('io.exportProgress', { jobId });
      if (p && p.done < p.total) {
        seen.push(p.done);
        answeredWhileExporting ||= (await t.raw('system.info', {})).ok && performance.now() - started < 1000;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const out = await exporting;
    expect(answeredWhileExporting).toBe(true);
    expect(seen.length).toBeGreaterThan(1);
    expect(await t.call('io.exportProgress', { jobId })).toEqual({ done: 50_000, total: 50_000 });
    const ws = await readBack(out.base64);
    expect(ws.rowCount).toBe(50_000 + 2);
    expect(ws.getCell('B3').value).toBe(ID_DIGITS);
    expect(ws.getCell(`A${50_000 + 2}`).value).toBe('员工49999');
  }, 60_000);

  it('refuses more than 200,000 rows, and too many cells, in Chinese', async () => {
    const t = await openTestCore();
    const tooMany = await t.callError('io.exportGrid', { title: '大表', columns: [{ header: '姓名' }], rows: Array.from({ length: 200_001 }, () => ['x']) });
    expect(tooMany).toMatchObject({ code: 'VALIDATION', message: '一次最多导出20万行，请先筛选再导出' });
    const wide = await t.callError('io.exportGrid', {
      title: '宽表',
      columns: Array.from({ length: 50 }, (_, i) => ({ header: `列${i}` })),
      rows: Array.from({ length: 45_000 }, () => Array.from({ length: 50 }, () => null)),
    });
    expect(wide.message).toMatch(/单元格过多/);
  }, 60_000);
});
