/**
 * Properties of every call of the contract, for any input (fast-check): through the dispatcher, as a 管理员, a
 * 考核员 of one community and a 文书, a call never ends in INTERNAL; a refused call carries a message in Chinese and
 * writes nothing (the database's content is the same before and after); and no answer to a 考核员 or a 文书 holds a
 * whole ID number or mobile. Inputs are fc.anything() and inputs made near the call's schema (its keys with values of
 * the right kind and every wrong kind: huge numbers, Infinity, NaN, numbers as text, long strings, negative ids …).
 * Bounded: a fixed seed, a modest number of runs per call. Calls whose success is expensive or reaches outside the
 * database (loading the demo, restoring or taking a backup, a second backup folder, setting a password) get only inputs
 * that are refused.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Actor } from '../../src/main/core/context';
import { dispatch } from '../../src/main/core/rpc';
import { contract, type CallName } from '../../src/shared/contract';
import { nearSchema } from './contract-walk';
import { ADMIN, contentHash, roleFixture, SECRETARY, WANG_ID, WANG_MOBILE, ZHANG_ID, ZHANG_MOBILE, type RoleFixture } from './role-fixture';

const SEED = Number(process.env.PROP_SEED ?? 20261123);
const RUNS = Number(process.env.PROP_RUNS ?? 40);
const HAS_CHINESE = /[\u4e00-\u9fa5]/;
const FULL_VALUES = [ZHANG_ID, WANG_ID, ZHANG_MOBILE, WANG_MOBILE];

/** Success here is expensive, slow (a password hash) or reaches outside the database: only refused inputs. */
const REFUSED_ONLY = new Set<string>([
  'system.loadDemo',
  'system.restoreBackup',
  'system.backupNow',
  'system.setSecondBackupDir',
  'recovery.restore',
  'accounts.create',
  'accounts.resetPassword',
]);

let fx: RoleFixture;
let actors: Actor[];
/** The content hash, kept while nothing has changed (total_changes() has not moved): one full read per change. */
let known: { changes: number; hash: string } | null = null;

function fingerprint(): string {
  const changes = fx.t.core.db.prepare('SELECT total_changes()').pluck().get() as number;
  if (known?.changes !== changes) known = { changes, hash: contentHash(fx.t) };
  return known.hash;
}

beforeAll(async () => {
  fx = await roleFixture();
  actors = [ADMIN, fx.evaluator, SECRETARY];
}, 120_000);

afterAll(() => fx?.dispose());

const calls = Object.keys(contract) as CallName[];

describe('every call, any input, every role', () => {
  it.each(calls)('%s', async (name) => {
    const def = contract[name];
    const schema = def.input as z.ZodType;
    const inputs = fc.oneof({ weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) }, { weight: 3, arbitrary: nearSchema(schema) });
    await fc.assert(
      fc.asyncProperty(inputs, fc.integer({ min: 0, max: 2 }), async (input, who) => {
        const actor = actors[who]!;
        const allowed = def.roles.includes(actor.role);
        // an expensive success is not tried: only what the role or the schema refuses
        fc.pre(!(REFUSED_ONLY.has(name) && allowed && schema.safeParse(input ?? {}).success));
        const before = fingerprint();
        const result = await dispatch(fx.t.core, actor, name, input);
        if (!result.ok) {
          expect(result.error.code, `${name}: ${result.error.message}`).not.toBe('INTERNAL');
          expect(result.error.message).toMatch(HAS_CHINESE);
          for (const issue of result.error.issues ?? []) expect(issue.message).toMatch(HAS_CHINESE);
          expect(fingerprint(), `${name} refused (${result.error.code}) but wrote`).toBe(before);
          if (!allowed) expect(result.error.code).toBe('FORBIDDEN');
        } else {
          expect(allowed || def.anonymous).toBe(true);
          if (actor.role !== 'admin' && !name.startsWith('recovery.')) {
            const text = JSON.stringify(result.data) ?? '';
            for (const v of FULL_VALUES) expect(text.includes(v), `${name} showed a whole number to a ${actor.role}`).toBe(false);
          }
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });
});

describe('every schema alone, any input', () => {
  it('every issue of every schema has a message in Chinese, never zod’s locale words', () => {
    const schemas = calls.map((name) => contract[name].input as z.ZodType);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: schemas.length - 1 }).chain((i) => fc.tuple(fc.constant(i), fc.oneof(fc.anything({ maxDepth: 3 }), nearSchema(schemas[i]!)))), ([i, input]) => {
        const r = schemas[i]!.safeParse(input);
        if (r.success) return;
        for (const issue of r.error.issues) {
          expect(issue.message).toMatch(HAS_CHINESE);
          expect(issue.message).not.toMatch(/期望|实际接收|无效输入|Invalid input/);
        }
      }),
      { numRuns: 2000, seed: SEED },
    );
  });
});
