import { stripAllSpaces, toHalfWidth } from './text';

/** Mainland mobile numbers: 1[3-9] then nine digits; dashes and spaces people type are dropped. */
export function normalizeMobile(raw: string): string {
  return stripAllSpaces(toHalfWidth(raw)).replace(/-/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
}

export function mobileError(raw: string): string | null {
  const m = normalizeMobile(raw);
  if (/^1[3-9]\d{9}$/.test(m)) return null;
  if (!/^\d+$/.test(m)) return '手机号只能包含数字';
  if (m.length !== 11) return `手机号应为11位，现为${m.length}位`;
  return '手机号应以13至19开头';
}
