// One station cannot take the host from the others: a flooding client is
// rate-limited (contract.rateLimited, with when to retry) while another
// client's login and read are answered during the flood; a client that stops
// reading its socket is disconnected instead of its replies piling up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/contract';
import { call, openWarehouse, password, type Warehouse } from '../fixtures';
import { removeDir, startTestHost, StationClient, until } from './stationClient';

let w: Warehouse;

beforeAll(async () => {
  w = await openWarehouse();
  await w.as('warehouseKeeper');
});
afterAll(async () => {
  await w.core.close();
  removeDir(w.core.dataDir);
});

const login = { username: 'u-warehousekeeper', secret: password };

describe('per-connection limits', () => {
  it('rate-limits a flooding client while another client logs in and reads during the flood', async () => {
    const host = await startTestHost({ core: w.core });
    try {
      const flooder = await StationClient.open(host.url);
      expect(await flooder.request('auth.login', login)).toMatchObject({ ok: true });
      const other = await StationClient.open(host.url);

      // The flood: 500 requests always outstanding, a new one for every answer, until told to stop.
      let flooding = true;
      let answered = 0;
      const refusals: Result<unknown>[] = [];
      const pump = () => {
        if (!flooding) return;
        void flooder.request('stock.balances', {}).then((r) => {
          answered++;
          if (!r.ok && r.error.code === 'contract.rateLimited') refusals.push(r);
          pump();
        });
      };
      for (let i = 0; i < 500; i++) pump();
      expect(await until(() => refusals.length > 0)).toBe(true);

      const floodAnsweredBefore = answered;
      const loggedIn = await other.request('auth.login', login);
      const read = await other.request('stock.balances', {});
      const floodAnsweredWhenServed = answered;
      const outstandingWhenServed = flooder.waiting;
      // The flood goes on after the other client was served.
      expect(await until(() => answered > floodAnsweredWhenServed + 1000)).toBe(true);
      flooding = false;

      expect(loggedIn).toMatchObject({ ok: true });
      expect(read).toMatchObject({ ok: true });
      expect(outstandingWhenServed).toBeGreaterThan(0);
      expect(floodAnsweredWhenServed).toBeGreaterThanOrEqual(floodAnsweredBefore);
      expect(refusals[0]).toMatchObject({
        ok: false,
        error: { code: 'contract.rateLimited', details: { retryAfterSeconds: expect.any(Number) } },
      });
      expect(await until(() => flooder.waiting === 0)).toBe(true);
      // Both connections are still open: a flood is refused, not punished with a disconnect.
      expect(flooder.closeCode).toBeNull();
      expect(await other.request('stock.balances', {})).toMatchObject({ ok: true });
      flooder.close();
      other.close();
    } finally {
      await host.close();
      removeDir(host.rendererDir);
    }
  });

  it('disconnects a client that stops reading its replies, and keeps serving the others', async () => {
    // Bulky replies: a catalogue of 3,000 products is ~1 MB of JSON per products.list.
    const rows = Array.from(
      { length: 3000 },
      (_, i) =>
        `Q${String(i).padStart(5, '0')},测试商品 ${'长名'.repeat(20)} ${i},Test product ${'long name '.repeat(8)} ${i},1个,个,1,1.00,测试,1,,,`,
    );
    await call(w.core, w.admin, 'products.import', {
      csv: `code,name_zh,name_en,spec,unit,case_pack,unit_cost,category,active,unit_barcode,case_barcode,replaced_by\n${rows.join('\n')}\n`,
    });
    const host = await startTestHost({
      core: w.core,
      limits: { maxBufferedBytes: 512 * 1024, burst: 10_000, perSecond: 10_000, maxInFlight: 1000 },
    });
    try {
      const slow = await StationClient.open(host.url);
      expect(await slow.request('auth.login', login)).toMatchObject({ ok: true });
      const socket = (slow.ws as unknown as { _socket: import('node:net').Socket })._socket;
      socket.pause(); // the tab stopped reading
      for (let i = 0; i < 80; i++) void slow.request('products.list', {});
      expect(await until(() => host.logged.some((l) => l.includes('not reading its replies')), 3000)).toBe(true);
      socket.resume();
      expect(await until(() => slow.closeCode !== null, 3000)).toBe(true);
      expect(slow.waiting).toBeGreaterThan(0); // its queue was dropped, not delivered

      const other = await StationClient.open(host.url);
      expect(await other.request('auth.login', login)).toMatchObject({ ok: true });
      expect(await other.request('products.list', {})).toMatchObject({ ok: true });
      other.close();
    } finally {
      await host.close();
      removeDir(host.rendererDir);
    }
  });
});
