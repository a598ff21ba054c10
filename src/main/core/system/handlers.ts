import type { systemContract } from '../../../shared/contract/system';
import { AppError } from '../../../shared/errors';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { headOf, listBackups, restoreFiles } from '../db/backup';
import { latestVersion } from '../db/migrate';
import { loadDemoAwards } from '../demo/awards';
import { loadDemoMonths } from '../demo/months';
import { loadDemoPeriods } from '../demo/periods';
import { loadDemoPoints } from '../demo/points';
import { loadDemoStars } from '../demo/stars';
import { loadDemoStreet } from '../demo/street';
import type { Handlers } from '../handler-types';
import { secondBackupDir, setSecondBackupDir } from '../maintenance';
import { writeReportSettings } from '../settings/queries';

export const systemHandlers: Handlers<typeof systemContract> = {
  'system.info': (ctx) => {
    const count = (sql: string) => ctx.db.prepare(sql).pluck().get() as number;
    const units = count('SELECT count(*) FROM org_units');
    const backups = listBackups(ctx.backupDir);
    return {
      appVersion: ctx.appVersion,
      dataFile: ctx.dataFile,
      schemaVersion: ctx.schemaVersion,
      lastBackup: backups[0] ?? null,
      lastVerifiedBackup: backups.find((b) => b.integrity === 'ok') ?? null,
      freeBytes: ctx.maintenance.freeBytes(),
      secondBackupDir: secondBackupDir(ctx.db),
      health: ctx.maintenance.health,
      today: ctx.today,
      isEmpty: units === 0,
      counts: {
        units,
        // as of today, as the roster counts them: a transfer or a leave dated later changes nothing yet
        peopleInPost: ctx.db
          .prepare("SELECT count(*) FROM person_terms WHERE valid_from <= @today AND (valid_to IS NULL OR valid_to > @today) AND status = '在岗'")
          .pluck()
          .get({ today: ctx.today }) as number,
        peopleTotal: count('SELECT count(*) FROM people'),
      },
    };
  },

  'system.listBackups': (ctx) => listBackups(ctx.backupDir),

  'system.backupNow': (ctx) => ctx.maintenance.backupNow(),

  'system.setSecondBackupDir': (ctx, input) => {
    const dir = input.dir === '' ? null : resolve(input.dir);
    if (dir !== null) {
      if (!isAbsolute(input.dir)) throw AppError.field('dir', '请填写完整的文件夹路径，例如 E:\\网格考评备份 或 /media/usb/备份');
      if (resolve(dir) === resolve(ctx.backupDir)) throw AppError.field('dir', '第二备份文件夹不能与备份文件夹相同');
      try {
        mkdirSync(dir, { recursive: true });
        accessSync(dir, constants.W_OK);
      } catch (e) {
        throw AppError.field('dir', `无法写入该文件夹（${(e as Error).message}），请检查 U 盘或共享文件夹是否已连接`);
      }
    }
    const before = secondBackupDir(ctx.db);
    ctx.transact(() => {
      setSecondBackupDir(ctx.db, dir);
      ctx.audit({ action: 'update', entity: 'settings', entityId: null, oldValue: { secondBackupDir: before }, newValue: { secondBackupDir: dir } });
    });
    ctx.maintenance.health.secondBackupWarning = null;
    return { dir };
  },

  'system.restoreBackup': async (ctx, input) => {
    const liveHead = headOf(ctx.db);
    const { restored, safety } = await ctx.reopenAfter(() =>
      restoreFiles(ctx.dataFile, ctx.backupDir, input.fileName, { latestVersion: latestVersion(), now: ctx.now(), liveHead }),
    );
    // The accounts are now the backup's: nobody stays logged in on an account that may not exist or differ.
    ctx.sessions.clear();
    ctx.transact(() => ctx.audit({ action: 'restore', entity: 'system', entityId: null, newValue: { restored: restored.fileName, safety: safety.fileName } }));
    // checked after, off the request path: the safety copy, the restored store, and its records
    ctx.maintenance.health.records = null;
    void ctx.maintenance.afterBackup(safety);
    void ctx.maintenance.checkStore();
    return { restored, safety };
  },

  'system.loadDemo': (ctx) => {
    if (ctx.db.prepare('SELECT 1 FROM org_units').get()) {
      throw new AppError('CONFLICT', '已有数据，示例数据只能载入到空的数据文件中');
    }
    const street = loadDemoStreet(ctx.db, { today: ctx.today, createdAt: ctx.now().toISOString() });
    const { months } = loadDemoMonths(ctx);
    loadDemoPoints(ctx);
    loadDemoStars(ctx);
    loadDemoPeriods(ctx);
    loadDemoAwards(ctx);
    writeReportSettings(ctx.db, { officeName: '西乡街道办事处' });
    const result = { ...street, months };
    ctx.audit({ action: 'load-demo', entity: 'system', entityId: null, newValue: result });
    return result;
  },
};
