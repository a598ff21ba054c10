import { describe, expect, it } from 'vitest';
import { editDistance, nameDistance, nearestNames, unknownUnitMessage } from '../../src/shared/domain/nearest';

const UNITS = ['固戍社区', '河西社区', '海望社区', '海湾社区', '西乡社区', '渔业社区', '第01网格', '第02网格', '第11网格'];

describe('nearest known names for an unknown unit', () => {
  it('measures edits by characters', () => {
    expect(editDistance('海旺社区', '海湾社区')).toBe(1);
    expect(editDistance('', '固戍')).toBe(2);
    expect(editDistance('第01网格', '第1网格')).toBe(1);
  });

  it('puts a name that sounds the same first, then one character off; the shared 社区 makes no name near', () => {
    expect(nearestNames('海旺社区', UNITS)).toEqual(['海望社区', '海湾社区']);
    expect(nameDistance('海旺社区', '海望社区')).toBeLessThan(nameDistance('海旺社区', '海湾社区'));
    expect(nearestNames('海旺社区', UNITS)).not.toContain('西乡社区');
    expect(nearestNames('河溪社区', UNITS)).toEqual(['河西社区']);
    expect(nearestNames('固戌社区', UNITS)).toEqual(['固戍社区']);
  });

  it('offers a name that holds the typed one, a grid one digit off, at most three, never the name itself, nothing far', () => {
    expect(nearestNames('河西', UNITS)).toEqual(['河西社区']);
    expect(nearestNames('第07网格', UNITS)).toEqual(['第01网格', '第02网格']);
    expect(nearestNames('第1网格', UNITS)).toEqual(['第01网格', '第11网格']);
    expect(nearestNames('河西社区', UNITS)).toEqual([]);
    expect(nearestNames('新安社区', UNITS)).toEqual([]);
    expect(nearestNames('ＸＸ', UNITS)).toEqual([]);
    expect(nearestNames('海旺社区', ['海望社区', '海望社区', '海湾社区'], 1)).toEqual(['海望社区']);
  });

  it('words the question, and never offers to create the unit', () => {
    expect(unknownUnitMessage('海旺社区', ['海望社区', '海湾社区'])).toBe('未找到单位“海旺社区”，是否为：海望社区、海湾社区？');
    const none = unknownUnitMessage('新安社区', [], '社区');
    expect(none).toBe('未找到社区“新安社区”，也没有名称相近的社区；请核对名称，或改填单位编码');
    expect(none).not.toMatch(/新建|创建|建好/);
  });
});
