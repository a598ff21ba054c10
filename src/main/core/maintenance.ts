/**
 * The work whose cost grows with the file — the daily backup, full integrity checks of backups and of the store, the
 * check of the records (audit chain, month digests) — runs here, after the first screen and off the request path,
 * never in the way of opening the store. Its findings are the store's health, shown on 首页 and 系统: a failed backup
 * is a warning, not a refusal; a store that fails its integrity check is taken out of use (the transports then offer
 * the recovery screen).
 */
import type { Database } from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordsCheck } from '../../shared/contract/audit';
import type { BackupInfo, StoreHealth } from '../../shared/contract/system';
import { AppError } from '../../shared/errors';
import { verifyRecords } from './audit/verify';
import { backupDatabase, copyBackup, ensureDailyBackup, freeBytes, listBackups, recordedHeads, verifyBackup } from './db/backup';
import { checkIntegrity, type IntegrityChecker } from './db/integrity';
import type { CallGate } from './gate';

/** The store's own full check runs at least this often. */
const STORE_CHECK_EVERY_MS = 7 * 24 * 3600_000;
const FIRST_RUN_DELAY_MS = 3_000;
const RUN_EVERY_MS = 3600_000;
/** Where the last full check of the store is remembered between runs of the program. */
const CHECKS_FILE = 'grid-appraisal.checks.json';
const SECOND_DIR_KEY = 'backup.second_dir';

export interface MaintenanceEnv {
  db: Database;
  dataDir: string;
  dataFile: string;
  backupDir: string;
  gate: CallGate;
  now: () => Date;
}

function message(e: unknown): string {
  return e instanceof AppError || e instanceof Error ? e.message : String(e);
}

export function secondBackupDir(db: Database): string | null {
  const dir = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(SECOND_DIR_KEY) as string | undefined;
  return dir ? dir : null;
}

export function setSecondBackupDir(db: Database, dir: string | null): void {
  if (dir) db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(SECOND_DIR_KEY, dir);
  else db.prepare('DELETE FROM settings WHERE key = ?').run(SECOND_DIR_KEY);
}

export class Maintenance {
  readonly health: StoreHealth = { integrity: null, records: null, backupWarning: null, secondBackupWarning: null, running: [] };
  private timers: NodeJS.Timeout[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = false;
  /** Opening left the quick check of a large file to us (db/open.ts): it runs first, before any backup. */
  quickCheckDue = false;

  constructor(
    private readonly env: MaintenanceEnv,
    /** Called when the store itself fails its full or quick check: it must not be used any further. */
    private readonly onDamaged: (problems: string[]) => void = () => undefined,
    private readonly check: IntegrityChecker = checkIntegrity,
  ) {
    try {
      this.health.integrity = (JSON.parse(readFileSync(join(env.dataDir, CHECKS_FILE), 'utf8')) as Pick<StoreHealth, 'integrity'>).integrity;
    } catch {
      // never checked yet
    }
  }

  /** Starts the schedule: a first run shortly after start (the first screen is served first), then hourly. */
  start(): void {
    const run = () => void this.runDue().catch((e: unknown) => console.error('[maintenance]', e));
    this.timers.push(setTimeout(run, FIRST_RUN_DELAY_MS));
    this.timers.push(setInterval(run, RUN_EVERY_MS));
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
  }

  /** Runs `task` after the ones before it, sharing the store with calls (a restore waits for it, and it for a restore). */
  private enqueue<T>(label: string, task: () => Promise<T>): Promise<T | undefined> {
    const run = this.queue.then(async () => {
      if (this.stopped) return undefined;
      this.health.running.push(label);
      try {
        return await this.env.gate.shared(task);
      } finally {
        this.health.running.splice(this.health.running.indexOf(label), 1);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Everything that is due: the quick check opening left to us, the day's backup, checks of unchecked backups, the
   * weekly store check, the records.
   */
  async runDue(): Promise<void> {
    if (this.quickCheckDue && !(await this.quickCheckStore())) return;
    const taken = await this.enqueue('每日备份', async () => {
      try {
        const backup = await ensureDailyBackup(this.env.db, this.env.backupDir, this.env.now());
        this.health.backupWarning = null;
        return backup;
      } catch (e) {
        this.health.backupWarning = `今天的自动备份没有完成：${message(e)}`;
        return null;
      }
    });
    if (taken) await this.afterBackup(taken);
    for (const b of listBackups(this.env.backupDir).filter((x) => x.integrity === 'pending' || x.integrity === 'unknown')) {
      await this.enqueue('备份校验', () => verifyBackup(b.file, this.env.now(), this.check).catch(() => false));
    }
    const last = this.health.integrity?.checkedAt;
    if (!last || this.env.now().getTime() - Date.parse(last) >= STORE_CHECK_EVERY_MS) await this.checkStore();
    if (!this.health.records) await this.checkRecords();
  }

  /** A backup just taken (daily, manual, before an import or a restore): check it, copy it to the second folder. */
  afterBackup(backup: BackupInfo): Promise<void> {
    return this.enqueue('备份校验', async () => {
      let ok: boolean;
      try {
        ok = await verifyBackup(backup.file, this.env.now(), this.check);
      } catch (e) {
        this.health.backupWarning = `备份 ${backup.fileName} 无法校验：${message(e)}`;
        return;
      }
      if (!ok) {
        this.health.backupWarning = `备份 ${backup.fileName} 未通过完整性校验，数据文件可能已损坏`;
        return;
      }
      const second = secondBackupDir(this.env.db);
      if (!second) return;
      try {
        copyBackup(listBackups(this.env.backupDir).find((b) => b.fileName === backup.fileName) ?? backup, second, this.env.now());
        this.health.secondBackupWarning = null;
      } catch (e) {
        this.health.secondBackupWarning = `备份没有复制到第二备份文件夹 ${second}：${message(e)}`;
      }
    }).then(() => void this.checkRecords());
  }

  /**
   * The quick check of a large store that opening deferred, in a worker: a failure takes the store out of use at once
   * (the transports then offer the recovery screen, as for a file refused on opening). Resolves whether it passed.
   */
  async quickCheckStore(): Promise<boolean> {
    const ok = await this.enqueue('快速完整性检查', async () => {
      const result = await this.check(this.env.dataFile, 'quick');
      this.quickCheckDue = false;
      if (!result.ok) this.onDamaged(result.problems.map((p) => `快速完整性检查未通过：${p}`));
      return result.ok;
    });
    return ok !== false;
  }

  /** The full integrity check of the store, in a worker; a failure takes the store out of use. */
  checkStore(): Promise<void> {
    return this.enqueue('数据完整性检查', async () => {
      const result = await this.check(this.env.dataFile);
      this.health.integrity = { checkedAt: this.env.now().toISOString(), ok: result.ok, problems: result.problems };
      try {
        writeFileSync(join(this.env.dataDir, CHECKS_FILE), JSON.stringify({ integrity: this.health.integrity }, null, 2));
      } catch {
        // remembered for this run only
      }
      if (!result.ok) this.onDamaged(result.problems);
    }) as Promise<void>;
  }

  /** The audit chain and the finalised months, in the background. */
  async checkRecords(): Promise<void> {
    await this.enqueue('操作日志校验', () => this.verifyRecordsNow()).catch((e: unknown) => console.error('[maintenance] records check failed', e));
  }

  /**
   * The audit chain and the finalised months against the heads recorded with every backup, now, by the caller (a
   * call already sharing the store). Stops early, with null, when a restore waits.
   */
  async verifyRecordsNow(): Promise<RecordsCheck | null> {
    const check = await verifyRecords(this.env.db, recordedHeads(this.backupDirs()), this.env.now(), () => this.env.gate.exclusivePending || this.stopped);
    if (check) this.health.records = check;
    return check;
  }

  private backupDirs(): string[] {
    const second = secondBackupDir(this.env.db);
    return second ? [this.env.backupDir, second] : [this.env.backupDir];
  }

  /** Free space where the backups go, for 首页 and 系统. */
  freeBytes(): number | null {
    return freeBytes(this.env.backupDir);
  }

  /** A manual backup: taken now, then checked and copied like the daily one. */
  async backupNow(): Promise<BackupInfo> {
    const backup = await backupDatabase(this.env.db, this.env.backupDir, 'manual', this.env.now());
    this.health.backupWarning = null;
    void this.afterBackup(backup);
    return backup;
  }

  /** Waits for everything queued so far (tests, and closing the program). */
  async idle(): Promise<void> {
    for (;;) {
      const q = this.queue;
      await q;
      if (q === this.queue) return;
    }
  }
}
