import { describe, expect, it } from 'vitest';
import { charStrokes, compareByStroke, formatDocumentDate, formatDocumentPeriod, padName, sortByStroke, splitName, strokeComparator } from '../../src/shared/domain/stroke-order';

/**
 * Ordered by hand. Surname strokes counted the mainland way, first strokes by class 横1 竖2 撇3 点4 折5:
 *  2: 丁 一亅 (横) · 卜 丨丶 (竖) · 刁 𠃌㇀ (折)
 *  3: 万 一𠃌丿 (横) · 上官 丨一一 (竖) · 马 𠃍㇉一 (折)
 *  4: 王 横 · 毛 撇 · 方 点 · 尹 折横 · 孔 折(乛)竖(亅) · 邓 折(乛)点(丶)  — 又2 + 阝2 = 4
 *  5: 石 横 · 史 竖 · 白 撇 · 司马 折 (𠃌)
 *  6: 刘 点
 *  7: 李 横 · 吴 竖 · 邱 3,2,1,2,1 (丘) · 何 3,2,1,2,5 (亻+可) · 邹 3,5 (刍) · 陈 5,2 (阝2 + 东5) · 邵 5,3 (刀 of 召)
 *  8: 范 1,2,2 (艹3 + 氾5) · 林 1,2,3 · 欧阳 1,3 (区) · 周 撇 · 郑 点 (关6 + 阝2)
 *  9: 赵 1,2,1 (走) · 胡 1,2,2 (古)
 * 10: 徐 撇 · 高 4,1,2,5,1,2 · 郭 4,1,2,5,1,5 (享8 + 阝2) · 诸葛 4,5 (讠2 + 者8)
 * 11: 黄 1,2,2 · 曹 1,2,5
 * 12: 董 1,2,2,3 (艹3 + 重9) · 蒋 1,2,2,4 (艹3 + 将9)
 * Same surname, two-character name first: 王芳, then 王一凡 (一 1) before 王小明 (小 3).
 */
const BY_HAND = [
  '丁伟', '卜强', '刁敏',
  '万军', '上官婉', '马超',
  '王芳', '王一凡', '王小明', '毛建国', '方静', '尹丽', '孔磊', '邓华',
  '石磊', '史杰', '白雪', '司马光',
  '刘洋',
  '李娜', '吴刚', '邱明', '何平', '邹勇', '陈红', '邵兵',
  '范冰', '林峰', '欧阳娜', '周涛', '郑伟',
  '赵云', '胡军',
  '徐静', '高山', '郭靖', '诸葛亮',
  '黄蓉', '曹操',
  '董明', '蒋欣',
];

function shuffled<T>(items: readonly T[], seed = 7): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('姓氏笔画 order', () => {
  it('counts strokes the mainland way (阝 2, 艹 3, 辶 3)', () => {
    const counts = Object.fromEntries([...'陈郑邓黄郭范董蒋万邱邵邹丁卜刁王毛方尹孔边连'].map((c) => [c, charStrokes(c).count]));
    expect(counts).toEqual({
      陈: 7, 郑: 8, 邓: 4, 黄: 11, 郭: 10, 范: 8, 董: 12, 蒋: 12, 万: 3, 邱: 7, 邵: 7, 邹: 7,
      丁: 2, 卜: 2, 刁: 2, 王: 4, 毛: 4, 方: 4, 尹: 4, 孔: 4,
      边: 5, // 力2 + 辶3
      连: 7, // 车4 + 辶3
    });
    expect(charStrokes('王').order).toBe('1121');
    expect(charStrokes('孔').order.slice(0, 2)).toBe('52');
  });

  it(`orders ${BY_HAND.length} names as checked by hand`, () => {
    expect(BY_HAND.length).toBeGreaterThanOrEqual(30);
    for (const seed of [1, 7, 42]) expect(sortByStroke(shuffled(BY_HAND, seed), (n) => n)).toEqual(BY_HAND);
  });

  it('breaks equal counts by the first strokes 横竖撇点折', () => {
    expect(sortByStroke(['孔', '尹', '方', '毛', '王'], (n) => n)).toEqual(['王', '毛', '方', '尹', '孔']);
    expect(sortByStroke(['刁', '卜', '丁'], (n) => n)).toEqual(['丁', '卜', '刁']);
  });

  it('is not ICU stroke collation (Taiwan counts, ties by radical)', () => {
    const icu = new Intl.Collator('zh-u-co-stroke');
    const five = ['王', '毛', '方', '尹', '孔'];
    const three = ['丁', '卜', '刁'];
    // ICU's order differs from the mainland one (if this machine's ICU has the collation at all).
    if (icu.resolvedOptions().collation === 'stroke') {
      expect([...five].sort(icu.compare)).not.toEqual(sortByStroke(five, (n) => n));
      expect([...three].sort(icu.compare)).not.toEqual(sortByStroke(three, (n) => n));
    }
    expect(sortByStroke(five, (n) => n)).toEqual(five);
    expect(sortByStroke(three, (n) => n)).toEqual(three);
  });

  it('takes a 复姓 as one surname, after the single surname it starts with', () => {
    expect(splitName('欧阳娜')).toEqual({ surname: '欧阳', given: '娜' });
    expect(splitName('欧阳')).toEqual({ surname: '欧', given: '阳' });
    expect(splitName('王小明')).toEqual({ surname: '王', given: '小明' });
    expect(sortByStroke(['欧阳娜', '欧丽丽', '欧强'], (n) => n)).toEqual(['欧强', '欧丽丽', '欧阳娜']);
  });

  it('puts two-character names first within a surname only when the setting says so', () => {
    const names = ['王小明', '王一凡', '王芳'];
    expect(sortByStroke(names, (n) => n, { shortNameFirst: true })).toEqual(['王芳', '王一凡', '王小明']);
    expect(sortByStroke(names, (n) => n, { shortNameFirst: false })).toEqual(['王一凡', '王小明', '王芳']);
    // Never across surnames: 毛 (4 撇) after every 王.
    expect(sortByStroke(['毛丽', '王小明', '王芳'], (n) => n, { shortNameFirst: true })).toEqual(['王芳', '王小明', '毛丽']);
  });

  it('serves as a tie-breaker comparator over records', () => {
    const rows = [
      { name: '郑伟', total: 90 },
      { name: '陈红', total: 90 },
      { name: '丁伟', total: 80 },
    ];
    const byName = strokeComparator<(typeof rows)[number]>((r) => r.name);
    rows.sort((a, b) => b.total - a.total || byName(a, b));
    expect(rows.map((r) => r.name)).toEqual(['陈红', '郑伟', '丁伟']);
    expect(compareByStroke('王芳', '王芳')).toBe(0);
  });

  it('puts characters without stroke data after known ones, in a stable order', () => {
    expect(sortByStroke(['Smith', '王芳'], (n) => n)).toEqual(['王芳', 'Smith']);
  });

  it('pads two-character names to three and writes dates as documents do', () => {
    expect(padName('王芳')).toBe('王\u3000芳');
    expect(padName('王小明')).toBe('王小明');
    expect(padName('欧阳娜')).toBe('欧阳娜');
    expect(padName(' 李四 ')).toBe('李\u3000四');
    expect(padName('Li')).toBe('Li');
    expect(formatDocumentDate('2026-11-23')).toBe('2026年11月23日');
    expect(formatDocumentDate('2026-01-05')).toBe('2026年1月5日');
    expect(formatDocumentPeriod('2026-03')).toBe('2026年3月');
  });
});
