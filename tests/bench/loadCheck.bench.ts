// The load check's figure (issue 12, "Must show"): `load_check_scan_p99_ms` —
// a goods scan on the serial link → the station's expected / scanned figures
// updated, at a browser station over the station host's WebSocket, at 20
// scans/s, on a trip of 27 stops and 170 orders (~1,000 lines). "Updated" is
// what the station screen does (renderer/pages/station/useStation.ts): the
// scan's event applied to the view it holds — a patch of the rows the scan
// changed (shared/station/patch.ts), or, when a patch does not apply, the
// whole state asked for again — and its totals read. Beside it, the same scan
// path in the lookup task (the reference) and the wire time of a frame.
import type { StationState } from '../../shared/contract';
import { withCheckDigit } from '../../shared/barcode/gtin';
import { applyStationPatch } from '../../shared/station/patch';
import { openCore, type Core } from '../../electron/core/core';
import type { Caller } from '../../electron/core/context';
import { wireTimeMs } from '../../electron/core/scanner/serial/wire';
import { startStationHost } from '../../electron/server';
import { askCore, plugSerialScanner } from '../helpers/serialScanner';
import { connectStation } from '../helpers/stationClient';
import { tempDir } from '../helpers/tempDirs';
import { bench, percentile } from './report';

const password = 'bench-password';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(cond: () => boolean, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  while (!cond() && Date.now() < end) await sleep(5);
}

const stops = 27;
const ordersOnTrip = 170;
const productCount = 60;
const linesPerOrder = 6;

async function main() {
  const baud = 115200;
  const station = 'DOCK-1';
  const core: Core = await openCore({ dataDir: tempDir('bench-load'), station, serial: true, log: () => {} });
  const must = async <T>(caller: Caller, name: string, input: unknown): Promise<T> => {
    const r = await core.dispatch(caller, name, input);
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  const admin = core.newCaller('admin');
  await must(admin, 'setup.createAdmin', { username: 'admin', displayName: 'admin', password });
  const user = async (username: string, role: string) => {
    await must(admin, 'users.create', { username, displayName: username, roles: [role], password });
    const caller = core.newCaller(username);
    await must(caller, 'auth.login', { username, secret: password });
    return caller;
  };
  const op = await user('operator', 'operator');
  await user('keeper', 'warehouseKeeper');
  const dispatcher = await user('dispatcher', 'dispatcher');

  // 60 products with unit barcodes, 27 customers on one route, list prices.
  const barcode = (i: number) => withCheckDigit(`690${String(500000000 + i).padStart(9, '0')}`);
  const codes = Array.from({ length: productCount }, (_, i) => `L${1000 + i}`);
  await must(admin, 'products.import', {
    csv: [
      'code,name_zh,unit,case_pack,unit_cost,unit_barcode',
      ...codes.map((c, i) => `${c},商品${i},个,12,1.00,${barcode(i)}`),
    ].join('\n'),
  });
  await must(admin, 'users.create', {
    username: 'sales',
    displayName: 'sales',
    roles: ['salesperson'],
    password,
  });
  await must(op, 'customers.import', {
    csv: [
      'code,name,area,route,stop_seq,salesperson,blocked,blocked_reason',
      ...Array.from({ length: stops }, (_, i) => `K${100 + i},客户${i},天河,TH-1,${i + 1},sales,0,`),
    ].join('\n'),
  });
  await must(op, 'prices.import', {
    csv: ['product_code,customer_code,price,valid_from,valid_to', ...codes.map((c) => `${c},,2.00,2020-01-01,`)].join(
      '\n',
    ),
  });
  const products = await must<{ id: number; code: string }[]>(admin, 'products.list', {});
  const locations = await must<{ id: number; code: string; kind: string }[]>(admin, 'locations.list', {});
  const bins = locations.filter((l) => l.kind === 'bin' && l.code.startsWith('A-'));
  await must(op, 'receipts.post', {
    deliveryNote: 'QS-BENCH-LOAD',
    arrivedAt: new Date().toISOString(),
    idempotencyKey: 'bench-load-stock',
    lines: codes.map((c, i) => ({
      productId: products.find((p) => p.code === c)!.id,
      status: 'good',
      locationId: bins[i % bins.length]!.id,
      qty: 5000,
    })),
  });
  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const tomorrow = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  const after = new Date(Date.UTC(y, m - 1, d + 2)).toISOString().slice(0, 10);
  const orderIds: number[] = [];
  for (let o = 0; o < ordersOnTrip; o++) {
    const lines = Array.from({ length: linesPerOrder }, (_, k) => ({
      productCode: codes[(o * 7 + k * 11) % productCount]!,
      qty: 1 + ((o + k) % 6),
    }));
    const created = await must<{ id: number }>(op, 'orders.create', {
      channel: 'desk',
      customerCode: `K${100 + (o % stops)}`,
      dispatchDate: tomorrow,
      deliveryDate: after,
      lines,
    });
    orderIds.push(created.id);
  }
  await must(op, 'orders.release', { orderIds });

  // The trip: the dispatcher's vehicle, trip and assignment, through the board's requests.
  const vehicle = await must<{ id: number }>(dispatcher, 'vehicles.save', {
    plate: '粤A-BENCH',
    capacityCases: 5000,
    capacityKg: 50000,
    driverName: '王师傅',
  });
  const trip = await must<{ id: number; number: string }>(dispatcher, 'dispatch.createTrip', {
    dispatchDate: tomorrow,
    vehicleId: vehicle.id,
  });
  const tripNumber = trip.number;
  await must(dispatcher, 'dispatch.assign', { tripId: trip.id, orderIds });
  const board = await must<{ trips: { id: number; stops: unknown[] }[] }>(dispatcher, 'dispatch.board', {
    dispatchDate: tomorrow,
  });
  const stopCount = board.trips.find((t) => t.id === trip.id)!.stops.length;
  await must(op, 'dispatch.loadingTrips', { dispatchDate: tomorrow });

  // The serial scanner, the station host, a browser station logged in as the keeper.
  const scanner = await plugSerialScanner(askCore(core, admin), {
    dir: core.dataDir,
    station,
    baudRate: baud,
    idleMs: 50,
  });
  const host = await startStationHost({ core, rendererDir: core.dataDir, port: 0, log: () => {} });
  const client = await connectStation(host.url);
  const { request } = client;

  // The station screen's view, kept as useStation keeps it.
  let held: StationState | null = null;
  type Shown = { at: number; outcome: string; task: string; scanned: number; bytes: number; patch: boolean };
  const received: Shown[] = [];
  let reloads = 0;
  let reloading = 0;
  const show = (entry: Shown, state: StationState) => {
    held = state;
    entry.task = state.task.kind;
    entry.scanned = state.task.kind === 'load' ? (state.task.check?.totals.scanned ?? -1) : -1;
    entry.at = performance.now();
  };
  client.onEvent((event, bytes) => {
    if (event.name === 'station.changed') held = event.payload;
    if (event.name !== 'scanner.scan') return;
    const p = event.payload;
    const entry: Shown = { at: NaN, outcome: p.scan.outcome, task: '', scanned: -1, bytes, patch: 'patch' in p };
    received.push(entry);
    if ('state' in p) return show(entry, p.state);
    const next = applyStationPatch(held, p.patch, p.scan);
    if (next) return show(entry, next);
    reloads++;
    reloading++;
    void request<StationState>('station.state', {}).then((s) => {
      show(entry, s);
      reloading--;
    });
  });
  await request('auth.login', { username: 'keeper', secret: password });
  await request('dispatch.startPicking', { tripIds: [trip.id] });
  held = await request<StationState>('station.state', {});

  /** `frames` at 20/s on the cable; each scan's time to its event. */
  const paced = async (frames: string[]) => {
    const start = received.length;
    const sentAt: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < frames.length; i++) {
      const wait = t0 + i * 50 - performance.now();
      if (wait > 0) await sleep(wait);
      scanner.cable.scan(frames[i]!);
      sentAt.push(performance.now());
    }
    await until(() => received.length >= start + frames.length && reloading === 0, 60_000);
    await sleep(300); // anything doubled would arrive now
    const got = received.slice(start);
    return { got, latencies: got.slice(0, frames.length).map((r, i) => r.at - sentAt[i]!) };
  };

  // The goods: one unit at a time of what the trip misses, interleaved over
  // the products as they come off the shelves in walking order.
  const expected = await request<{
    products: { productCode: string; missing: number }[];
    totals: { expected: number };
  }>('dispatch.loadCheck', { tripId: trip.id });
  const frames: string[] = [];
  for (const p of expected.products)
    for (let k = 0; k < p.missing; k++) frames.push(barcode(codes.indexOf(p.productCode)));
  const scans = Math.min(frames.length, 1000);
  const chosen = frames.filter((_, i) => i % Math.ceil(frames.length / scans) === 0).slice(0, scans);

  // Rounds of the reference (the same path in the lookup task) and of the load
  // check, one after the other, so both meet the same load on a shared machine.
  const rounds = 5;
  const lookupFrames = Array.from({ length: 200 }, (_, i) => barcode(i % productCount));
  const lookup = { latencies: [] as number[] };
  const got: Shown[] = [];
  const latencies: number[] = [];
  for (let r = 0; r < rounds; r++) {
    await request('station.setTask', { task: 'lookup' });
    const ref = await paced(lookupFrames.slice((r * 200) / rounds, ((r + 1) * 200) / rounds));
    lookup.latencies.push(...ref.latencies);
    // Choosing the load check starts it empty: the trip's barcode first (the whole view), then goods (patches).
    await request('station.setTask', { task: 'load' });
    await paced([tripNumber]);
    const part = chosen.slice(Math.round((r * chosen.length) / rounds), Math.round(((r + 1) * chosen.length) / rounds));
    const load = await paced(part);
    got.push(...load.got);
    latencies.push(...load.latencies);
  }
  const lost = Math.max(0, chosen.length - got.length);
  const doubled = Math.max(0, got.length - chosen.length);
  const refused = got.filter((r) => r.outcome !== 'accepted').length;
  const after2 = await request<{ totals: { scanned: number } }>('dispatch.loadCheck', { tripId: trip.id });
  const right = after2.totals.scanned === chosen.length && got.at(-1)?.scanned === chosen.length;

  const patches = got.filter((r) => r.patch);
  const eventBytes = patches.reduce((sum, r) => sum + r.bytes, 0) / Math.max(1, patches.length);
  const wholeBytes = Buffer.byteLength(JSON.stringify(await request('station.state', {})));

  bench('load_check_scan_p50_ms', percentile(latencies, 50), 'ms');
  bench(
    'load_check_scan_p99_ms',
    percentile(latencies, 99),
    'ms',
    `limit <= 10; ${chosen.length} scans at 20/s in ${rounds} rounds on a trip of ${stopCount} stops, ${ordersOnTrip} orders, ` +
      `${ordersOnTrip * linesPerOrder} lines (${expected.totals.expected} units); lost ${lost}, doubled ${doubled}, ` +
      `refused ${refused}; trip scanned ${after2.totals.scanned}/${chosen.length} (${right ? 'equal' : 'NOT EQUAL'}); ` +
      `${patches.length} patches of ${eventBytes.toFixed(0)} B on average (the whole state ${wholeBytes} B), ` +
      `${reloads} reloads`,
  );
  bench(
    'load_check_lookup_scan_p99_ms',
    percentile(lookup.latencies, 99),
    'ms',
    `reference: the lookup task, ${lookupFrames.length} scans at 20/s, same path, in ${rounds} rounds between the load check's (p50 ${percentile(lookup.latencies, 50).toFixed(2)} ms)`,
  );
  bench('load_check_scan_wire_floor_ms', wireTimeMs(14, baud), 'ms', `14 bytes at ${baud} baud, 8N1`);
  if (!right || lost > 0 || doubled > 0 || refused > 0) process.exitCode = 1;

  client.close();
  await host.close();
  await scanner.close();
  await core.close();
}

// CommonJS bundle: no top-level await.
void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
