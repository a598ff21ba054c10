/**
 * Resident ID numbers (居民身份证号码, GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence whose
 * last digit is odd for men, and an ISO 7064 MOD 11-2 check character.
 */
import { isValidDate, todayInShanghai } from './dates';
import { stripAllSpaces, toHalfWidth } from './text';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
/** First two digits of the region code: provinces, autonomous regions, municipalities, Taiwan, HK, Macao. */
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82,
]);

export type Gender = '男' | '女';

export interface IdNumberInfo {
  idNumber: string;
  birthDate: string;
  gender: Gender;
}

export type IdNumberCheck = ({ ok: true } & IdNumberInfo) | { ok: false; message: string };

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** The birth date written in an 18-digit ID number, as 'YYYY-MM-DD' (not checked). */
export function birthDateFromId(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** Full-width digits, spaces and a lower-case x are what people type; this is what we store. */
export function normalizeIdNumber(raw: string): string {
  return stripAllSpaces(toHalfWidth(raw)).toUpperCase();
}

export function checkIdNumber(raw: string, today: string = todayInShanghai()): IdNumberCheck {
  const id = normalizeIdNumber(raw);
  if (id === '') return { ok: false, message: '请填写身份证号' };
  if (/^\d{15}$/.test(id)) {
    return { ok: false, message: '这是15位的旧身份证号，已停止使用，请填写18位身份证号' };
  }
  if (id.length !== 18) return { ok: false, message: `身份证号应为18位，现为${id.length}位` };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, message: '身份证号前17位应为数字，最后一位为数字或X' };
  if (!PROVINCE_CODES.has(Number(id.slice(0, 2)))) {
    return { ok: false, message: `身份证号前两位“${id.slice(0, 2)}”不是有效的省级行政区代码` };
  }
  const birthDate = birthDateFromId(id);
  if (!isValidDate(birthDate)) return { ok: false, message: `身份证号中的出生日期 ${id.slice(6, 14)} 不是有效日期` };
  if (birthDate > today) return { ok: false, message: `身份证号中的出生日期 ${birthDate} 晚于今天` };
  const expected = idCheckChar(id.slice(0, 17));
  if (id[17] !== expected) {
    return { ok: false, message: `身份证号校验位不符（按前17位，第18位应为 ${expected}），请核对是否抄错` };
  }
  return { ok: true, idNumber: id, birthDate, gender: Number(id[16]) % 2 === 1 ? '男' : '女' };
}
