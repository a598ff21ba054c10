/**
 * 姓氏笔画 order as mainland offices use it (DOMAIN.md "Printing as offices expect it"):
 *   1. the surname first, character by character: fewer strokes first, counted the mainland (GB) way (阝 2, 艹 3,
 *      辶 3, so 陈 7, 郑 8, 邓 4, 黄 11, 郭 10, 范 8, 董 12);
 *   2. equal counts: the strokes in writing order, each in its class 横 < 竖 < 撇 < 点 < 折 (一丨丿丶乙), with
 *      提 counted as 横, 竖钩 as 竖, 捺 as 点 and every compound stroke (横折, 横钩, 竖弯钩 …) as 折;
 *   3. then the given name the same way. A 复姓 (欧阳, 司马 …) is one surname, ordered by its characters in turn.
 * Whether a two-character name goes before longer names of the same surname (王芳 before 王一凡) is an office's
 * choice: `shortNameFirst`.
 *
 * ICU's stroke collation (Intl.Collator 'zh-u-co-stroke') is not this: it counts the Taiwan way and breaks ties by
 * radical. Stroke data come from cnchar + cnchar-order (MIT), which cover the common characters; a character they
 * do not know goes after every known one of any count, by code point.
 */
import cncharLib from 'cnchar';
import orderPlugin from 'cnchar-order';

interface CncharApi {
  use: (...plugins: unknown[]) => void;
  stroke: (text: string, ...args: string[]) => unknown;
}

const cnchar = cncharLib as unknown as CncharApi;
cnchar.use(orderPlugin);

/** 复姓 taken as one surname. */
export const COMPOUND_SURNAMES = [
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '司空', '夏侯', '令狐',
  '端木', '独孤', '南宫', '西门', '百里', '呼延', '轩辕', '澹台', '公冶', '太史', '申屠', '闻人', '万俟', '钟离', '宗政',
  '濮阳', '淳于', '单于', '赫连', '拓跋', '第五', '公羊', '左丘', '东郭', '梁丘', '羊舌', '微生', '谷梁', '乐正',
] as const;
const COMPOUND = new Set<string>(COMPOUND_SURNAMES);

/** Stroke classes: 1 横, 2 竖, 3 撇, 4 点, 5 折. */
function strokeClass(name: string): number {
  const first = (name.split('|')[0] ?? '').replace(/\d+$/, '');
  switch (first) {
    case '横':
    case '提':
      return 1;
    case '竖':
    case '竖钩':
      return 2;
    case '撇':
      return 3;
    case '点':
    case '捺':
      return 4;
    default:
      return 5;
  }
}

export interface CharStrokes {
  /** Strokes, counted the mainland way; 0 when unknown. */
  count: number;
  /** The stroke classes in writing order, '1'…'5' (横竖撇点折); '' when unknown. */
  order: string;
}

const cache = new Map<string, CharStrokes>();

/** A character's stroke count and the classes of its strokes in writing order. */
export function charStrokes(ch: string): CharStrokes {
  const hit = cache.get(ch);
  if (hit) return hit;
  let result: CharStrokes = { count: 0, order: '' };
  if (/\p{Script=Han}/u.test(ch)) {
    const count = cnchar.stroke(ch);
    const names = (cnchar.stroke(ch, 'order', 'name') as (string[] | undefined)[] | undefined)?.[0];
    const order = Array.isArray(names) ? names.map(strokeClass).join('') : '';
    result = { count: typeof count === 'number' && count > 0 ? count : order.length, order };
  }
  cache.set(ch, result);
  return result;
}

/** The surname and the given name; a 复姓 is one surname. */
export function splitName(fullName: string): { surname: string; given: string } {
  const name = fullName.trim();
  const chars = Array.from(name);
  const n = chars.length >= 3 && COMPOUND.has(chars.slice(0, 2).join('')) ? 2 : Math.min(1, chars.length);
  return { surname: chars.slice(0, n).join(''), given: chars.slice(n).join('') };
}

/** One character against another: count, then the strokes in writing order by class, then code point. */
export function compareChars(a: string, b: string): number {
  if (a === b) return 0;
  const x = charStrokes(a);
  const y = charStrokes(b);
  const known = (x.count > 0 ? 0 : 1) - (y.count > 0 ? 0 : 1);
  if (known !== 0) return known;
  if (x.count !== y.count) return x.count - y.count;
  if (x.order !== y.order) return x.order < y.order ? -1 : 1;
  return a.codePointAt(0)! - b.codePointAt(0)!;
}

function compareStrings(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = compareChars(x[i]!, y[i]!);
    if (c !== 0) return c;
  }
  return x.length - y.length;
}

export interface StrokeOrderOptions {
  /** 两字姓名排在同姓多字姓名之前: 王芳 before 王一凡. */
  shortNameFirst: boolean;
}

export const DEFAULT_STROKE_OPTIONS: StrokeOrderOptions = { shortNameFirst: true };

/** Compares two full names in 姓氏笔画 order. */
export function compareByStroke(a: string, b: string, options: StrokeOrderOptions = DEFAULT_STROKE_OPTIONS): number {
  const x = splitName(a);
  const y = splitName(b);
  const bySurname = compareStrings(x.surname, y.surname);
  if (bySurname !== 0) return bySurname;
  if (options.shortNameFirst) {
    const xl = Array.from(x.given).length;
    const yl = Array.from(y.given).length;
    if ((xl <= 1) !== (yl <= 1)) return xl <= 1 ? -1 : 1;
  }
  return compareStrings(x.given, y.given);
}

/** A comparator over records by the name `nameOf` picks: for Array.prototype.sort and for ties in rankings. */
export function strokeComparator<T>(nameOf: (item: T) => string, options: StrokeOrderOptions = DEFAULT_STROKE_OPTIONS): (a: T, b: T) => number {
  return (a, b) => compareByStroke(nameOf(a), nameOf(b), options);
}

/** A copy of `items` in 姓氏笔画 order. */
export function sortByStroke<T>(items: readonly T[], nameOf: (item: T) => string, options: StrokeOrderOptions = DEFAULT_STROKE_OPTIONS): T[] {
  return [...items].sort(strokeComparator(nameOf, options));
}

/** A two-character name padded to the width of three with a full-width space, as lists print it: 王\u3000芳. */
export function padName(name: string): string {
  const chars = Array.from(name.trim());
  return chars.length === 2 && chars.every((c) => /\p{Script=Han}/u.test(c)) ? `${chars[0]}\u3000${chars[1]}` : name.trim();
}

/** A date as documents write it: '2026-11-23' → 2026年11月23日 (no leading zeros). */
export function formatDocumentDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** A period as documents write it: '2026-11' → 2026年11月. */
export function formatDocumentPeriod(period: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  return m ? `${m[1]}年${Number(m[2])}月` : period;
}
