// The demo's damage register (issue 13): the CS manager logs in to reports
// awaiting approval and a disposal to decide; the register holds every state.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, openDemoCore } from '../fixtures';
import type { Core } from '../../../electron/core/core';
import type { Caller } from '../../../electron/core/context';

let core: Core;
let manager: Caller;
beforeAll(async () => {
  // The run's demo warehouse, copied (built by the first file that asks).
  core = await openDemoCore();
  manager = core.newCaller('manager');
  await call(core, manager, 'auth.login', { username: 'manager', secret: 'demo1234' });
}, 120_000);
afterAll(async () => core.close());

describe('the demo damage register', () => {
  it('has reports in every state and work waiting for the manager', async () => {
    const reports = await call(core, manager, 'damage.list', {});
    expect(new Set(reports.map((r) => r.state))).toEqual(new Set(['reported', 'approved', 'rejected']));
    expect(reports.filter((r) => r.state === 'reported').length).toBeGreaterThanOrEqual(3);
    // A day's work waits, not the month's damaged arrivals (those older than two days were approved).
    const old = new Date(Date.now() - 48 * 3600_000).toISOString();
    const backlog = (
      await sql<{
        n: number;
      }>`SELECT COUNT(*) AS n FROM damage_reports WHERE state = 'reported' AND origin_document_id IS NOT NULL AND reported_at < ${old}`.execute(
        core.database.db,
      )
    ).rows[0]!;
    expect(backlog.n).toBe(0);
    expect(reports.filter((r) => r.state === 'reported').length).toBeLessThan(25);
    const disposals = await call(core, manager, 'disposals.list', {});
    expect(disposals.map((d) => d.state).sort()).toEqual(['approved', 'proposed']);
    // The manager can approve what waits: the stock is there.
    const waiting = reports.find((r) => r.state === 'reported')!;
    expect((await call(core, manager, 'damage.approve', { reportId: waiting.id })).state).toBe('approved');
  });
});
