import { describe, expect, it } from 'vitest';
import { ageOn, daysInMonth, formatTimestamp, isValidDate, periodEndDate, todayInShanghai } from '../../src/shared/domain/dates';
import { mobileError, normalizeMobile } from '../../src/shared/domain/mobile';
import { kindAllowedUnder, kindsAllowedUnder, UNIT_KIND_KEYS, type UnitKind } from '../../src/shared/domain/org';
import { cleanPersonName, stripAllSpaces, toHalfWidth } from '../../src/shared/domain/text';

describe('text', () => {
  it('turns full-width ASCII half-width and the ideographic space into a space', () => {
    expect(toHalfWidth('１２３ＡＢＣａｂｃ－＋\u3000')).toBe('123ABCabc-+ ');
  });
  it('strips every kind of space', () => {
    expect(stripAllSpaces(' a\tb\u00A0c\u3000d\u200Be\uFEFF\n')).toBe('abcde');
    expect(stripAllSpaces('张三')).toBe('张三');
    expect(stripAllSpaces('\u200B')).toBe('');
  });
  it('cleans person names: spaces out, middle dots unified', () => {
    expect(cleanPersonName(' 张 三 ')).toBe('张三');
    expect(cleanPersonName('买买提.艾力')).toBe('买买提·艾力');
    expect(cleanPersonName('买买提•艾力')).toBe('买买提·艾力');
    expect(cleanPersonName('买买提・艾力')).toBe('买买提·艾力');
    expect(cleanPersonName('买买提·艾力')).toBe('买买提·艾力');
  });
});

describe('mobile', () => {
  it('normalises what people type', () => {
    expect(normalizeMobile('138-0013-8000')).toBe('13800138000');
    expect(normalizeMobile('+86 138 0013 8000')).toBe('13800138000');
    expect(normalizeMobile('8613800138000')).toBe('13800138000');
    expect(normalizeMobile('１３８００１３８０００')).toBe('13800138000');
  });
  it('accepts 13–19 prefixes', () => {
    for (const p of ['13', '14', '15', '16', '17', '18', '19']) expect(mobileError(`${p}800138000`)).toBeNull();
  });
  it('explains what is wrong in Chinese', () => {
    expect(mobileError('1380013800')).toBe('手机号应为11位，现为10位');
    expect(mobileError('138001380001')).toBe('手机号应为11位，现为12位');
    expect(mobileError('12800138000')).toBe('手机号应以13至19开头');
    expect(mobileError('1380013800a')).toBe('手机号只能包含数字');
  });
});

describe('dates', () => {
  it('validates dates', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2023-02-29')).toBe(false);
    expect(isValidDate('2024-13-01')).toBe(false);
    expect(isValidDate('2024-1-01')).toBe(false);
    expect(isValidDate('1899-12-31')).toBe(false);
  });
  it('knows month lengths', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2026, 11)).toBe(30);
    for (let year = 1900; year <= 2199; year++) {
      for (let month = 1; month <= 12; month++) expect(daysInMonth(year, month), `${year}-${month}`).toBe(new Date(Date.UTC(year, month, 0)).getUTCDate());
    }
  });
  it('reads today and timestamps on a Shanghai wall clock', () => {
    expect(todayInShanghai(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
    expect(todayInShanghai(new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
    expect(formatTimestamp('2026-11-23T02:05:00.000Z')).toBe('2026-11-23 10:05');
    expect(formatTimestamp('not a date')).toBe('not a date');
  });
  it('gives the last day of a period and ages', () => {
    expect(periodEndDate('2024-02')).toBe('2024-02-29');
    expect(periodEndDate('2026-12')).toBe('2026-12-31');
    expect(ageOn('1990-05-15', '2026-05-14')).toBe(35);
    expect(ageOn('1990-05-15', '2026-05-15')).toBe(36);
  });
});

describe('org kinds', () => {
  const allowed = (child: UnitKind, parent: UnitKind | null) => kindAllowedUnder(child, parent);

  it('a street stands only at the root, and only a street', () => {
    for (const k of UNIT_KIND_KEYS) expect(allowed(k, null)).toBe(k === 'street');
    for (const k of UNIT_KIND_KEYS) expect(allowed('street', k)).toBe(false);
  });
  it('communities and villages sit under the street, never under each other or a grid', () => {
    expect(allowed('community', 'street')).toBe(true);
    expect(allowed('village', 'street')).toBe(true);
    expect(allowed('community', 'community')).toBe(false);
    expect(allowed('village', 'village')).toBe(false);
    expect(allowed('community', 'village')).toBe(false);
    expect(allowed('village', 'community')).toBe(false);
    expect(allowed('community', 'grid_basic')).toBe(false);
    expect(allowed('community', 'micro_grid')).toBe(false);
  });
  it('grids may nest; micro-grids sit under grids; nothing of a higher level under a micro-grid', () => {
    expect(allowed('grid_basic', 'community')).toBe(true);
    expect(allowed('grid_l3', 'grid_l2')).toBe(true);
    expect(allowed('micro_grid', 'grid_basic')).toBe(true);
    expect(allowed('grid_basic', 'micro_grid')).toBe(false);
  });
  it('lists the kinds for a dropdown', () => {
    expect(kindsAllowedUnder(null)).toEqual(['street']);
    expect(kindsAllowedUnder('community')).not.toContain('community');
    expect(kindsAllowedUnder('community')).not.toContain('village');
    expect(kindsAllowedUnder('community')).toContain('grid_basic');
  });
});
