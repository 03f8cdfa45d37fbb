// Pick lists 拣货单 (issue 12 §4): every product the trip (or a wave of trips)
// carries, with the bins to take it from in walking order — bins by location
// code, the first bins first until the quantity is covered, read from the
// balances — good stock for normal lines and gift stock for gift lines (R2),
// its units as cases + loose, and the orders it serves. Loading takes from
// the bins by the same rule (binsFor), so the goods leave the shelves the pick
// list sent the picker to.
import type { PickBin, PickLine, PickList } from '../../../../shared/contract';
import type { Db } from '../../db/schema';
import { loadTrips } from './reads';

type Status = 'good' | 'gift';
const key = (productId: number, status: string) => `${productId}|${status}`;

/** Stock in bins per (product, status), bins by code: what the shelves hold now. */
export async function binStock(db: Db, productIds: number[], hidden: ReadonlySet<number> = new Set()) {
  const out = new Map<string, { locationId: number; locationCode: string; qty: number }[]>();
  for (let i = 0; i < productIds.length; i += 500) {
    const rows = await db
      .selectFrom('balances as b')
      .innerJoin('locations as l', 'l.id', 'b.location_id')
      .select(['b.product_id', 'b.status', 'b.location_id', 'l.code', 'b.qty'])
      .where('b.product_id', 'in', productIds.slice(i, i + 500))
      .where('b.status', 'in', ['good', 'gift'])
      .where('b.qty', '>', 0)
      .where('l.kind', '=', 'bin')
      .orderBy('l.code')
      .execute();
    for (const r of rows) {
      if (hidden.has(r.location_id)) continue;
      const k = key(r.product_id, r.status);
      let list = out.get(k);
      if (!list) out.set(k, (list = []));
      list.push({ locationId: r.location_id, locationCode: r.code, qty: r.qty });
    }
  }
  return out;
}

/**
 * Which bins to take `qty` from: the first bins by code until it is covered.
 * Takes from `bins` in place, so several lines share one shelf's stock.
 */
export function binsFor(bins: { locationId: number; locationCode: string; qty: number }[] | undefined, qty: number) {
  const take: PickBin[] = [];
  let left = qty;
  for (const b of bins ?? []) {
    if (left === 0) break;
    const n = Math.min(b.qty, left);
    if (n <= 0) continue;
    take.push({ locationId: b.locationId, locationCode: b.locationCode, qty: n });
    b.qty -= n;
    left -= n;
  }
  return { take, short: left };
}

/**
 * `hidden`: bins a blind count hides from the caller (R10) — the pick list
 * sends them elsewhere rather than let "take 7,331 from A-03" tell a counter
 * the book.
 */
export async function pickList(
  db: Db,
  tripIds: number[],
  now: Date,
  hidden: ReadonlySet<number> = new Set(),
): Promise<PickList> {
  const trips = await loadTrips(db, tripIds);
  const lines = await db
    .selectFrom('trip_orders as x')
    .innerJoin('orders as o', 'o.id', 'x.order_id')
    .innerJoin('order_lines as l', 'l.order_id', 'o.id')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .leftJoin('customers as c', 'c.id', 'o.customer_id')
    .select([
      'o.id as orderId',
      'o.number',
      'c.name as customerName',
      'l.product_id as productId',
      'l.qty',
      'l.gift',
      'p.code',
      'p.name_zh',
      'p.name_en',
      'p.unit',
      'p.case_pack',
    ])
    .where('x.trip_id', 'in', tripIds)
    .orderBy('o.number')
    .orderBy('l.line_no')
    .execute();
  const byKey = new Map<string, PickLine>();
  for (const l of lines) {
    const status: Status = l.gift === 1 ? 'gift' : 'good';
    const k = key(l.productId!, status);
    let line = byKey.get(k);
    if (!line) {
      byKey.set(
        k,
        (line = {
          productId: l.productId!,
          productCode: l.code,
          productNameZh: l.name_zh,
          productNameEn: l.name_en,
          unit: l.unit,
          casePack: l.case_pack,
          status,
          units: 0,
          cases: 0,
          loose: 0,
          bins: [],
          shortUnits: 0,
          orders: [],
        }),
      );
    }
    line.units += l.qty ?? 0;
    const served = line.orders.find((o) => o.orderId === l.orderId);
    if (served) served.qty += l.qty ?? 0;
    else
      line.orders.push({ orderId: l.orderId, number: l.number, customerName: l.customerName ?? '', qty: l.qty ?? 0 });
  }
  const stock = await binStock(db, [...new Set([...byKey.values()].map((l) => l.productId))], hidden);
  for (const [k, line] of byKey) {
    const pack = Math.max(1, line.casePack);
    line.cases = Math.floor(line.units / pack);
    line.loose = line.units % pack;
    const { take, short } = binsFor(stock.get(k), line.units);
    line.bins = take;
    line.shortUnits = short;
  }
  // Walking order: the first bin's code; a line no bin holds goes last.
  const ordered = [...byKey.values()].sort(
    (a, b) =>
      (a.bins[0]?.locationCode ?? '\uffff').localeCompare(b.bins[0]?.locationCode ?? '\uffff') ||
      a.productCode.localeCompare(b.productCode) ||
      a.status.localeCompare(b.status),
  );
  return {
    trips,
    lines: ordered,
    totals: {
      lines: ordered.length,
      orders: new Set(lines.map((l) => l.orderId)).size,
      units: ordered.reduce((s, l) => s + l.units, 0),
      cases: ordered.reduce((s, l) => s + l.cases, 0),
      loose: ordered.reduce((s, l) => s + l.loose, 0),
    },
    at: now.toISOString(),
  };
}
