/**
 * Pinyin keys for finding and sorting people: '张三' → full 'zhangsan', initials 'zs'. Surname readings
 * (单 shàn, 曾 zēng, 解 xiè …) come from pinyin-pro's surname mode.
 */
import { pinyin } from 'pinyin-pro';
import { cleanPersonName, stripAllSpaces, toHalfWidth } from './text';

export interface PinyinKeys {
  full: string;
  initials: string;
}

export function pinyinKeys(name: string): PinyinKeys {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'removed' });
  const clean = syllables.map((s) => s.toLowerCase().replace(/ü/g, 'v').replace(/[^a-z]/g, '')).filter(Boolean);
  return { full: clean.join(''), initials: clean.map((s) => s[0]).join('') };
}

/**
 * The reading of each character of a name, in order, with where it sits in the string ('' for a character that is not
 * Chinese): for matching typed pinyin and showing which characters it matched. Cleaned as pinyinKeys cleans them.
 */
export function pinyinSyllables(name: string): { at: number; length: number; syllable: string }[] {
  const out: { at: number; length: number; syllable: string }[] = [];
  let at = 0;
  for (const c of pinyin(name, { toneType: 'none', type: 'all', surname: 'head', nonZh: 'spaced' })) {
    out.push({ at, length: c.origin.length, syllable: c.isZh ? c.pinyin.toLowerCase().replace(/ü/g, 'v').replace(/[^a-z]/g, '') : '' });
    at += c.origin.length;
  }
  return out;
}

/** What a search box holds, classified the way people use it. */
export type SearchQuery =
  | { kind: 'none' }
  | { kind: 'pinyin'; text: string }
  | { kind: 'digits'; text: string }
  | { kind: 'name'; text: string };

export function classifySearch(raw: string): SearchQuery {
  const text = stripAllSpaces(toHalfWidth(raw)).toLowerCase();
  if (text === '') return { kind: 'none' };
  if (/^[0-9]+x?$/.test(text)) return { kind: 'digits', text: text.toUpperCase() };
  if (/^[a-z]+$/.test(text)) return { kind: 'pinyin', text };
  // Names are stored cleaned (no spaces, one kind of middle dot); search the same way or '张 三' finds nobody.
  return { kind: 'name', text: cleanPersonName(raw) };
}
