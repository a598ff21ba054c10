import { describe, expect, it } from 'vitest';
import { markRuns, matchPick, pickFilter, pickKeys, withAncestors } from '../../src/shared/domain/pick';
import { classifySearch, pinyinKeys, pinyinSyllables } from '../../src/shared/domain/pinyin';

const match = (typed: string, name: string, codes: string[] = []) => matchPick(classifySearch(typed), pickKeys(name, codes));
/** The characters of the name a match marks. */
const marked = (typed: string, name: string, codes: string[] = []) =>
  markRuns(name, match(typed, name, codes)?.marks ?? [])
    .filter((r) => r.marked)
    .map((r) => r.text);

describe('pinyinSyllables', () => {
  it('reads each character in place, the same readings as the stored keys', () => {
    for (const name of ['张三', '单雄信', '欧阳娜', '吕丽', '买买提·艾力', '第03网格']) {
      const syllables = pinyinSyllables(name).filter((s) => s.syllable !== '');
      expect(syllables.map((s) => s.syllable).join('')).toBe(pinyinKeys(name).full);
      expect(syllables.map((s) => s.syllable[0]).join('')).toBe(pinyinKeys(name).initials);
    }
    expect(pinyinSyllables('第03网格').map((s) => [s.at, s.syllable])).toEqual([
      [0, 'di'],
      [1, ''],
      [2, ''],
      [3, 'wang'],
      [4, 'ge'],
    ]);
  });
});

describe('matchPick', () => {
  it('finds by a part of the name, marking it', () => {
    expect(match('三', '张三')).toEqual({ rank: 1, marks: [[1, 2]] });
    expect(match('张', '张三')?.rank).toBe(0);
    expect(match('李', '张三')).toBeNull();
    expect(marked('网格', '第03网格')).toEqual(['网格']);
  });

  it('finds by pinyin initials: zs → 张三, marking the characters read', () => {
    expect(match('zs', '张三')).toEqual({ rank: 0, marks: [[0, 1], [1, 2]] });
    expect(marked('ZS', '张三丰')).toEqual(['张三']);
    expect(match('zs', '李四')).toBeNull();
    // the surname's reading: 单 is shàn
    expect(match('sxx', '单雄信')?.rank).toBe(0);
    // initials of a unit, past its digits
    expect(match('gssq', '固戍社区')?.rank).toBe(0);
    expect(marked('dwg', '第03网格')).toEqual(['第', '网格']);
  });

  it('finds by full pinyin, from the start, from a syllable or anywhere, best first', () => {
    expect(match('zhangsan', '张三')?.rank).toBe(0);
    expect(marked('zhangs', '张三')).toEqual(['张三']);
    expect(match('san', '张三')).toEqual({ rank: 1, marks: [[1, 2]] });
    expect(match('shequ', '固戍社区')?.rank).toBe(1);
    expect(marked('shequ', '固戍社区')).toEqual(['社区']);
    expect(match('angsa', '张三')?.rank).toBe(3);
    expect(match('lisi', '张三')).toBeNull();
  });

  it('finds by code: a unit code, an ID number or its visible digits when masked', () => {
    const id = '440306199005150023';
    expect(match('4403', '张三', [id])).toEqual({ rank: 0, marks: [] });
    expect(match('0023', '张三', [id])?.rank).toBe(2);
    expect(match('1234', '张三', [id])).toBeNull();
    // a masked reader's row holds the masked text: the hidden digits find nothing
    expect(match('19900515', '张三', ['440306********0023'])).toBeNull();
    expect(match('0023', '张三', ['440306********0023'])).not.toBeNull();
    // a final x of an ID number, either case
    expect(match('01234x', '李四', ['11010119900101234X'])?.rank).toBe(2);
    // unit codes with letters are matched as typed, whatever the case
    expect(match('gs01', '第01网格', ['GS01'])?.rank).toBe(0);
    expect(match('C1G', '第01网格', ['C1G1'])?.rank).toBe(0);
  });

  it('an empty box matches everything', () => {
    expect(match('  ', '张三')).toEqual({ rank: 0, marks: [] });
  });
});

describe('pickFilter', () => {
  const people = ['赵四', '张三', '周山', '章三丰', '李张'].map((name, i) => ({ id: i + 1, name, keys: pickKeys(name, [`44030619900515${String(i).padStart(4, '0')}`]) }));

  it('keeps the best matches first and the list order within a rank, counting all', () => {
    const found = pickFilter(people, (p) => p.keys, 'zs');
    // initials zs: 赵四, 张三, 周山, 章三丰 (rank 0, list order)
    expect(found.rows.map((r) => r.item.name)).toEqual(['赵四', '张三', '周山', '章三丰']);
    expect(pickFilter(people, (p) => p.keys, 'zhang').rows.map((r) => r.item.name)).toEqual(['张三', '章三丰', '李张']);
    const limited = pickFilter(people, (p) => p.keys, 'z', 2);
    expect(limited.rows).toHaveLength(2);
    expect(limited.total).toBe(5);
  });

  it('filters a thousand people at once with keys computed once', () => {
    const surnames = '张王李赵刘陈杨黄周吴';
    const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平';
    const many = Array.from({ length: 1000 }, (_, i) => {
      const name = surnames[i % 10]! + given[Math.floor(i / 10) % 20]! + given[Math.floor(i / 200) % 20]!;
      return { name, keys: pickKeys(name, [String(440306199000000000 + i)]) };
    });
    const typing = () => ['z', 'zw', 'zhangw', '张伟', '0001', 'wjfm'].forEach((typed) => pickFilter(many, (p) => p.keys, typed));
    // the best of five rounds of six keystrokes (the others absorb warm-up and a busy machine): a thousand people
    // filter well within a frame each time, about 1 ms a keystroke on an idle machine
    const rounds = Array.from({ length: 5 }, () => {
      const started = performance.now();
      typing();
      return performance.now() - started;
    });
    expect(Math.min(...rounds)).toBeLessThan(6 * 16);
    const zw = pickFilter(many, (p) => p.keys, 'zw').rows.map((r) => r.item.name.slice(0, 2));
    expect(new Set(zw)).toEqual(new Set(['张伟', '赵伟', '周伟'])); // zhang, zhao, zhou + wei
  });
});

describe('withAncestors', () => {
  it('keeps each match under its community and the street', () => {
    const units = [
      { id: 1, parentId: null },
      { id: 2, parentId: 1 },
      { id: 3, parentId: 2 },
      { id: 4, parentId: 2 },
      { id: 5, parentId: 1 },
      { id: 6, parentId: 5 },
    ];
    expect([...withAncestors(units, [4])].sort()).toEqual([1, 2, 4]);
    expect([...withAncestors(units, [3, 6])].sort()).toEqual([1, 2, 3, 5, 6]);
    expect(withAncestors(units, []).size).toBe(0);
  });

  it('filters a unit tree by typed pinyin, keeping the ancestors of each match', () => {
    const tree = [
      { id: 1, parentId: null, name: '西乡街道' },
      { id: 2, parentId: 1, name: '固戍社区' },
      { id: 3, parentId: 2, name: '第01网格' },
      { id: 4, parentId: 1, name: '幸福社区' },
      { id: 5, parentId: 4, name: '海城花园网格' },
    ];
    const found = pickFilter(tree, (u) => pickKeys(u.name), 'hchy');
    expect(found.rows.map((r) => r.item.id)).toEqual([5]);
    expect([...withAncestors(tree, found.rows.map((r) => r.item.id))].sort()).toEqual([1, 4, 5]);
  });
});
