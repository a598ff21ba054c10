/**
 * The core as the transports hold it: ready (a store in use) or in recovery (the data file was refused: damaged, from
 * a newer app, empty). The app always starts: in recovery only the recovery calls answer, and restoring a backup there
 * opens the store and makes the runtime ready. A store that fails its full check while in use goes to recovery too.
 */
import type { RpcResult } from '../../shared/contract/define';
import { contract, isCallName } from '../../shared/contract';
import { AppError, type AppErrorPayload } from '../../shared/errors';
import { dataPaths, openCore, type Core, type CoreOptions } from './app';
import { callWithSession } from './call';
import type { Actor } from './context';
import { recoveryStatus, restoreRefusedStore, type RecoveryPlace } from './recovery/recover';

type State = { mode: 'ready'; core: Core } | { mode: 'recovery'; problem: AppErrorPayload };

/** The refusals that recovery can mend; anything else is a fault of the program, not of the file. */
const RECOVERABLE = new Set(['DB_DAMAGED', 'DB_TOO_NEW']);

export class CoreRuntime {
  private state!: State;
  private readonly place: RecoveryPlace;
  private maintaining = false;

  private constructor(private readonly options: Omit<CoreOptions, 'onDamaged'>) {
    this.place = { dataDir: options.dataDir, ...dataPaths(options.dataDir) };
  }

  /** Opens the store, or starts in recovery when the file is refused. Throws only for faults of the program. */
  static async start(options: Omit<CoreOptions, 'onDamaged'>): Promise<CoreRuntime> {
    const runtime = new CoreRuntime(options);
    await runtime.open();
    return runtime;
  }

  private async open(): Promise<void> {
    try {
      const core = await openCore({ ...this.options, onDamaged: (problems) => this.refuse(new AppError('DB_DAMAGED', damagedMessage(this.place.dataFile, problems))) });
      this.state = { mode: 'ready', core };
      if (this.maintaining) core.maintenance.start();
    } catch (e) {
      if (!(e instanceof AppError) || !RECOVERABLE.has(e.code)) throw e;
      this.state = { mode: 'recovery', problem: e.toPayload() };
    }
  }

  /** The store in use, or null in recovery. */
  get core(): Core | null {
    return this.state.mode === 'ready' ? this.state.core : null;
  }

  /** Why the data file is not in use, or null. */
  get problem(): AppErrorPayload | null {
    return this.state.mode === 'recovery' ? this.state.problem : null;
  }

  /** Backups and checks off the request path, for the store in use now and any store a recovery opens. */
  startMaintenance(): void {
    this.maintaining = true;
    this.core?.maintenance.start();
  }

  private refuse(problem: AppError): void {
    if (this.state.mode !== 'ready') return;
    console.error('[core] the data file failed its integrity check and is no longer used:', problem.message);
    this.state.core.close();
    this.state = { mode: 'recovery', problem: problem.toPayload() };
  }

  /** One call from a transport, as callWithSession: in recovery only the recovery calls answer. */
  async call(
    builtIn: Actor | null,
    sessionId: string | null,
    name: string,
    input: unknown,
    clientId?: string,
    client?: string,
  ): Promise<{ result: RpcResult<unknown>; sessionId: string | null }> {
    if (this.state.mode === 'ready') return callWithSession(this.state.core, builtIn, sessionId, name, input, clientId, client);
    return { result: await this.recoveryCall(name, input), sessionId: null };
  }

  private async recoveryCall(name: string, input: unknown): Promise<RpcResult<unknown>> {
    const problem = (this.state as { problem: AppErrorPayload }).problem;
    try {
      if (name === 'recovery.status') return { ok: true, data: recoveryStatus(this.place, problem) };
      if (name !== 'recovery.restore' || !isCallName(name)) throw new AppError('RECOVERY', `${problem.message}`);
      const parsed = contract['recovery.restore'].input.safeParse(input ?? {});
      if (!parsed.success) throw AppError.field('fileName', parsed.error.issues[0]?.message ?? '备份文件名不正确');
      const done = await restoreRefusedStore(this.place, parsed.data.fileName, this.options.now?.() ?? new Date());
      await this.open();
      if (this.state.mode === 'recovery') throw new AppError(this.state.problem.code, `恢复后的数据文件仍无法使用：${this.state.problem.message}`);
      return { ok: true, data: done };
    } catch (e) {
      const error = e instanceof AppError ? e : new AppError('INTERNAL', `恢复失败：${(e as Error).message}`);
      return { ok: false, error: error.toPayload() };
    }
  }

  close(): void {
    this.core?.close();
  }
}

function damagedMessage(file: string, problems: string[]): string {
  return `数据文件未通过完整性检查，程序已停止使用它：${file}（${problems.slice(0, 3).join('；')}）。请从备份恢复，或联系技术支持。`;
}
