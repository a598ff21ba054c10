/**
 * Which backups to keep: every backup taken today, the newest of each of the 12 days before, of each of the 10 weeks
 * and of each of the 9 months before (daily backups, by the Asia/Shanghai calendar), and the newest 10 of every other
 * kind (manual, import, pre-migration, pre-restore). The rest is removed.
 */
import type { BackupInfo } from '../../../shared/contract/system';
import { todayInShanghai } from '../../../shared/domain/dates';

const DAYS = 12;
const WEEKS = 10;
const MONTHS = 9;
const OTHERS = 10;

/** Monday of the date's week, as 'YYYY-MM-DD'. */
function weekOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** The newest backup of each of the `count` most recent keys (backups come newest first). */
function newestPerKey(backups: readonly BackupInfo[], keyOf: (b: BackupInfo) => string, count: number): BackupInfo[] {
  const kept = new Map<string, BackupInfo>();
  for (const b of backups) {
    const key = keyOf(b);
    if (!kept.has(key)) {
      if (kept.size === count) break;
      kept.set(key, b);
    }
  }
  return [...kept.values()];
}

export function backupsToRemove(backups: readonly BackupInfo[], now: Date): BackupInfo[] {
  const today = todayInShanghai(now);
  const dayOf = (b: BackupInfo) => todayInShanghai(new Date(b.createdAt));
  const keep = new Set<BackupInfo>();
  const daily = backups.filter((b) => b.reason === 'daily');
  for (const b of daily) if (dayOf(b) === today) keep.add(b);
  const before = daily.filter((b) => dayOf(b) < today);
  for (const b of newestPerKey(before, dayOf, DAYS)) keep.add(b);
  for (const b of newestPerKey(before, (x) => weekOf(dayOf(x)), WEEKS)) keep.add(b);
  for (const b of newestPerKey(before, (x) => dayOf(x).slice(0, 7), MONTHS)) keep.add(b);
  const kinds = new Set(backups.filter((b) => b.reason !== 'daily').map((b) => b.reason));
  for (const kind of kinds) for (const b of backups.filter((x) => x.reason === kind).slice(0, OTHERS)) keep.add(b);
  return backups.filter((b) => !keep.has(b));
}
