// R5 under concurrency: two operators' stations (two processes on one data
// folder) release two orders at the same moment for the last units. Exactly
// one order is reserved, the other goes to the confirmation list, and
// available never goes below zero.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForNode } from '../../helpers/bundle';
import type { ReleaseReport, Result } from '../../../shared/contract';
import { call, childEnv } from '../fixtures';
import { orderWarehouse, type OrderWarehouse } from './orderFixtures';

const run = promisify(execFile);
let bundle: string;
let ow: OrderWarehouse;

beforeAll(async () => {
  bundle = await bundleForNode(path.resolve(__dirname, 'concurrentReleaser.ts'));
  ow = await orderWarehouse();
});
afterAll(async () => ow.w.core.close());

describe('two releases racing for the last units', () => {
  it('reserve exactly one order; the other is short; available never negative', async () => {
    await ow.stock('P001', 10);
    const a = await ow.order({ lines: [{ productCode: 'P001', qty: 10 }] });
    const b = await ow.order({ customerCode: 'C002', lines: [{ productCode: 'P001', qty: 10 }] });
    const results = await Promise.all(
      [a, b].map((o, n) =>
        run(process.execPath, [bundle, ow.w.core.dataDir, String(o.id), `station-${n}`], {
          env: childEnv(ow.w.core),
        }).then((r) => JSON.parse(r.stdout) as Result<ReleaseReport>),
      ),
    );
    const reports = results.map((r) => (r.ok ? r.value : null));
    expect(reports.every((r) => r !== null)).toBe(true);
    expect(reports.flatMap((r) => r!.released)).toHaveLength(1);
    expect(reports.flatMap((r) => r!.short)).toHaveLength(1);
    const states = (await call(ow.w.core, ow.op, 'orders.list', { ids: [a.id, b.id] })).map((o) => o.state).sort();
    expect(states).toEqual(['released', 'short']);
    const list = await call(ow.w.core, ow.op, 'orders.confirmationList', { dispatchDate: ow.tomorrow });
    expect(list[0]!.lines[0]).toMatchObject({ onHand: 10, reserved: 10, available: 0, shortfall: 10 });
  });
});
