/**
 * The known names nearest to one typed wrong, for "未找到单位“海旺社区”，是否为：海望社区、海湾社区？". Two distances
 * are weighed: by characters (a wrong or missing character: 海湾 for 海旺) and by sound (the same pinyin typed with
 * the wrong character by an IME: 海望 for a 海旺, which therefore comes first). The ending both names share (社区,
 * 网格) is left out first, so 西乡社区 is not near 海旺社区 for its 社区. A name the other holds whole (河西 in 河西社区)
 * is near. Names that differ in about half their characters and sound are not offered: a guess that far is no help.
 */
import { pinyin } from 'pinyin-pro';
import { stripAllSpaces, toHalfWidth } from './text';

/** Levenshtein distance over code points (a Chinese character is one step). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length]!;
}

const clean = (s: string) => stripAllSpaces(toHalfWidth(s)).toLowerCase();

/** The name as it sounds: each character's toneless pinyin; digits and letters kept as they are. */
function soundOf(name: string): string {
  return pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }).join('').replace(/[^a-z0-9]/g, '');
}

/** The two names less the ending they share (when something is left of both). */
function stems(a: string, b: string): [string, string] {
  const x = [...a];
  const y = [...b];
  let n = 0;
  while (n < x.length - 1 && n < y.length - 1 && x[x.length - 1 - n] === y[y.length - 1 - n]) n++;
  return [x.slice(0, x.length - n).join(''), y.slice(0, y.length - n).join('')];
}

/** How far apart two names are, 0 (same) to 1; the nearer of characters and sound, each as a share of the longer. */
export function nameDistance(typed: string, known: string): number {
  const [ta, tb] = [clean(typed), clean(known)];
  if (ta === tb) return 0;
  if (ta !== '' && tb !== '' && (ta.includes(tb) || tb.includes(ta))) return 0.1;
  const [a, b] = stems(ta, tb);
  const chars = editDistance(a, b) / Math.max([...a].length, [...b].length);
  const sa = soundOf(a);
  const sb = soundOf(b);
  const sound = sa === '' || sb === '' ? 1 : editDistance(sa, sb) / Math.max(sa.length, sb.length);
  // Sound counts for a little less than characters alone: 海望 (same sound) ranks above 海湾 (one letter off).
  return Math.min(chars, sound * 1.2, (chars + sound) / 2);
}

/** The distance beyond which a name is not offered. */
export const MAX_NAME_DISTANCE = 0.46;

/** Up to `limit` of `names` nearest to `typed`, nearest first (ties in the order given); never `typed` itself. */
export function nearestNames(typed: string, names: Iterable<string>, limit = 3): string[] {
  const scored: { name: string; d: number; i: number }[] = [];
  const seen = new Set<string>();
  let i = 0;
  for (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    const d = nameDistance(typed, name);
    if (clean(name) !== clean(typed) && d <= MAX_NAME_DISTANCE) scored.push({ name, d, i: i++ });
  }
  return scored
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, limit)
    .map((s) => s.name);
}

/** '未找到单位“海旺社区”，是否为：海望社区、海湾社区？', or without a near name: check the name or use the unit's code. */
export function unknownUnitMessage(typed: string, suggestions: string[], what = '单位'): string {
  return suggestions.length > 0
    ? `未找到${what}“${typed}”，是否为：${suggestions.join('、')}？`
    : `未找到${what}“${typed}”，也没有名称相近的${what}；请核对名称，或改填单位编码`;
}
