/**
 * The highlight of what a picker's typing matched, apart from the matching itself (pick.ts), which carries the pinyin
 * tables: a page can draw its pickers before it has loaded them.
 */

/** Character ranges [from, to) of the name to highlight. */
export type Marks = [number, number][];

/** Splits a name into plain and marked runs, for drawing the highlight. */
export function markRuns(name: string, marks: Marks): { text: string; marked: boolean }[] {
  if (marks.length === 0) return [{ text: name, marked: false }];
  const flags = new Array<boolean>(name.length).fill(false);
  for (const [from, to] of marks) for (let i = from; i < to && i < name.length; i++) flags[i] = true;
  const runs: { text: string; marked: boolean }[] = [];
  for (let i = 0; i < name.length; i++) {
    const last = runs.at(-1);
    if (last && last.marked === flags[i]) last.text += name[i];
    else runs.push({ text: name[i]!, marked: flags[i]! });
  }
  return runs;
}
