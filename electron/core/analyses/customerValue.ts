// Customer value analysis 客户价值分析 (issue 17 §4): the definitions are in
// shared/contract/analyses/customerValue.ts. Each period is one SQL statement
// grouped by customer (the delivered orders and refusals per customer and day
// that migration 40's triggers keep as outcomes are recorded, the return
// notes of the period through return_notes_date); ranking,
// the 80/20 classes, the quintile scores and the movements are computed here
// over the few hundred customers that come back — never over the orders.
import { sql } from 'kysely';
import type {
  ClassMovement,
  CustomerValueAnalysis,
  CustomerValueRow,
  RfmSegment,
  ValueClass,
} from '../../../shared/contract';
import { customerValueMaxDays, rfmSegments, valueClasses } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import type { Db } from '../db/schema';
import { addDays, isRealDate, today } from '../orders/dates';

/** One customer's figures in one period, as the SQL groups them. */
export type PeriodFigures = {
  customerId: number;
  frequency: number;
  lastDelivered: string | null;
  deliveredFen: number;
  refusedFen: number;
  refusals: number;
  returnedFen: number;
};

type Raw = {
  cid: number;
  f: number | null;
  last: string | null;
  gross: number | null;
  refused: number | null;
  refusals: number | null;
  returned: number | null;
};

/** Every customer with a delivered order, a refusal or a return note in [from, to]: one grouped pass. */
export async function periodFigures(db: Db, from: string, to: string): Promise<PeriodFigures[]> {
  const { rows } = await sql<Raw>`
    WITH d AS (
      SELECT customer_id AS cid, SUM(delivered) AS f, MAX(CASE WHEN delivered > 0 THEN day END) AS last,
             SUM(amount_fen) AS gross, SUM(refused_fen) AS refused, SUM(refusals) AS refusals
        FROM customer_value_days
       WHERE day >= ${from} AND day <= ${to}
       GROUP BY customer_id
    ),
    rt AS (
      SELECT r.customer_id AS cid, SUM(n.credit_fen) AS returned
        FROM return_notes n JOIN returns r ON r.id = n.return_id
       WHERE n.issued_date >= ${from} AND n.issued_date <= ${to} AND r.kind = 'report'
       GROUP BY r.customer_id
    )
    SELECT d.cid, d.f, d.last, d.gross, d.refused, d.refusals, rt.returned
      FROM d LEFT JOIN rt ON rt.cid = d.cid
    UNION ALL
    SELECT rt.cid, NULL, NULL, NULL, NULL, NULL, rt.returned
      FROM rt WHERE rt.cid NOT IN (SELECT cid FROM d)`.execute(db);
  return rows.map((r) => ({
    customerId: r.cid,
    frequency: Number(r.f ?? 0),
    lastDelivered: r.last,
    deliveredFen: Number(r.gross ?? 0),
    refusedFen: Number(r.refused ?? 0),
    refusals: Number(r.refusals ?? 0),
    returnedFen: Number(r.returned ?? 0),
  }));
}

export const netFen = (p: PeriodFigures): number => p.deliveredFen - p.refusedFen - p.returnedFen;

/**
 * The 80/20 classes: by money, largest first (then customer id); A while the
 * share before the customer is below aPct, B below bPct, else C; equal money
 * takes the class of the first of its tie; zero or negative money is C.
 */
export function classify(
  figures: PeriodFigures[],
  aPct: number,
  bPct: number,
): { order: PeriodFigures[]; classOf: Map<number, ValueClass>; cumulative: Map<number, number>; totalFen: number } {
  const order = [...figures].sort((a, b) => netFen(b) - netFen(a) || a.customerId - b.customerId);
  const totalFen = order.reduce((s, p) => s + Math.max(0, netFen(p)), 0);
  const classOf = new Map<number, ValueClass>();
  const cumulative = new Map<number, number>();
  let before = 0;
  let tieClass: ValueClass = 'A';
  let tieMoney: number | null = null;
  for (const p of order) {
    const money = netFen(p);
    let cls: ValueClass;
    if (money <= 0 || totalFen === 0) cls = 'C';
    else if (money === tieMoney) cls = tieClass;
    else {
      const share = (before * 100) / totalFen;
      cls = share < aPct ? 'A' : share < bPct ? 'B' : 'C';
    }
    tieMoney = money;
    tieClass = cls;
    before += Math.max(0, money);
    classOf.set(p.customerId, cls);
    cumulative.set(p.customerId, totalFen === 0 ? 0 : (before * 100) / totalFen);
  }
  return { order, classOf, cumulative, totalFen };
}

/**
 * Quintile scores 1–5 of the customers with a delivery, by mid-rank so that
 * ties share a score from the middle of their run (all equal: 3):
 * 1 + floor(5 × (strictly worse + (equal − 1) / 2) / n).
 */
export function quintiles<T>(items: T[], value: (t: T) => number): Map<T, number> {
  const sorted = items.map(value).sort((a, b) => a - b);
  const n = sorted.length;
  // The first index of a value at or above v in the sorted list.
  const firstAtLeast = (v: number, strict: boolean) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (strict ? sorted[mid]! <= v : sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const scores = new Map<T, number>();
  for (const it of items) {
    const v = value(it);
    const worse = firstAtLeast(v, false);
    const equal = firstAtLeast(v, true) - worse;
    scores.set(it, Math.min(5, 1 + Math.floor((5 * (worse + (equal - 1) / 2)) / n)));
  }
  return scores;
}

export function segmentOf(r: number, f: number, m: number): RfmSegment {
  if (r === 0) return 'inactive';
  const hi = (s: number) => s >= 3;
  const index = (hi(m) ? 0 : 4) + (hi(f) ? 0 : 2) + (hi(r) ? 0 : 1);
  // index bits: money low +4, frequency low +2, recency low +1.
  const table: RfmSegment[] = [
    'importantValue',
    'importantRetain',
    'importantDevelop',
    'importantWinBack',
    'generalValue',
    'generalRetain',
    'generalDevelop',
    'generalWinBack',
  ];
  return table[index]!;
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function checkPeriod(from: string, to: string, now: string): void {
  if (!isRealDate(from) || !isRealDate(to))
    throw new AppError('contract.invalidInput', { issues: [{ path: 'from', message: 'date' }] });
  if (from > to) throw new AppError('reports.reversedRange', { from, to });
  const days = daysBetween(from, to) + 1;
  if (days > customerValueMaxDays)
    throw new AppError('analyses.periodTooLong', { from, to, days, max: customerValueMaxDays });
  if (from > now) throw new AppError('reports.futureRange', { from, to, today: now });
}

/** The classes of a period, for other slices (the call plan's class rule): the same code as the analysis. */
export async function customerClasses(db: Db, from: string, to: string): Promise<Map<number, ValueClass>> {
  return classify(await periodFigures(db, from, to), 80, 95).classOf;
}

const rank: Record<ValueClass, number> = { A: 0, B: 1, C: 2 };

export async function customerValue(
  ctx: ServiceContext,
  input: {
    from: string;
    to: string;
    compareFrom?: string | undefined;
    compareTo?: string | undefined;
    aSharePct: number;
    bSharePct: number;
  },
): Promise<CustomerValueAnalysis> {
  const now = today(ctx.now, ctx.timeZone);
  const { from, to } = input;
  checkPeriod(from, to, now);
  if ((input.compareFrom === undefined) !== (input.compareTo === undefined))
    throw new AppError('contract.invalidInput', { issues: [{ path: 'compareFrom', message: 'both or neither' }] });
  if (input.bSharePct <= input.aSharePct)
    throw new AppError('contract.invalidInput', { issues: [{ path: 'bSharePct', message: 'above aSharePct' }] });
  const compareTo = input.compareTo ?? addDays(from, -1);
  const compareFrom = input.compareFrom ?? addDays(compareTo, -daysBetween(from, to));
  if (input.compareFrom !== undefined) checkPeriod(compareFrom, compareTo, now);

  const current = classify(await periodFigures(ctx.db, from, to), input.aSharePct, input.bSharePct);
  const previous = classify(await periodFigures(ctx.db, compareFrom, compareTo), input.aSharePct, input.bSharePct);

  const delivered = current.order.filter((p) => p.frequency > 0);
  const rScore = quintiles(delivered, (p) => -daysBetween(p.lastDelivered!, to));
  const fScore = quintiles(delivered, (p) => p.frequency);
  const mScore = quintiles(delivered, netFen);

  const lost = previous.order.filter((p) => !current.classOf.has(p.customerId));
  const ids = [...current.order, ...lost].map((p) => p.customerId);
  // Through the query builder (no json_each): the same on SQLite and PostgreSQL.
  const info = new Map(
    (ids.length
      ? await ctx.db
          .selectFrom('customers as c')
          .leftJoin('users as u', 'u.id', 'c.salesperson_id')
          .select(['c.id', 'c.code', 'c.name', 'c.area', 'c.salesperson_id', 'u.display_name as sp'])
          .where('c.id', 'in', ids)
          .execute()
      : []
    ).map((c) => [c.id, c]),
  );

  const rowOf = (p: PeriodFigures, here: boolean, index: number): CustomerValueRow => {
    const c = info.get(p.customerId);
    const cls = here ? current.classOf.get(p.customerId)! : null;
    const prev = previous.classOf.get(p.customerId) ?? null;
    const r = here ? (rScore.get(p) ?? 0) : 0;
    const f = here ? (fScore.get(p) ?? 0) : 0;
    const m = here ? (mScore.get(p) ?? 0) : 0;
    let movement: ClassMovement;
    if (cls === null) movement = 'lost';
    else if (prev === null) movement = 'new';
    else movement = rank[cls] < rank[prev] ? 'up' : rank[cls] > rank[prev] ? 'down' : 'same';
    return {
      rank: here ? index + 1 : null,
      customerId: p.customerId,
      customerCode: c?.code ?? '',
      customerName: c?.name ?? '',
      area: c?.area ?? '',
      salespersonId: c?.salesperson_id ?? null,
      salespersonName: c?.sp ?? '',
      recencyDays: here && p.lastDelivered !== null ? daysBetween(p.lastDelivered, to) : null,
      lastDelivered: here ? p.lastDelivered : null,
      frequency: here ? p.frequency : 0,
      moneyFen: here ? netFen(p) : 0,
      deliveredFen: here ? p.deliveredFen : 0,
      refusedFen: here ? p.refusedFen : 0,
      returnedFen: here ? p.returnedFen : 0,
      refusals: here ? p.refusals : 0,
      cumulativePct: here ? (current.cumulative.get(p.customerId) ?? 0) : 0,
      valueClass: cls,
      r,
      f,
      m,
      segment: here ? segmentOf(r, f, m) : null,
      previousClass: prev,
      movement,
    };
  };
  const rows = [...current.order.map((p, i) => rowOf(p, true, i)), ...lost.map((p, i) => rowOf(p, false, i))];

  const classes = valueClasses.map((vc) => {
    const mine = rows.filter((r) => r.valueClass === vc);
    const moneyFen = mine.reduce((s, r) => s + r.moneyFen, 0);
    const positive = mine.reduce((s, r) => s + Math.max(0, r.moneyFen), 0);
    return {
      valueClass: vc,
      customers: mine.length,
      moneyFen,
      sharePct: current.totalFen === 0 ? 0 : (positive * 100) / current.totalFen,
      previousCustomers: [...previous.classOf.values()].filter((x) => x === vc).length,
    };
  });
  const segments = rfmSegments
    .map((segment) => {
      const mine = rows.filter((r) => r.segment === segment);
      return { segment, customers: mine.length, moneyFen: mine.reduce((s, r) => s + r.moneyFen, 0) };
    })
    .filter((s) => s.customers > 0);
  const moves = new Map<string, { from: ValueClass | null; to: ValueClass | null; customers: number }>();
  for (const r of rows) {
    const key = `${r.previousClass ?? '-'}>${r.valueClass ?? '-'}`;
    const m = moves.get(key) ?? { from: r.previousClass, to: r.valueClass, customers: 0 };
    m.customers += 1;
    moves.set(key, m);
  }
  const order = (c: ValueClass | null) => (c === null ? 3 : rank[c]);
  return {
    from,
    to,
    compareFrom,
    compareTo,
    aSharePct: input.aSharePct,
    bSharePct: input.bSharePct,
    timeZone: ctx.timeZone,
    customers: current.order.length,
    totalFen: current.totalFen,
    classes,
    segments,
    movements: [...moves.values()].sort((a, b) => order(a.from) - order(b.from) || order(a.to) - order(b.to)),
    rows,
  };
}
