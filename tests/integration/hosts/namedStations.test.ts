// A named station per browser (issue 15 §5): two keepers in two browsers of
// one station host are two stations — each its own task, owner and scans —
// and a browser that comes back under its name finds its station as it left
// it. A browser that names none works as the host's station, as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result, StationState } from '../../../shared/contract';
import { namedStation } from '../../../electron/server';
import { call, openWarehouse, password, type Warehouse } from '../fixtures';
import { removeDir, startTestHost, StationClient } from './stationClient';

let w: Warehouse;
let host: Awaited<ReturnType<typeof startTestHost>>;
const open: StationClient[] = [];

beforeAll(async () => {
  w = await openWarehouse();
  await w.as('warehouseKeeper'); // u-warehousekeeper
  await call(w.core, w.admin, 'users.create', {
    username: 'keeper-b',
    displayName: '仓管乙',
    roles: ['warehouseKeeper'],
    password,
  });
  host = await startTestHost({ core: w.core });
});
afterAll(async () => {
  for (const c of open) c.close();
  await host.close();
  await w.core.close();
  removeDir(host.rendererDir);
});

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

/** A browser on the host, named `station` (or not), logged in as `username`. */
async function browser(username: string, station?: string) {
  const query = station === undefined ? '' : `?station=${encodeURIComponent(station)}`;
  const client = await StationClient.open(host.url, {}, query);
  open.push(client);
  const login = value<{ token: string; station: string }>(
    await client.request('auth.login', { username, secret: password }),
  );
  return { client, login };
}

describe('named stations on one station host', () => {
  it('gives each named browser its own station: task, owner and scans are not shared', async () => {
    const a = await browser('u-warehousekeeper', 'Dock 2');
    const b = await browser('keeper-b', '退货台');
    expect(a.login.station).toBe('Dock 2');
    expect(b.login.station).toBe('退货台');

    value(await a.client.request('station.setTask', { task: 'receipt' }));
    value(await a.client.request('scanner.submit', { raw: w.bins[0]!.code, source: 'manual' }));
    const stateA = value<StationState>(await a.client.request('station.state', {}));
    expect(stateA.station).toBe('Dock 2');
    expect(stateA.task.kind).toBe('receipt');
    expect(stateA.owner?.displayName).toBe('warehouseKeeper');
    expect(stateA.lastScans.map((s) => s.raw)).toContain(w.bins[0]!.code);

    // On one shared station keeper B would be refused (scan.notTaskOwner); on their own they are free.
    const stateB = value<StationState>(await b.client.request('station.state', {}));
    expect(stateB).toMatchObject({ station: '退货台', owner: null, lastScans: [] });
    expect(stateB.task.kind).toBe('lookup');
    const takenB = value<StationState>(await b.client.request('station.setTask', { task: 'receipt' }));
    expect(takenB.owner?.displayName).toBe('仓管乙');
    // …and A's station is untouched by B.
    expect(value<StationState>(await a.client.request('station.state', {})).owner?.displayName).toBe('warehouseKeeper');
  });

  it('finds its station as it left it when the browser comes back under its name', async () => {
    const first = await browser('u-warehousekeeper', 'Dock-7');
    value(await first.client.request('station.setTask', { task: 'receipt' }));
    value(await first.client.request('scanner.submit', { raw: w.bins[1]!.code, source: 'manual' }));
    first.client.close();

    const again = await StationClient.open(host.url, {}, '?station=Dock-7');
    open.push(again);
    const resumed = value<{ station: string }>(await again.request('auth.resume', { token: first.login.token }));
    expect(resumed.station).toBe('Dock-7');
    const state = value<StationState>(await again.request('station.state', {}));
    expect(state.task.kind).toBe('receipt');
    expect(state.lastScans.map((s) => s.raw)).toContain(w.bins[1]!.code);
  });

  it("works as the host's station without a name, or with a name no station can have", async () => {
    for (const query of ['', '?station=', '?station=%20%20', '?station=-dash-first', `?station=${'x'.repeat(33)}`]) {
      const client = await StationClient.open(host.url, {}, query);
      open.push(client);
      const status = value<{ station: string }>(await client.request('setup.status', {}));
      expect(status.station, query).toBe('test-station');
    }
  });

  it('reads the name from the socket address as the station screens will show it', () => {
    expect(namedStation('/ws?station=%E5%8F%91%E8%B4%A7%E5%8F%B0%201')).toBe('发货台 1');
    expect(namedStation('/ws?station=%20Dock%20%202%20')).toBe('Dock 2');
    expect(namedStation('/ws?station=Dock%2F2')).toBeNull();
    expect(namedStation('/ws?station=%E0%A4%A')).toBeNull();
    expect(namedStation('/ws')).toBeNull();
  });
});
