import type { systemContract } from '../../../shared/contract/system';
import { AppError } from '../../../shared/errors';
import { backupDatabase, listBackups, restoreDatabase } from '../db/backup';
import { latestVersion, migrate } from '../db/migrate';
import { loadDemoAwards } from '../demo/awards';
import { loadDemoMonths } from '../demo/months';
import { loadDemoPoints } from '../demo/points';
import { loadDemoStars } from '../demo/stars';
import { loadDemoStreet } from '../demo/street';
import type { Handlers } from '../handler-types';
import { writeReportSettings } from '../settings/queries';

export const systemHandlers: Handlers<typeof systemContract> = {
  'system.info': (ctx) => {
    const count = (sql: string) => ctx.db.prepare(sql).pluck().get() as number;
    const units = count('SELECT count(*) FROM org_units');
    return {
      appVersion: ctx.appVersion,
      dataFile: ctx.dataFile,
      schemaVersion: ctx.schemaVersion,
      lastBackup: listBackups(ctx.backupDir)[0] ?? null,
      today: ctx.today,
      isEmpty: units === 0,
      counts: {
        units,
        peopleInPost: count("SELECT count(*) FROM person_terms WHERE valid_to IS NULL AND status = '在岗'"),
        peopleTotal: count('SELECT count(*) FROM people'),
      },
    };
  },

  'system.listBackups': (ctx) => listBackups(ctx.backupDir),

  'system.backupNow': (ctx) => backupDatabase(ctx.db, ctx.backupDir, 'manual', ctx.now()),

  'system.restoreBackup': async (ctx, input) => {
    const safety = await restoreDatabase(ctx.db, ctx.dataFile, ctx.backupDir, input.fileName, {
      latestVersion: latestVersion(),
      migrate: (db) => migrate(db),
      now: ctx.now(),
    });
    // The accounts are now the backup's: nobody stays logged in on an account that may not exist or differ.
    ctx.sessions.clear();
    const restored = listBackups(ctx.backupDir).find((b) => b.fileName === input.fileName)!;
    ctx.transact(() =>
      ctx.audit({ action: 'restore', entity: 'system', entityId: null, newValue: { restored: restored.fileName, safety: safety.fileName } }),
    );
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
    loadDemoAwards(ctx);
    writeReportSettings(ctx.db, { officeName: '西乡街道办事处' });
    const result = { ...street, months };
    ctx.audit({ action: 'load-demo', entity: 'system', entityId: null, newValue: result });
    return result;
  },
};
