/**
 * Test helpers: a fresh core on a real SQLite file in a temp folder, built by the real migrations, and a `call`
 * that goes through the dispatcher exactly as the transports do.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openCore, type Core } from '../../src/main/core/app';
import type { Actor, HandlerContext } from '../../src/main/core/context';
import { dispatch } from '../../src/main/core/rpc';
import type { CallInput, CallName, CallOutput } from '../../src/shared/contract';
import type { CriterionInput, SchemeDetail, SchemeDraftInput } from '../../src/shared/contract/schemes';
import { idCheckChar } from '../../src/shared/domain/idcard';
import type { Role } from '../../src/shared/domain/people';
import type { AppErrorPayload } from '../../src/shared/errors';

/** 2026-11-23 10:00 in Shanghai. */
export const FIXED_NOW = new Date('2026-11-23T02:00:00.000Z');
export const TODAY = '2026-11-23';
export const ADMIN: Actor = { name: '测试', role: 'admin' };

const dirs: string[] = [];
const closers: (() => void)[] = [];

afterEach(() => {
  while (closers.length) {
    try {
      closers.pop()!();
    } catch {
      // already closed by the test
    }
  }
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

/** A temp folder removed after the test. */
export function tempDir(prefix = 'grid-appraisal-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** Runs `close` after the test (for databases a test opens itself). */
export function onCleanup(close: () => void): void {
  closers.push(close);
}

export class CallFailed extends Error {
  constructor(readonly payload: AppErrorPayload) {
    super(`${payload.code}: ${payload.message}`);
  }
}

export interface TestCore {
  core: Core;
  dataDir: string;
  /** Dispatches as the admin and returns the data; throws CallFailed with the payload on error. */
  call: <N extends CallName>(name: N, input: CallInput<N>) => Promise<CallOutput<N>>;
  /** Dispatches and returns the error payload; fails the test when the call succeeds. */
  callError: (name: string, input: unknown, actor?: Actor) => Promise<AppErrorPayload>;
  /** Dispatches any name and input as any actor; returns the raw result. */
  raw: (name: string, input: unknown, actor?: Actor) => ReturnType<typeof dispatch>;
}

export async function openTestCore(options: { now?: () => Date; dataDir?: string } = {}): Promise<TestCore> {
  const dataDir = options.dataDir ?? tempDir();
  const core = await openCore({ dataDir, appVersion: 'test', now: options.now ?? (() => FIXED_NOW) });
  closers.push(() => core.close());
  const raw = (name: string, input: unknown, actor: Actor = ADMIN) => dispatch(core, actor, name, input);
  return {
    core,
    dataDir,
    raw,
    call: async (name, input) => {
      const result = await raw(name, input);
      if (!result.ok) throw new CallFailed(result.error);
      return result.data as CallOutput<typeof name>;
    },
    callError: async (name, input, actor) => {
      const result = await raw(name, input, actor);
      if (result.ok) throw new Error(`expected ${name} to fail, it returned ${JSON.stringify(result.data)}`);
      return result.error;
    },
  };
}

/** A handler context for calling core functions directly (outside the dispatcher); audit entries are dropped. */
export function directContext(core: Core, today = TODAY): HandlerContext {
  return { ...core, actor: ADMIN, today, audit: () => undefined, transact: (work) => core.db.transaction(work).immediate(), session: { start: () => undefined, end: () => undefined } };
}

/** A valid 18-digit ID number: region 440306, the given birth date, a sequence whose last digit sets the gender. */
export function makeId(birth: string, seq: number, region = '440306'): string {
  const first17 = `${region}${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

/** A street with two communities, each with two grids: ids by name. */
export async function buildSmallTree(t: TestCore) {
  const street = await t.call('org.create', { parentId: null, kind: 'street', name: '西乡街道', code: 'S' });
  const c1 = await t.call('org.create', { parentId: street.id, kind: 'community', name: '固戍社区', code: 'C1' });
  const c2 = await t.call('org.create', { parentId: street.id, kind: 'community', name: '河西社区', code: 'C2' });
  const a = await t.call('org.create', { parentId: c1.id, kind: 'grid_basic', name: '第01网格', code: 'C1G1' });
  const b = await t.call('org.create', { parentId: c1.id, kind: 'grid_basic', name: '第02网格', code: 'C1G2' });
  const c = await t.call('org.create', { parentId: c2.id, kind: 'grid_basic', name: '第01网格', code: 'C2G1' });
  return { street, c1, c2, a, b, c };
}

let personSeq = 100;

/** Starts addPerson's ID numbers over, as each test file begins (tests/unit/setup.ts): a file's people do not depend on which files ran before it in the same worker. */
export function restartPersonSequence(): void {
  personSeq = 100;
}

/** Adds a person to the roster (hired 2024-01-01 unless told), with a fresh valid ID number; returns the id. */
export async function addPerson(
  t: TestCore,
  unitId: number,
  name: string,
  roles: Role[],
  over: { hireDate?: string; gender?: '男' | '女' } = {},
): Promise<number> {
  const gender = over.gender ?? '男';
  personSeq += 2;
  const seq = gender === '男' ? personSeq + 1 : personSeq;
  const row = await t.call('people.create', {
    name,
    gender,
    idNumber: makeId('1990-05-15', seq % 1000),
    hireDate: over.hireDate ?? '2024-01-01',
    roles,
    unitId,
  });
  return row.id;
}

/** A scheme made from nothing, drafted with these fields (roles, aggregation, criteria …) and published. */
export async function publishScheme(t: TestCore, name: string, draft: Partial<SchemeDraftInput> & { criteria: CriterionInput[] }): Promise<SchemeDetail> {
  const blank = await t.call('schemes.create', { name, template: '' });
  await t.call('schemes.saveDraft', { ...draftOf(blank), ...draft });
  return t.call('schemes.publish', { schemeId: blank.schemeId });
}

/** The saveDraft input that writes a scheme's current version back unchanged, to be edited by a test. */
export function draftOf(d: SchemeDetail): SchemeDraftInput & { criteria: CriterionInput[] } {
  return {
    schemeId: d.schemeId,
    name: d.name,
    description: d.description,
    roles: d.roles,
    fullScore: d.fullScore,
    aggregation: d.aggregation,
    groups: d.groups,
    bands: d.bands,
    criteria: d.criteria.map(({ id: _id, ...c }) => c),
  };
}
