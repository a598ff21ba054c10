import { describe, expect, it } from 'vitest';
import { birthDateFromId, checkIdNumber, idCheckChar, normalizeIdNumber } from '../../src/shared/domain/idcard';

const TODAY = '2026-11-23';

/** Worked by hand with the GB 11643 weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 and the chars 1 0 X 9 8 7 6 5 4 3 2. */
const HAND_COMPUTED = [
  // 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167; 167 mod 11 = 2 → X
  { first17: '11010519491231002', check: 'X', birthDate: '1949-12-31', gender: '女' },
  // 4·7+4·9+0+5·5+2·8+4·4+1·2+9·1+8·6+0+0+1·9+0+1·5+0+0+1·2 = 196; 196 mod 11 = 9 → 3
  { first17: '44052419800101001', check: '3', birthDate: '1980-01-01', gender: '男' },
  // 4·7+4·9+0+3·5+0+6·4+1·2+9·1+9·6+0+0+5·9+1·10+5·5+0+2·4+3·2 = 262; 262 mod 11 = 9 → 3
  { first17: '44030619900515023', check: '3', birthDate: '1990-05-15', gender: '男' },
  // 4·7+4·9+0+3·5+0+6·4+1·2+9·1+9·6+0+0+5·9+1·10+5·5+0+2·4+2·2 = 260; 260 mod 11 = 7 → 5
  { first17: '44030619900515022', check: '5', birthDate: '1990-05-15', gender: '女' },
] as const;

describe('idCheckChar', () => {
  it.each(HAND_COMPUTED)('$first17 → $check', ({ first17, check }) => {
    expect(idCheckChar(first17)).toBe(check);
  });
});

describe('checkIdNumber', () => {
  it.each(HAND_COMPUTED)('accepts $first17$check and reads birth date and gender', ({ first17, check, birthDate, gender }) => {
    const r = checkIdNumber(first17 + check, TODAY);
    expect(r).toEqual({ ok: true, idNumber: first17 + check, birthDate, gender });
  });

  it('an ID ending in X is accepted', () => {
    expect(checkIdNumber('11010519491231002X', TODAY).ok).toBe(true);
  });

  it('a wrong check digit is refused and the message names the expected char', () => {
    const r = checkIdNumber('440306199005150232', TODAY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toContain('校验位');
    expect(r.message).toContain('应为 3');
  });

  it('a wrong X is refused naming the digit expected', () => {
    const r = checkIdNumber('44052419800101001X', TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('应为 3');
  });

  it('normalises a lower-case x', () => {
    const r = checkIdNumber('11010519491231002x', TODAY);
    expect(r.ok && r.idNumber).toBe('11010519491231002X');
  });

  it('refuses a birth year before 1900', () => {
    const first17 = '44052418800101001';
    const r = checkIdNumber(first17 + idCheckChar(first17), TODAY);
    expect(r.ok).toBe(false);
  });

  it('normalises full-width digits, a full-width x and spaces', () => {
    const r = checkIdNumber(' １１０１０５ １９４９１２３１ ００２ｘ ', TODAY);
    expect(r).toMatchObject({ ok: true, idNumber: '11010519491231002X' });
    expect(normalizeIdNumber('４４０３０６\u3000199005150233')).toBe('440306199005150233');
  });

  it('refuses an old 15-digit ID with a Chinese message', () => {
    const r = checkIdNumber('440306900515023', TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toContain('15位');
      expect(r.message).toContain('18位');
    }
  });

  it('refuses a birth date after today (today is a parameter)', () => {
    const first17 = '44030620261124001';
    const id = first17 + idCheckChar(first17);
    const r = checkIdNumber(id, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('晚于今天');
    // the same number is fine a day later
    expect(checkIdNumber(id, '2026-11-24').ok).toBe(true);
  });

  it.each(['19990231', '19990229', '20231301', '19900000'])('refuses the impossible birth date %s', (birth) => {
    const first17 = `440306${birth}001`;
    const r = checkIdNumber(first17 + idCheckChar(first17), TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(`出生日期 ${birth} 不是有效日期`);
  });

  it('accepts 29 February in a leap year', () => {
    const first17 = '44030620000229001';
    expect(checkIdNumber(first17 + idCheckChar(first17), TODAY).ok).toBe(true);
  });

  it.each([
    ['4403061990051502', 16],
    ['4403061990051502322', 19],
    ['44030', 5],
  ])('refuses the wrong length %s', (id, len) => {
    const r = checkIdNumber(id, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(`现为${len}位`);
  });

  it('refuses an empty value', () => {
    expect(checkIdNumber('  ', TODAY)).toEqual({ ok: false, message: '请填写身份证号' });
  });

  it('refuses letters other than a final X', () => {
    const r = checkIdNumber('44030619900515A232', TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('前17位应为数字');
  });

  it.each(['00', '10', '39', '99'])('refuses the province code %s', (prov) => {
    const first17 = `${prov}030619900515023`;
    const r = checkIdNumber(first17 + idCheckChar(first17), TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(`“${prov}”不是有效的省级行政区代码`);
  });

  it('reads gender from the 17th digit: odd is 男, even is 女', () => {
    for (let d = 0; d <= 9; d++) {
      const first17 = `4403061990051502${d}`;
      const r = checkIdNumber(first17 + idCheckChar(first17), TODAY);
      expect(r.ok && r.gender).toBe(d % 2 === 1 ? '男' : '女');
    }
  });
});

describe('birthDateFromId', () => {
  it('reads YYYY-MM-DD from positions 7–14', () => {
    expect(birthDateFromId('11010519491231002X')).toBe('1949-12-31');
  });
});
