// A generated quarter for the report tests (issue 14 "Tests"): 13 weeks and the
// days of this week so far, every movement type (reversals and a status
// transfer too), posted through the one posting function with the clock set
// to each moment, a day per transaction. Some postings fall a few minutes
// either side of local midnight so a day taken in UTC would be caught.
import { sql } from 'kysely';
import type { MovementType, StockStatus } from '../../../shared/domain';
import type { Caller, ServiceContext } from '../../../electron/core/context';
import { addDays, today } from '../../../electron/core/orders/dates';
import { postDocument, type MovementLine } from '../../../electron/core/stock/posting';
import { call, newKey, openWarehouse, type Warehouse } from '../fixtures';

export const zone = 'Asia/Shanghai';

const categories = ['饮料', '乳制品', '调味品', '零食'];
const csv = [
  'code,name_zh,name_en,spec,unit,case_pack,unit_cost,category,active,unit_barcode,case_barcode,replaced_by',
  ...Array.from(
    { length: 24 },
    (_, i) =>
      `Q${String(i + 1).padStart(3, '0')},商品${i + 1},Product ${i + 1},1x${i + 1},个,12,${(1 + (i % 7) * 1.37).toFixed(2)},${categories[i % 4]},1,,,`,
  ),
  // An old code 旧代码 still holding stock, linked to its successor (R13).
  'Q900,旧码 商品1,Old product 1,1x1,个,12,1.00,饮料,1,,,Q001',
].join('\n');

export type Quarter = {
  w: Warehouse;
  /** The core's fixed clock: "now" of every request. */
  now: Date;
  today: string;
  /** Monday of the first generated week. */
  firstMonday: string;
  supervisor: Caller;
  productIds: number[];
  bins: number[];
  /** The bin of the second warehouse (raw layout), for the warehouse filter. */
  otherBin: number;
  otherWarehouseId: number;
  mainWarehouseId: number;
};

/** Midnight of a business day in Asia/Shanghai (UTC+8, no DST) as a UTC instant. */
export const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function generateQuarter(seed = 7): Promise<Quarter> {
  const now = new Date();
  const w = await openWarehouse({ now: () => now, timeZone: zone });
  await call(w.core, w.admin, 'products.import', { csv });
  const products = await call(w.core, w.admin, 'products.list', {});
  const productIds = products.filter((p) => p.code.startsWith('Q')).map((p) => p.id);
  const oldId = products.find((p) => p.code === 'Q900')!.id;
  const locations = await call(w.core, w.admin, 'locations.list', {});
  const bins = locations.filter((l) => l.kind === 'bin').map((l) => l.id);
  const mainWarehouseId = locations.find((l) => l.kind === 'warehouse')!.id;

  // A second warehouse with one zone and one bin, straight into the table.
  const db = w.core.database.db;
  const location = async (code: string, name: string, kind: string, parentId: number | null) =>
    Number(
      (
        await db
          .insertInto('locations')
          .values({ code, name, kind, parent_id: parentId })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  const otherWarehouseId = await location('WH2', '二号仓', 'warehouse', null);
  const zoneId = await location('WH2-A', '二号仓常温区', 'zone', otherWarehouseId);
  const otherBin = await location('W2-01', '二号仓 1', 'bin', zoneId);
  await sql`UPDATE catalogue_version SET token = token + 1`.execute(db);

  const operator = await w.as('operator');
  const supervisor = await w.as('supervisor');
  const todayDate = today(now, zone);
  // Monday 13 weeks before this week's Monday.
  const dow = (new Date(`${todayDate}T00:00:00Z`).getUTCDay() + 6) % 7;
  const firstMonday = addDays(todayDate, -dow - 13 * 7);
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;

  const stock = new Map<string, number>();
  const keyOf = (l: MovementLine) => `${l.productId}|${l.status}|${l.locationId}`;
  const have = (p: number, s: StockStatus, b: number) => stock.get(`${p}|${s}|${b}`) ?? 0;
  const receivedDocs: { id: number; lines: MovementLine[] }[] = [];
  const issueDocs: { id: number; lines: MovementLine[] }[] = [];
  const allBins = [...bins.slice(0, 4), otherBin];

  for (let day = firstMonday; day <= todayDate; day = addDays(day, 1)) {
    const start = dayStart(day).getTime();
    // From 00:03 to 23:57 local; today only up to now.
    const times = Array.from(
      { length: 24 },
      (_, i) => start + 3 * 60_000 + i * 60 * 60_000 - (i === 23 ? 6 * 60_000 : 0),
    )
      .concat([start + 23 * 3600_000 + 57 * 60_000])
      .filter((t) => t < now.getTime());
    if (times.length === 0) continue;
    await w.core.database.db.transaction().execute(async (trx) => {
      let t = 0;
      const post = async (
        type: MovementType,
        lines: MovementLine[],
        reversesId?: number,
        movementType?: MovementType,
      ) => {
        const lines2 = lines.filter((l) => l.qty !== 0);
        if (lines2.length === 0) return null;
        const ctx: ServiceContext = {
          db: trx,
          root: w.core.database.db,
          caller: operator,
          now: new Date(times[t++ % times.length]!),
          request: 'test.quarter',
          timeZone: zone,
          dataDir: w.core.dataDir,
          emit: () => {},
          afterCommit: (fn) => fn(),
        };
        const r = await postDocument(ctx, {
          type,
          idempotencyKey: newKey(),
          lines: lines2,
          ...(reversesId !== undefined && { reversesId }),
          ...(movementType && { movementType }),
        });
        for (const l of lines2) stock.set(keyOf(l), (stock.get(keyOf(l)) ?? 0) + l.qty);
        return { id: r.documentId, lines: lines2 };
      };
      if (day === firstMonday) {
        await post(
          'opening',
          productIds.flatMap((p) => [
            { productId: p, status: 'good' as const, locationId: bins[2]!, qty: 500 },
            { productId: p, status: 'gift' as const, locationId: bins[2]!, qty: 40 },
          ]),
        );
      }
      // A receipt of five products, good and gift.
      const rc = await post(
        'receipt',
        Array.from({ length: 5 }, () => ({
          productId: pick(productIds),
          status: random() < 0.8 ? ('good' as const) : ('gift' as const),
          locationId: pick(allBins),
          qty: 20 + Math.floor(random() * 180),
        })),
      );
      if (rc) receivedDocs.push(rc);
      // Dispatch issues and a gift issue, from what is there.
      for (let i = 0; i < 6; i++) {
        const lines: MovementLine[] = [];
        for (let j = 0; j < 3; j++) {
          const p = pick(productIds);
          const b = pick(allBins);
          const q = Math.min(
            have(p, 'good', b) -
              lines.filter((l) => l.productId === p && l.locationId === b).reduce((n, l) => n - l.qty, 0),
            1 + Math.floor(random() * 40),
          );
          if (q > 0) lines.push({ productId: p, status: 'good', locationId: b, qty: -q });
        }
        const di = await post('dispatchIssue', lines);
        if (di) issueDocs.push(di);
      }
      {
        const p = pick(productIds);
        const b = pick(allBins);
        await post('giftIssue', [
          { productId: p, status: 'gift', locationId: b, qty: -Math.min(have(p, 'gift', b), 5) },
        ]);
      }
      if (random() < 0.4) {
        await post('returnReceipt', [
          {
            productId: pick(productIds),
            status: random() < 0.5 ? 'good' : 'damaged',
            locationId: pick(allBins),
            qty: 1 + Math.floor(random() * 6),
          },
        ]);
      }
      if (random() < 0.5) {
        const p = pick(productIds);
        const b = pick(allBins);
        const q = Math.min(have(p, 'good', b), 1 + Math.floor(random() * 4));
        if (q > 0)
          await post('damageTransfer', [
            { productId: p, status: 'good', locationId: b, qty: -q },
            { productId: p, status: 'damaged', locationId: bins[7] ?? b, qty: q },
          ]);
      }
      if (random() < 0.2) {
        const damaged = [...stock.entries()].filter(([k, q]) => k.includes('|damaged|') && q > 0);
        if (damaged.length > 0) {
          const [k, q] = pick(damaged);
          const [p, , b] = k.split('|').map((x, i) => (i === 1 ? x : Number(x))) as [number, string, number];
          await post('disposal', [{ productId: p, status: 'damaged', locationId: b, qty: -Math.ceil(q / 2) }]);
        }
      }
      if (random() < 0.15) {
        const p = pick(productIds);
        const b = pick(allBins);
        const q = random() < 0.5 ? 3 : -Math.min(have(p, 'good', b), 3);
        await post(random() < 0.6 ? 'countAdjustment' : 'manualAdjustment', [
          { productId: p, status: 'good', locationId: b, qty: q },
        ]);
      }
      if (random() < 0.1 && issueDocs.length > 0) {
        // Reverse the last dispatch issue (stock comes back: always possible).
        const d = issueDocs.pop()!;
        await post(
          'reversal',
          d.lines.map((l) => ({ ...l, qty: -l.qty })),
          d.id,
        );
      }
      if (random() < 0.1 && receivedDocs.length > 0) {
        const d = receivedDocs[receivedDocs.length - 1]!;
        const need = new Map<string, number>();
        for (const l of d.lines) need.set(keyOf(l), (need.get(keyOf(l)) ?? 0) + l.qty);
        if ([...need].every(([k, q]) => (stock.get(k) ?? 0) >= q)) {
          receivedDocs.pop();
          await post(
            'reversal',
            d.lines.map((l) => ({ ...l, qty: -l.qty })),
            d.id,
          );
        }
      }
      if (random() < 0.05) {
        const p = pick(productIds);
        const b = pick(allBins);
        const q = Math.min(have(p, 'good', b), 2);
        if (q > 0)
          await post('statusTransfer', [
            { productId: p, status: 'good', locationId: b, qty: -q },
            { productId: p, status: 'gift', locationId: b, qty: q },
          ]);
      }
      if (day === firstMonday) {
        await post('receipt', [{ productId: oldId, status: 'good', locationId: bins[2]!, qty: 30 }]);
      }
    });
  }
  return {
    w,
    now,
    today: todayDate,
    firstMonday,
    supervisor,
    productIds,
    bins,
    otherBin,
    otherWarehouseId,
    mainWarehouseId,
  };
}
