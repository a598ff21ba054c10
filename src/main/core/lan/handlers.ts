/** 局域网访问 on 系统: its settings, and the listener turned on or off through the web host's handle (control.ts). */
import type { lanContract, LanSettings, LanStatus } from '../../../shared/contract/lan';
import { AppError } from '../../../shared/errors';
import type { CoreEnv } from '../context';
import type { Handlers } from '../handler-types';
import { accountRefusals, lanStartRequest, readLanSettings, writeLanSettings } from './settings';

function status(env: Pick<CoreEnv, 'db' | 'lan'>): LanStatus {
  const settings = readLanSettings(env.db);
  const state = env.lan?.state();
  const refusals = accountRefusals(env.db);
  if (state?.error) refusals.push(state.error);
  return {
    available: env.lan !== undefined,
    settings,
    running: state?.running ?? false,
    urls: state?.urls ?? [],
    fingerprint: state?.fingerprint ?? null,
    sessions: state?.sessions ?? 0,
    interfaces: env.lan?.interfaces() ?? [],
    allowedRanges: state?.allowedRanges ?? [],
    refusals,
  };
}

export const lanHandlers: Handlers<typeof lanContract> = {
  'lan.status': (ctx) => status(ctx),

  'lan.configure': async (ctx, input) => {
    const before = readLanSettings(ctx.db);
    const next: LanSettings = { ...input };
    const control = ctx.lan;
    if (next.enabled) {
      if (!control) throw new AppError('CONFLICT', '桌面窗口不能开启局域网访问：请在办公电脑上用网页版启动（npm run serve -- --lan），再在此处设置');
      const refusals = accountRefusals(ctx.db);
      if (refusals.length > 0) throw new AppError('CONFLICT', `不能开启局域网访问：${refusals.join('；')}`);
      await control.start(lanStartRequest(control, next));
    } else {
      await control?.stop();
    }
    ctx.transact(() => {
      writeLanSettings(ctx.db, next);
      ctx.audit({ action: next.enabled ? 'enable' : 'disable', entity: 'lan', entityId: null, oldValue: before, newValue: next });
    });
    return status(ctx);
  },
};
