import type { settingsContract } from '../../../shared/contract/settings';
import type { Handlers } from '../handler-types';
import { readAppealSettings, readReportSettings, writeAppealSettings, writeReportSettings } from './queries';

export const settingsHandlers: Handlers<typeof settingsContract> = {
  'settings.reports': (ctx) => readReportSettings(ctx.db, ctx.today),

  'settings.saveReports': (ctx, input) => {
    const before = readReportSettings(ctx.db, ctx.today);
    writeReportSettings(ctx.db, input);
    const after = readReportSettings(ctx.db, ctx.today);
    ctx.audit({
      action: 'update',
      entity: 'settings',
      entityId: null,
      oldValue: { officeName: before.officeName, reportDate: before.reportDate, shortNameFirst: before.shortNameFirst },
      newValue: input,
    });
    return after;
  },

  'settings.appeals': (ctx) => readAppealSettings(ctx.db),

  'settings.saveAppeals': (ctx, input) => {
    const before = readAppealSettings(ctx.db);
    writeAppealSettings(ctx.db, input);
    ctx.audit({ action: 'update', entity: 'settings', entityId: null, oldValue: before, newValue: input });
    return readAppealSettings(ctx.db);
  },
};
