// The stock analysis report 库存分析报表 (issue 14 item 2) as of one business
// day, from the period figures (migration 020) — never a scan of the ledger:
//
// - on hand at the end of the day: openingAt(day + 1), the same read the weekly
//   report's opening is (as of today it is the live balance, by construction);
// - slow movers 滞销品: good stock whose days of inventory (R14, DOMAIN.md: closing
//   value ÷ average daily issue value over the last 28 days; daysOfInventory.ts,
//   the one function the weekly report and the KPI tracker call) exceed
//   `slowDays`, or with nothing issued in those 28 days;
// - idle stock 呆滞库存: stock of any status with no figure (no movement of any
//   type) in the N weeks ending the day; its last movement is the latest figure
//   day at or before the day;
// - ageing of damaged and gift stock 残损/赠品库龄: FIFO over the period figures'
//   inflows to that status — what leaves the status (disposal, issue, transfer)
//   leaves oldest first, so the quantity on hand is the most recent inflows:
//   walk the days with a positive figure back from the as-of day, taking each
//   day's inflow until the on-hand quantity is covered; each taken quantity is
//   as old as its day. A remainder no inflow covers (stock from before the
//   figures) is the oldest bucket. Values are the on-hand value shared out by
//   quantity (the last bucket takes the rounding), so buckets add up exactly;
// - top products by days of inventory: the same R14 figure, highest first;
// - old-code stock 旧代码库存: products replaced by a successor (R13) with stock.
import {
  ageBucketLimits,
  ageBuckets,
  daysOfInventoryWindowDays,
  issueMovementTypes,
  stockAnalysisDefaults,
  type AgeBucket,
  type AgedStock,
  type IdleStock,
  type OldCodeStock,
  type QtyAmount,
  type SlowMover,
  type StockAnalysis,
  type StockAnalysisInput,
  type StockAnalysisProduct,
} from '../../../shared/contract';
import { stockStatuses, type StockStatus } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import { addDays, today } from '../orders/dates';
import { daysOfInventory } from './daysOfInventory';
import { keyOf, movementsBetween, openingAt } from './figures';
import { warehouseLocations } from './period';
import { productsWithSuccessor } from './products';

const zero = (): QtyAmount => ({ qty: 0, amountFen: 0 });
const add = (a: QtyAmount, b: QtyAmount) => {
  a.qty += b.qty;
  a.amountFen += b.amountFen;
};
const byCode = (a: { productCode: string }, b: { productCode: string }) =>
  a.productCode < b.productCode ? -1 : a.productCode > b.productCode ? 1 : 0;

/** Whole days from `a` to `b` ('YYYY-MM-DD', b ≥ a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The bucket of stock `age` days old. */
export function ageBucketOf(age: number): AgeBucket {
  const i = ageBucketLimits.findIndex((limit) => age <= limit);
  return ageBuckets[i === -1 ? ageBuckets.length - 1 : i]!;
}

/** FIFO ageing of `onHand` over the inflows (day → qty), newest first; values shared out by quantity. */
export function ageOnHand(
  date: string,
  onHand: QtyAmount,
  inflows: readonly { day: string; qty: number }[],
): Record<AgeBucket, QtyAmount> {
  const buckets = Object.fromEntries(ageBuckets.map((b) => [b, zero()])) as Record<AgeBucket, QtyAmount>;
  let left = onHand.qty;
  const newestFirst = [...inflows].sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0));
  for (const f of newestFirst) {
    if (left <= 0) break;
    const take = Math.min(left, f.qty);
    buckets[ageBucketOf(daysBetween(f.day, date))].qty += take;
    left -= take;
  }
  if (left > 0) buckets.over90.qty += left;
  let valued = 0;
  let last: AgeBucket | null = null;
  for (const b of ageBuckets) {
    if (buckets[b].qty === 0) continue;
    buckets[b].amountFen = Math.round((onHand.amountFen * buckets[b].qty) / onHand.qty);
    valued += buckets[b].amountFen;
    last = b;
  }
  if (last) buckets[last].amountFen += onHand.amountFen - valued;
  return buckets;
}

export async function stockAnalysis(ctx: ServiceContext, input: StockAnalysisInput): Promise<StockAnalysis> {
  const now = today(ctx.now, ctx.timeZone);
  const date = input.date ?? now;
  if (addDays(date, 0) !== date)
    throw new AppError('contract.invalidInput', { issues: [{ path: 'date', message: 'date' }] });
  if (date > now) throw new AppError('reports.futureRange', { from: date, to: date, today: now });
  const weeks = input.weeks ?? stockAnalysisDefaults.weeks;
  const slowDays = input.slowDays ?? stockAnalysisDefaults.slowDays;
  const top = input.top ?? stockAnalysisDefaults.top;
  const { warehouse, locationIds } = await warehouseLocations(ctx, input.warehouseId);
  const idleSince = addDays(date, -7 * weeks);
  const windowFrom = addDays(date, 1 - daysOfInventoryWindowDays);
  const weeksFrom = addDays(idleSince, 1);

  let lastQ = ctx.db
    .selectFrom('period_figures')
    .select((eb) => ['product_id', 'status', eb.fn.max<string>('day').as('last')])
    .where('day', '<=', date)
    .groupBy(['product_id', 'status']);
  if (locationIds) lastQ = lastQ.where('location_id', 'in', locationIds);
  // Inflows to damaged and gift stock, per day: the positive figures (a figure is
  // one day × location × type, so a transfer in shows apart from a disposal out).
  let inflowQ = ctx.db
    .selectFrom('period_figures')
    .select((eb) => ['product_id', 'status', 'day', eb.fn.sum<number>('qty').as('qty')])
    .where('status', 'in', ['damaged', 'gift'])
    .where('qty', '>', 0)
    .where('day', '<=', date)
    .groupBy(['product_id', 'status', 'day']);
  if (locationIds) inflowQ = inflowQ.where('location_id', 'in', locationIds);

  const [onHandMap, issues28, issuesWeeks, lastRows, inflowRows, products] = await Promise.all([
    openingAt(ctx.db, addDays(date, 1), locationIds),
    movementsBetween(ctx.db, windowFrom, date, locationIds, issueMovementTypes),
    movementsBetween(ctx.db, weeksFrom, date, locationIds, issueMovementTypes),
    lastQ.execute(),
    inflowQ.execute(),
    productsWithSuccessor(ctx.db),
  ]);

  const productById = new Map(products.map((p) => [p.id, p]));
  const productOf = (id: number): StockAnalysisProduct => {
    const p = productById.get(id)!;
    return {
      productId: id,
      productCode: p.code,
      productName: p.name_zh,
      productNameEn: p.name_en,
      spec: p.spec,
      unit: p.unit,
      casePack: p.case_pack,
      category: p.category,
    };
  };
  const onHand = (productId: number, status: string): QtyAmount => {
    const f = onHandMap.get(keyOf(productId, status));
    return f ? { qty: f.qty, amountFen: f.amountFen } : zero();
  };
  const issuedBy = (rows: typeof issues28) => {
    const m = new Map<number, QtyAmount>();
    for (const r of rows) {
      if (r.status !== 'good') continue;
      const f = m.get(r.productId) ?? zero();
      // Issues are negative movements; the issued value is positive.
      add(f, { qty: -r.qty, amountFen: -r.amountFen });
      m.set(r.productId, f);
    }
    return m;
  };
  const issued28 = issuedBy(issues28);
  const issuedWeeks = issuedBy(issuesWeeks);
  const lastOf = new Map(lastRows.map((r) => [keyOf(r.product_id, r.status), r.last]));
  const inflowsOf = new Map<string, { day: string; qty: number }[]>();
  for (const r of inflowRows) {
    const k = keyOf(r.product_id, r.status);
    const list = inflowsOf.get(k) ?? [];
    list.push({ day: r.day, qty: Number(r.qty) });
    inflowsOf.set(k, list);
  }

  const held = [...onHandMap.values()].filter((f) => f.qty > 0);
  const good: SlowMover[] = held
    .filter((f) => f.status === 'good')
    .map((f) => {
      const i28 = issued28.get(f.productId) ?? zero();
      return {
        ...productOf(f.productId),
        onHand: { qty: f.qty, amountFen: f.amountFen },
        issuedWeeks: issuedWeeks.get(f.productId) ?? zero(),
        issued28: i28,
        daysOfInventory: daysOfInventory(f.amountFen, i28.amountFen),
      };
    });
  const byValue = (a: { onHand: QtyAmount; productCode: string }, b: { onHand: QtyAmount; productCode: string }) =>
    b.onHand.amountFen - a.onHand.amountFen || byCode(a, b);
  const slowMovers = good.filter((g) => g.daysOfInventory === null || g.daysOfInventory > slowDays).sort(byValue);
  const topDays = good
    .filter((g) => g.daysOfInventory !== null)
    .sort((a, b) => b.daysOfInventory! - a.daysOfInventory! || byCode(a, b))
    .slice(0, top);

  const statusOrder = new Map(stockStatuses.map((s, i) => [s, i]));
  const byCodeStatus = (a: { productCode: string; status: string }, b: { productCode: string; status: string }) =>
    byCode(a, b) || statusOrder.get(a.status as StockStatus)! - statusOrder.get(b.status as StockStatus)!;

  const idle: IdleStock[] = held
    .filter((f) => {
      const last = lastOf.get(keyOf(f.productId, f.status));
      return last === undefined || last <= idleSince;
    })
    .map((f) => {
      const last = lastOf.get(keyOf(f.productId, f.status)) ?? null;
      return {
        ...productOf(f.productId),
        status: f.status as StockStatus,
        onHand: { qty: f.qty, amountFen: f.amountFen },
        lastMovement: last,
        idleDays: last === null ? null : daysBetween(last, date),
      };
    })
    .sort(byValue);

  const aged: AgedStock[] = held
    .filter((f) => f.status === 'damaged' || f.status === 'gift')
    .map((f) => {
      const have = { qty: f.qty, amountFen: f.amountFen };
      return {
        ...productOf(f.productId),
        status: f.status as 'damaged' | 'gift',
        onHand: have,
        buckets: ageOnHand(date, have, inflowsOf.get(keyOf(f.productId, f.status)) ?? []),
      };
    })
    .sort(byCodeStatus);

  const oldCodes: OldCodeStock[] = held
    .filter((f) => productById.get(f.productId)?.replaced_by_id != null)
    .map((f) => {
      const p = productById.get(f.productId)!;
      return {
        ...productOf(f.productId),
        status: f.status as StockStatus,
        onHand: { qty: f.qty, amountFen: f.amountFen },
        successorId: p.replaced_by_id!,
        successorCode: p.successor_code ?? '',
        successorName: p.successor_name ?? '',
        successorOnHand: onHand(p.replaced_by_id!, 'good'),
      };
    })
    .sort(byCodeStatus);

  const sum = (rows: { onHand: QtyAmount }[]) => rows.reduce((t, r) => (add(t, r.onHand), t), zero());
  const agedTotals = {
    onHand: sum(aged),
    ...(Object.fromEntries(
      ageBuckets.map((b) => [b, aged.reduce((t, r) => (add(t, r.buckets[b]), t), zero())]),
    ) as Record<AgeBucket, QtyAmount>),
  };

  return {
    date,
    weeks,
    slowDays,
    top,
    idleSince,
    timeZone: ctx.timeZone,
    warehouse,
    generatedAt: ctx.now.toISOString(),
    slowMovers,
    idle,
    aged,
    topDays,
    oldCodes,
    totals: { slowMovers: sum(slowMovers), idle: sum(idle), aged: agedTotals, oldCodes: sum(oldCodes) },
  };
}
