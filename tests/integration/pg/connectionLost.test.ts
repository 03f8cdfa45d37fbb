// A connection to the PostgreSQL server lost mid-shift (issue 15 §7): the
// server stops under a running core. Every window hears it (database.link
// down), a posting is refused with db.connectionLost — translated, nothing
// half-written — and the host keeps running; when the server is back the
// core reconnects by itself (database.link up) and the same posting, retried
// with its idempotency key, posts once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../../shared/contract';
import { openCore, type Core } from '../../../electron/core/core';
import type { Caller } from '../../../electron/core/context';
import { startPostgres, type TestPostgres } from '../../helpers/postgres';
import { tempDir } from '../../helpers/tempDirs';

let server: TestPostgres;
let core: Core;
const events: EventMessage[] = [];

async function ok<T>(caller: Caller, name: string, input: unknown): Promise<T> {
  const r = await core.dispatch(caller, name, input);
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

beforeAll(async () => {
  server = await startPostgres();
  const url = await server.createDatabase();
  core = await openCore({ dataDir: tempDir('pg-lost'), database: url, station: 'pg-lost', log: () => {} });
  core.subscribe((m) => events.push(m));
});

afterAll(async () => {
  await core?.close();
  server?.stop();
});

describe('the database server lost mid-shift', () => {
  it('says so, refuses the posting with db.connectionLost, and posts it once when the server is back', async () => {
    const admin = core.newCaller('admin');
    await ok(admin, 'setup.createAdmin', { username: 'admin', displayName: '管理员', password: 'lost-pass-1' });
    await ok(admin, 'products.import', {
      csv: 'code,name_zh,name_en,spec,unit,case_pack,unit_cost,category,active\nP001,水,Water,1,瓶,24,0.95,饮料,1\n',
    });
    await ok(admin, 'users.create', {
      username: 'keeper',
      displayName: '仓管',
      roles: ['warehouseKeeper'],
      password: 'lost-pass-1',
    });
    const keeper = core.newCaller('keeper');
    await ok(keeper, 'auth.login', { username: 'keeper', secret: 'lost-pass-1' });
    const [product] = await ok<{ id: number }[]>(keeper, 'products.list', {});
    const bin = (await ok<{ id: number; kind: string }[]>(keeper, 'locations.list', {})).find((l) => l.kind === 'bin')!;
    const receipt = {
      deliveryNote: 'QS-LOST',
      arrivedAt: new Date().toISOString(),
      idempotencyKey: 'lost-receipt-1',
      lines: [{ productId: product!.id, status: 'good', locationId: bin.id, qty: 12 }],
    };

    server.stop();
    await expect
      .poll(() => events.some((e) => e.name === 'database.link' && e.payload.state === 'down'), { timeout: 10_000 })
      .toBe(true);
    const refused = await core.dispatch(keeper, 'receipts.post', receipt);
    expect(refused).toMatchObject({ ok: false, error: { code: 'db.connectionLost' } });

    server.restart();
    await expect
      .poll(() => events.some((e) => e.name === 'database.link' && e.payload.state === 'up'), { timeout: 20_000 })
      .toBe(true);
    await ok(keeper, 'receipts.post', receipt);
    // Sent again with the same key (the window's retry): answered as the first time, not posted twice.
    await ok(keeper, 'receipts.post', receipt);
    const balances = await ok<{ productId: number; qty: number }[]>(keeper, 'stock.balances', {});
    expect(balances.filter((b) => b.productId === product!.id).reduce((s, b) => s + b.qty, 0)).toBe(12);
  });
});
