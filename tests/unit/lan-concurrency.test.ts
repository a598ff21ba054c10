/**
 * 20 LAN clients at once (issue 18): each its own HTTPS connection, cookie and address (127.0.0.2 … 127.0.0.21: all of
 * 127.0.0.0/8 is this machine's loopback, so no test hook is needed), half logged in as the 管理员 and half as the
 * 考核员, saving its own cell again and again for a bounded time. Afterwards every acknowledged save is in the data file
 * (read through a new connection), each audited with the address of the client that made it, and the chain verifies.
 */
import Database from 'better-sqlite3';
import { Agent } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/main/core/audit/chain';
import { ADMIN_LOGIN, EVALUATOR_LOGIN, startLanHost, type LanHost } from './host/lan-host';

const CLIENTS = 20;
const RUN_MS = 5_000;
const addressOf = (i: number) => `127.0.0.${i + 2}`;
let host: LanHost;

beforeAll(async () => {
  host = await startLanHost({ people: 10 });
}, 60_000);

afterAll(() => host.close());

describe('20 LAN clients saving at once', () => {
  it('keeps every acknowledged save, audited with its client', async () => {
    const agents: Agent[] = [];
    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, i) => {
        const agent = new Agent({ keepAlive: true, maxSockets: 1, rejectUnauthorized: false });
        agents.push(agent);
        const c = host.client(agent, addressOf(i));
        await c.call('accounts.login', i % 2 === 0 ? ADMIN_LOGIN : EVALUATOR_LOGIN);
        return c;
      }),
    );
    expect((await host.local('lan.status', {})).sessions).toBe(CLIENTS);
    // client i owns one cell: person i ÷ 2, criterion i mod 2
    const cellOf = (i: number) => ({ personId: host.people.own[Math.floor(i / 2)]!, criterionId: host.criteria[i % 2]!.id });
    const acked: { value: number | null; saves: number }[] = clients.map(() => ({ value: null, saves: 0 }));
    const until = Date.now() + RUN_MS;
    await Promise.all(
      clients.map(async (c, i) => {
        for (let n = 0; Date.now() < until; n++) {
          const value = 50 * ((n % 60) + 1);
          const r = await c.rpc('assessments.saveScores', {
            monthId: host.monthId,
            evaluatorId: host.evaluatorId,
            cells: [{ ...cellOf(i), value, seen: acked[i]!.value }],
          });
          expect(r.json.ok, JSON.stringify(r.json)).toBe(true);
          if (r.json.ok) {
            expect(r.json.data).toMatchObject({ saved: 1, conflicts: [] });
            acked[i] = { value, saves: acked[i]!.saves + 1 };
          }
        }
      }),
    );
    for (const a of agents) a.destroy();
    const total = acked.reduce((s, a) => s + a.saves, 0);
    expect(total).toBeGreaterThan(CLIENTS * 3);

    // what the file holds, read afresh
    const file = new Database(join(host.dir, 'data', 'grid-appraisal.db'), { readonly: true });
    try {
      const stored = file.prepare('SELECT value, updated_by AS by FROM scores WHERE month_id = ? AND person_id = ? AND evaluator_id = ? AND criterion_id = ?');
      const audited = file.prepare(
        `SELECT count(*) AS n, count(DISTINCT client) AS clients, min(client) AS client FROM audit_log WHERE entity = 'score' AND entity_id = ?
           AND json_extract(new_value, '$.personId') = ? AND json_extract(new_value, '$.criterionId') = ?`,
      );
      acked.forEach((a, i) => {
        const cell = cellOf(i);
        expect(stored.get(host.monthId, cell.personId, host.evaluatorId, cell.criterionId)).toEqual({ value: a.value, by: i % 2 === 0 ? '王主任' : '李考核' });
        expect(audited.get(host.monthId, cell.personId, cell.criterionId)).toEqual({ n: a.saves, clients: 1, client: addressOf(i) });
      });
      expect((await verifyAuditChain(file)).ok).toBe(true);
    } finally {
      file.close();
    }
  }, 60_000);
});
