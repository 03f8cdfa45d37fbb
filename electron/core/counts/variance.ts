// Variance of a count (issue 5 ★): counted − (book at snapshot ± movements
// since). "Since" ends when the line was counted: a dispatch posted before the
// bin was counted left before the counter arrived, one posted after left after
// the goods were counted, so neither shows as a false variance. Each count
// entry records the ledger position at the moment it was made.
import type {
  CountCause,
  CounterCount,
  CountLineStatus,
  ReconcileLine,
  ReconcileTotals,
} from '../../../shared/contract/counts';
import type { StockStatus } from '../../../shared/domain';
import { sql } from 'kysely';
import type { Db } from '../db/schema';
import type { SessionRecord } from './common';

const keyOf = (productId: number, locationId: number, status: string) => `${productId}|${locationId}|${status}`;

type Entry = {
  round: number;
  userId: number;
  userName: string;
  kind: string;
  qty: number;
  position: number;
  at: string;
};

/** Each counter's count per round: 'set' replaces their own count, 'add' adds to it; other counters are apart. */
export function countsByCounter(entries: Entry[]): (CounterCount & { position: number })[] {
  const per = new Map<string, CounterCount & { position: number }>();
  for (const e of entries) {
    const k = `${e.round}|${e.userId}`;
    const c = per.get(k) ?? { userId: e.userId, userName: e.userName, round: e.round, qty: 0, at: e.at, position: 0 };
    c.qty = e.kind === 'set' ? e.qty : c.qty + e.qty;
    c.at = e.at;
    c.position = Math.max(c.position, e.position);
    per.set(k, c);
  }
  return [...per.values()].sort((a, b) => b.round - a.round || a.userId - b.userId);
}

export function withinTolerance(s: Pick<SessionRecord, 'toleranceUnits' | 'toleranceFen'>, qty: number, fen: number) {
  // No tolerance set means none: only an exact match passes.
  if (s.toleranceUnits === null && s.toleranceFen === null) return false;
  return (
    (s.toleranceUnits === null || Math.abs(qty) <= s.toleranceUnits) &&
    (s.toleranceFen === null || Math.abs(fen) <= s.toleranceFen)
  );
}

/** A line's stored fields, as the JSON array the query below builds. */
type LineRow = [
  id: number,
  productId: number,
  locationId: number,
  status: string,
  snapshotQty: number,
  expected: number,
  round: number,
  cause: string | null,
  causeNote: string,
  recountBy: number | null,
];
type ProductRow = [
  id: number,
  code: string,
  nameZh: string,
  nameEn: string,
  unit: string,
  category: string,
  unitCostFen: number,
  replacedByCode: string | null,
];
type EntryRow = [
  id: number,
  lineId: number,
  round: number,
  userId: number,
  kind: string,
  qty: number,
  position: number,
  at: string,
];
type MoveRow = [id: number, productId: number, locationId: number, status: string, qty: number];

/*
 * Why JSON: at 100,000 lines the time went into handing rows from SQLite to
 * JavaScript (better-sqlite3 builds an object per row, a value at a time:
 * 1.5 s for the joined lines alone on the bench machine), not into SQLite or
 * the arithmetic. Each query below has SQLite build its result as one JSON
 * text, which JSON.parse reads several times faster; products are read once
 * each rather than once per bin, and the lines are put in walking order here
 * (sorting the joined rows in SQLite cost more than the sort below).
 * PostgreSQL has the same shape as json_agg(json_build_array(…)).
 */
const inLines = (only: string | null) =>
  only === null ? sql`` : sql` AND l.id IN (SELECT value FROM json_each(${only}))`;

const linesSql = (s: SessionRecord, only: string | null) => sql<{ j: string | null }>`
  SELECT json_group_array(json_array(
      l.id, l.product_id, l.location_id, l.status, l.snapshot_qty, l.expected, l.round, l.cause, l.cause_note,
      l.recount_by)) AS j
  FROM count_lines l
  WHERE l.session_id = ${s.id}${inLines(only)}`;

const productsSql = (s: SessionRecord, only: string | null) => sql<{ j: string | null }>`
  SELECT json_group_array(json_array(
      p.id, p.code, p.name_zh, p.name_en, p.unit, p.category, p.unit_cost_fen, r.code)) AS j
  FROM products p
  LEFT JOIN products r ON r.id = p.replaced_by_id
  WHERE p.id IN (SELECT l.product_id FROM count_lines l WHERE l.session_id = ${s.id}${inLines(only)})`;

const entriesSql = (s: SessionRecord, only: string | null) => sql<{ j: string | null }>`
  SELECT json_group_array(json_array(e.id, e.line_id, e.round, e.user_id, e.kind, e.qty, e.ledger_position, e.at)) AS j
  FROM count_entries e
  WHERE e.line_id IN (SELECT l.id FROM count_lines l WHERE l.session_id = ${s.id}${inLines(only)})`;

// Movements since the snapshot on the keys of this session's lines, in ledger order.
const movesSql = (s: SessionRecord) => sql<{ j: string | null }>`
  SELECT json_group_array(json_array(m.id, m.product_id, m.location_id, m.status, m.qty) ORDER BY m.id) AS j
  FROM movements m
  WHERE m.id > ${s.snapshotMovementId ?? 0}
    AND EXISTS (SELECT 1 FROM count_lines l
                WHERE l.session_id = ${s.id} AND l.product_id = m.product_id
                  AND l.location_id = m.location_id AND l.status = m.status)`;

async function jsonRows<T>(db: Db, query: ReturnType<typeof linesSql>): Promise<T[]> {
  const { rows } = await query.execute(db);
  return JSON.parse(rows[0]?.j ?? '[]') as T[];
}

/** The reconciliation figures of a session's lines (all, or the ones listed), in walking order. */
export async function computeLines(db: Db, s: SessionRecord, lineIds?: number[]): Promise<ReconcileLine[]> {
  if (lineIds && lineIds.length === 0) return [];
  const only = lineIds ? JSON.stringify(lineIds) : null;
  const rows = await jsonRows<LineRow>(db, linesSql(s, only));
  if (rows.length === 0) return [];
  const products = new Map<number, ProductRow>();
  for (const p of await jsonRows<ProductRow>(db, productsSql(s, only))) products.set(p[0], p);
  const locations = new Map(
    (await db.selectFrom('locations').select(['id', 'code']).execute()).map((l) => [l.id, l.code]),
  );
  const users = new Map(
    (await db.selectFrom('users').select(['id', 'display_name']).execute()).map((u) => [u.id, u.display_name]),
  );

  const entriesByLine = new Map<number, (Entry & { id: number })[]>();
  for (const [id, lineId, round, userId, kind, qty, position, at] of await jsonRows<EntryRow>(
    db,
    entriesSql(s, only),
  )) {
    const e = { id, round, userId, userName: users.get(userId) ?? '', kind, qty, position, at };
    const list = entriesByLine.get(lineId);
    if (list) list.push(e);
    else entriesByLine.set(lineId, [e]);
  }

  // Movements since the snapshot, grouped per key, in ledger order.
  const moves = new Map<string, { id: number; qty: number }[]>();
  for (const [id, productId, locationId, status, qty] of await jsonRows<MoveRow>(db, movesSql(s))) {
    const k = keyOf(productId, locationId, status);
    const list = moves.get(k);
    if (list) list.push({ id, qty });
    else moves.set(k, [{ id, qty }]);
  }

  // Walking order: bin, product code, status (SQLite's binary order; the codes are ASCII). Codes are
  // unique, so each is ranked once and the 100,000-line sort compares numbers, not strings.
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const rank = <K>(codes: Map<K, string>) =>
    new Map([...codes].sort((a, b) => cmp(a[1], b[1])).map(([k], i) => [k, i] as const));
  const locationRank = rank(locations);
  const productRank = rank(new Map([...products.values()].map((p) => [p[0], p[1]] as const)));
  const lines = rows.map((row) => ({
    row,
    product: products.get(row[1])!,
    locationCode: locations.get(row[2]) ?? '',
    key: [locationRank.get(row[2]) ?? -1, productRank.get(row[1]) ?? -1] as const,
  }));
  lines.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || cmp(a.row[3], b.row[3]));

  return lines.map(({ row, product, locationCode }): ReconcileLine => {
    const [id, productId, locationId, status, snapshotQty, expected, round, cause, causeNote, recountBy] = row;
    const [, code, nameZh, nameEn, unit, category, unitCostFen, replacedByCode] = product;
    const entries = entriesByLine.get(id) ?? [];
    // countsByCounter folds in entry order; the query returns them in index order, which is id order per counter.
    if (entries.some((e, i) => i > 0 && e.id < entries[i - 1]!.id)) entries.sort((a, b) => a.id - b.id);
    const counts = countsByCounter(entries);
    const current = counts.filter((c) => c.round === round);
    const counted = current.length > 0;
    const position = counted ? Math.max(...current.map((c) => c.position)) : Number.POSITIVE_INFINITY;
    let movementsSince = 0;
    for (const m of moves.get(keyOf(productId, locationId, status)) ?? []) {
      if (m.id > position) break;
      movementsSince += m.qty;
    }
    const bookQty = snapshotQty + movementsSince;
    const countedQty = counted ? current.reduce((sum, c) => sum + c.qty, 0) : null;
    const varianceQty = countedQty === null ? null : countedQty - bookQty;
    const varianceAmountFen = varianceQty === null ? null : varianceQty * unitCostFen;
    let lineStatus: CountLineStatus;
    if (varianceQty === null || varianceAmountFen === null) lineStatus = round > 1 ? 'recount' : 'notCounted';
    else if (varianceQty === 0) lineStatus = 'matched';
    else lineStatus = withinTolerance(s, varianceQty, varianceAmountFen) ? 'withinTolerance' : 'outOfTolerance';
    return {
      lineId: id,
      productId,
      productCode: code,
      productNameZh: nameZh,
      productNameEn: nameEn,
      unit,
      category,
      unitCostFen,
      replacedByCode: replacedByCode ?? null,
      locationId,
      locationCode,
      status: status as StockStatus,
      expected: expected === 1,
      round,
      recountBy: recountBy === null ? null : (users.get(recountBy) ?? null),
      snapshotQty,
      movementsSince,
      bookQty,
      counts: counts.map(({ userId, userName, round: r, qty, at }) => ({ userId, userName, round: r, qty, at })),
      countedQty,
      varianceQty,
      varianceAmountFen,
      lineStatus,
      cause: (cause as CountCause | null) ?? null,
      causeNote,
    };
  });
}

export function totalsOf(lines: ReconcileLine[]): ReconcileTotals {
  const t: ReconcileTotals = {
    lines: lines.length,
    counted: 0,
    matched: 0,
    withinTolerance: 0,
    outOfTolerance: 0,
    notCounted: 0,
    recount: 0,
    varianceQty: 0,
    varianceAmountFen: 0,
    absVarianceAmountFen: 0,
  };
  for (const l of lines) {
    t[l.lineStatus] += 1;
    if (l.countedQty !== null) t.counted += 1;
    t.varianceQty += l.varianceQty ?? 0;
    t.varianceAmountFen += l.varianceAmountFen ?? 0;
    t.absVarianceAmountFen += Math.abs(l.varianceAmountFen ?? 0);
  }
  return t;
}
