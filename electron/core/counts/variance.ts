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
  ReconcileLines,
  ReconcileProduct,
  ReconcileTotals,
} from '../../../shared/contract/counts';
import { stockStatuses, type StockStatus } from '../../../shared/domain';
import { sql } from 'kysely';
import { isPostgres, jsonArrayOfRows, listOf } from '../db/portable';
import type { Db } from '../db/schema';
import type { SessionRecord } from './common';
import { accuracyOf } from './accuracy';

/** Current round first, then by counter: the order a line's counts are shown in. */
const byRoundThenCounter = (a: CounterCount, b: CounterCount) => b.round - a.round || a.userId - b.userId;

export function withinTolerance(s: Pick<SessionRecord, 'toleranceUnits' | 'toleranceFen'>, qty: number, fen: number) {
  // No tolerance set means none: only an exact match passes.
  if (s.toleranceUnits === null && s.toleranceFen === null) return false;
  return (
    (s.toleranceUnits === null || Math.abs(qty) <= s.toleranceUnits) &&
    (s.toleranceFen === null || Math.abs(fen) <= s.toleranceFen)
  );
}

/**
 * A line's figures as the services use them: the reply's line with its product
 * and the two figures the renderer derives itself (book = snapshot + movements
 * since, amount = variance × unit cost). reconcileLines() makes the reply.
 */
export type VarianceLine = ReconcileLine & {
  product: ReconcileProduct;
  bookQty: number;
  varianceAmountFen: number | null;
};

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
type LocationRow = [id: number, code: string];
/** A counter's running count of a line in a round (count_tallies), in line, round, counter order. */
type TallyRow = [lineId: number, round: number, userId: number, qty: number, position: number, at: string];
/** In ledger order. */
type MoveRow = [lineId: number, id: number, qty: number];

/*
 * Why JSON: at 100,000 lines the time went into handing rows from SQLite to
 * JavaScript (better-sqlite3 builds an object per row, a value at a time:
 * 1.5 s for the joined lines alone on the bench machine), not into SQLite or
 * the arithmetic. Each query below has SQLite build its result as one JSON
 * text, which JSON.parse reads several times faster. Products and bins are read
 * once each; entries and movements come keyed by line id, so nothing is looked
 * up by a composite string key per line. PostgreSQL has the same shape as
 * json_agg(json_build_array(…) ORDER BY …).
 */
const inLines = (db: Db, only: number[] | null) => (only === null ? sql`` : sql` AND l.id IN ${listOf(db, only)}`);

const linesSql = (db: Db, s: SessionRecord, only: number[] | null) => sql<{ j: string | null }>`
  SELECT ${jsonArrayOfRows(
    db,
    'l.id, l.product_id, l.location_id, l.status, l.snapshot_qty, l.expected, l.round, l.cause, l.cause_note, l.recount_by',
  )} AS j
  FROM count_lines l
  WHERE l.session_id = ${s.id}${inLines(db, only)}`;

const productsSql = (db: Db, s: SessionRecord, only: number[] | null) => sql<{ j: string | null }>`
  SELECT ${jsonArrayOfRows(db, 'p.id, p.code, p.name_zh, p.name_en, p.unit, p.category, p.unit_cost_fen, r.code')} AS j
  FROM products p
  LEFT JOIN products r ON r.id = p.replaced_by_id
  WHERE p.id IN (SELECT l.product_id FROM count_lines l WHERE l.session_id = ${s.id}${inLines(db, only)})`;

const locationsSql = (db: Db) =>
  sql<{ j: string | null }>`SELECT ${jsonArrayOfRows(db, 'id, code')} AS j FROM locations`;

// Each counter's running count of the lines (count_tallies, kept by triggers from the entries),
// in primary-key order (line, round, counter), the order the fold needs, so SQLite sorts
// nothing; one row per counter and line however many scans it took, so the reconciliation
// does not grow with the scans. All of a session's lines: the range of their ids, read
// along the key — faster than seeking each line. The lines are made together at the
// start, so the range holds few others.
const talliesSql = (db: Db, lines: { from: number; to: number } | number[]) => sql<{ j: string | null }>`
  SELECT ${jsonArrayOfRows(db, 't.line_id, t.round, t.user_id, t.qty, t.position, t.at', 't.line_id, t.round, t.user_id')} AS j
  FROM (SELECT t.line_id, t.round, t.user_id, t.qty, t.position, t.at
        FROM count_tallies t
        WHERE ${
          Array.isArray(lines)
            ? sql`t.line_id IN ${listOf(db, lines)}`
            : sql`t.line_id BETWEEN ${lines.from} AND ${lines.to}`
        }
        ORDER BY t.line_id, t.round, t.user_id) AS t`;

// Movements since the snapshot on this session's lines (product, bin and status), in ledger order.
// CROSS JOIN keeps SQLite's planner to the few movements outside, each finding its line by the
// lines' unique index; left to itself it walks every line of the session instead (50 ms, not 2).
// (PostgreSQL has no CROSS JOIN … ON and plans the join itself.)
const movesSql = (db: Db, s: SessionRecord, only: number[] | null) => sql<{ j: string | null }>`
  SELECT ${jsonArrayOfRows(db, 'l.id, m.id, m.qty', 'm.id')} AS j
  FROM movements m
  ${isPostgres(db) ? sql`JOIN` : sql`CROSS JOIN`} count_lines l ON l.session_id = ${s.id} AND l.product_id = m.product_id
    AND l.location_id = m.location_id AND l.status = m.status${inLines(db, only)}
  WHERE m.id > ${s.snapshotMovementId ?? 0}`;

async function jsonRows<T>(db: Db, query: ReturnType<typeof linesSql>): Promise<T[]> {
  const { rows } = await query.execute(db);
  return JSON.parse(rows[0]?.j ?? '[]') as T[];
}

/** Appends to the list under `key`, creating it: the grouping both folds below use. */
function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * A line's counts, current round first; the latest round counted, and the
 * ledger position of its last entry (the movements since stop there).
 */
type LineCounts = { counts: CounterCount[]; round: number; position: number };

/** Each line's counts from its counters' tallies, in one pass (they come by line, round and counter). */
function countsPerLine(rows: TallyRow[], users: Map<number, string>): Map<number, LineCounts> {
  const perLine = new Map<number, LineCounts>();
  let lastLineId = -1;
  let line: LineCounts = { counts: [], round: 0, position: 0 };
  for (const [lineId, round, userId, qty, position, at] of rows) {
    if (lineId !== lastLineId) {
      lastLineId = lineId;
      line = { counts: [], round, position };
      perLine.set(lineId, line);
    }
    line.counts.push({ userId, userName: users.get(userId) ?? '', round, qty, at });
    // Rounds come oldest first: a later round starts the position afresh.
    if (round > line.round) {
      line.round = round;
      line.position = position;
    } else line.position = Math.max(line.position, position);
  }
  // A recounted line: its rounds came oldest first.
  for (const l of perLine.values()) if (l.counts[0]!.round !== l.round) l.counts.sort(byRoundThenCounter);
  return perLine;
}

/** A product as its row: the reply sends it once, however many of its bins the count covers. */
const productOf = ([
  id,
  code,
  nameZh,
  nameEn,
  unit,
  category,
  unitCostFen,
  replacedByCode,
]: ProductRow): ReconcileProduct => ({
  id,
  code,
  nameZh,
  nameEn,
  unit,
  category,
  unitCostFen,
  replacedByCode: replacedByCode ?? null,
});

// Statuses in SQLite's binary order (the codes are ASCII): the walking order's last key, as the count sheet sorts.
const statusRank = new Map([...stockStatuses].sort().map((status, rank) => [status as string, rank]));

/**
 * Each item by id with its rank in code order (SQLite's binary order, the
 * order the count sheet walks; the codes are ASCII, so JavaScript's < agrees).
 */
function ranked<T>(items: T[], id: (t: T) => number, code: (t: T) => string): Map<number, { item: T; rank: number }> {
  const byCode = items.map((item) => ({ item, code: code(item) }));
  byCode.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return new Map(byCode.map(({ item }, rank) => [id(item), { item, rank }]));
}

/** The reconciliation figures of a session's lines (all, or the ones listed), in walking order. */
export async function computeLines(db: Db, s: SessionRecord, lineIds?: number[]): Promise<VarianceLine[]> {
  if (lineIds && lineIds.length === 0) return [];
  const only = lineIds ?? null;
  const rows = await jsonRows<LineRow>(db, linesSql(db, s, only));
  if (rows.length === 0) return [];
  const products = ranked(
    (await jsonRows<ProductRow>(db, productsSql(db, s, only))).map(productOf),
    (p) => p.id,
    (p) => p.code,
  );
  const bins = ranked(
    await jsonRows<LocationRow>(db, locationsSql(db)),
    ([id]) => id,
    ([, code]) => code,
  );
  const users = new Map(
    (await db.selectFrom('users').select(['id', 'display_name']).execute()).map((u) => [u.id, u.display_name]),
  );
  // The lines' id range (a loop: Math.min(...ids) with 100,000 arguments can overflow the stack).
  let from = rows[0]![0];
  let to = from;
  for (const [id] of rows) {
    if (id < from) from = id;
    if (id > to) to = id;
  }
  const countsOf = countsPerLine(await jsonRows<TallyRow>(db, talliesSql(db, only ?? { from, to })), users);
  const movesOf = new Map<number, MoveRow[]>();
  for (const m of await jsonRows<MoveRow>(db, movesSql(db, s, only))) push(movesOf, m[0], m);

  // Walking order: bin, product code, status; by rank, so the sort compares numbers, not strings.
  const walking = rows.map((row) => {
    const product = products.get(row[1])!;
    const bin = bins.get(row[2])!;
    const key = (bin.rank * products.size + product.rank) * statusRank.size + statusRank.get(row[3])!;
    return { row, product: product.item, binCode: bin.item[1], key };
  });
  walking.sort((a, b) => a.key - b.key);
  return walking.map(({ row, product, binCode }) =>
    lineOf(s, row, product, binCode, countsOf.get(row[0]), movesOf.get(row[0]), users),
  );
}

/** A line as the totals read it: id, product, round, snapshot. */
type TotalsLineRow = [id: number, productId: number, round: number, snapshotQty: number];
/** A counter's tally of a line in a round: only what the totals need. */
type TotalsTallyRow = [lineId: number, round: number, qty: number, position: number];

const totalsLinesSql = (db: Db, s: SessionRecord) => sql<{ j: string | null }>`
  SELECT ${jsonArrayOfRows(db, 'l.id, l.product_id, l.round, l.snapshot_qty')} AS j
  FROM count_lines l
  WHERE l.session_id = ${s.id}`;

const unitCostsSql = (db: Db, s: SessionRecord) => sql<{ j: string | null }>`
  SELECT ${jsonArrayOfRows(db, 'p.id, p.unit_cost_fen')} AS j
  FROM products p
  WHERE p.id IN (SELECT l.product_id FROM count_lines l WHERE l.session_id = ${s.id})`;

const totalsTalliesSql = (db: Db, from: number, to: number) => sql<{ j: string | null }>`
  SELECT ${jsonArrayOfRows(db, 't.line_id, t.round, t.qty, t.position')} AS j
  FROM count_tallies t
  WHERE t.line_id BETWEEN ${from} AND ${to}`;

/**
 * The totals of a session without building its lines (issue 10): what an edit
 * of the reconciliation answers with beside the lines it changed, and what
 * the session's record shows. The same figures as totalsOf(computeLines(…)) —
 * figuresOf works each line out for both — from only the columns they need:
 * no names, codes, counters or walking order.
 */
export async function sessionTotals(db: Db, s: SessionRecord): Promise<ReconcileTotals> {
  const rows = await jsonRows<TotalsLineRow>(db, totalsLinesSql(db, s));
  if (rows.length === 0) return totalsOf([]);
  const costs = new Map(await jsonRows<[id: number, unitCostFen: number]>(db, unitCostsSql(db, s)));
  let from = rows[0]![0];
  let to = from;
  for (const [id] of rows) {
    if (id < from) from = id;
    if (id > to) to = id;
  }
  // Each line's count in its current round (the sum over its counters) and the position of the last one.
  const roundOf = new Map<number, number>();
  for (const [id, , round] of rows) roundOf.set(id, round);
  const counted = new Map<number, { qty: number; position: number }>();
  for (const [lineId, round, qty, position] of await jsonRows<TotalsTallyRow>(db, totalsTalliesSql(db, from, to))) {
    if (roundOf.get(lineId) !== round) continue;
    const c = counted.get(lineId);
    if (c) {
      c.qty += qty;
      c.position = Math.max(c.position, position);
    } else counted.set(lineId, { qty, position });
  }
  const movesOf = new Map<number, MoveRow[]>();
  for (const m of await jsonRows<MoveRow>(db, movesSql(db, s, null))) push(movesOf, m[0], m);
  const lines = rows.map(([id, productId, round, snapshotQty]): TotalledLine => {
    const unitCostFen = costs.get(productId)!;
    const c = counted.get(id);
    const figures = figuresOf(s, snapshotQty, round, unitCostFen, c?.qty ?? null, c?.position ?? null, movesOf.get(id));
    return { countedQty: c?.qty ?? null, product: { unitCostFen }, ...figures };
  });
  return totalsOf(lines);
}

/** One line's figures from its stored row, its counts and the movements since the snapshot on it. */
function lineOf(
  s: SessionRecord,
  row: LineRow,
  product: ReconcileProduct,
  locationCode: string,
  counted: LineCounts | undefined,
  moves: MoveRow[] | undefined,
  users: Map<number, string>,
): VarianceLine {
  const [lineId, productId, locationId, status, snapshotQty, expected, round, cause, causeNote, recountBy] = row;
  // Counted in the current round: a recount replaces the earlier rounds, for this line only.
  const current = counted !== undefined && counted.round === round;
  let countedQty: number | null = null;
  if (current) {
    countedQty = 0;
    for (const c of counted.counts) if (c.round === round) countedQty += c.qty;
  }
  const figures = figuresOf(
    s,
    snapshotQty,
    round,
    product.unitCostFen,
    countedQty,
    current ? counted.position : null,
    moves,
  );
  const line: VarianceLine = {
    lineId,
    productId,
    locationId,
    locationCode,
    status: status as StockStatus,
    expected: expected === 1,
    round,
    recountBy: recountBy === null ? null : (users.get(recountBy) ?? null),
    snapshotQty,
    movementsSince: figures.movementsSince,
    countedQty,
    varianceQty: figures.varianceQty,
    lineStatus: figures.lineStatus,
    cause: (cause as CountCause | null) ?? null,
    causeNote,
    product,
    bookQty: figures.bookQty,
    varianceAmountFen: figures.varianceAmountFen,
  };
  // Nobody has counted the line: the key is left out rather than sent empty.
  if (counted) line.counts = counted.counts;
  return line;
}

/** What the totals read of a line: its figures and its product's unit cost. */
type TotalledLine = Pick<
  VarianceLine,
  'countedQty' | 'bookQty' | 'varianceQty' | 'varianceAmountFen' | 'lineStatus'
> & {
  product: Pick<ReconcileProduct, 'unitCostFen'>;
};

/**
 * A line's figures, the one place they are worked out (the full reconciliation
 * and the totals alone both come here): the movements since the snapshot up to
 * the ledger position of the line's last count in its round (all of them while
 * it is not counted), the book, the variance in units and money, the status.
 */
function figuresOf(
  s: SessionRecord,
  snapshotQty: number,
  round: number,
  unitCostFen: number,
  countedQty: number | null,
  position: number | null,
  moves: MoveRow[] | undefined,
): Pick<VarianceLine, 'movementsSince' | 'bookQty' | 'varianceQty' | 'varianceAmountFen' | 'lineStatus'> {
  const upTo = position ?? Number.POSITIVE_INFINITY;
  let movementsSince = 0;
  for (let i = 0; moves && i < moves.length && moves[i]![1] <= upTo; i++) movementsSince += moves[i]![2];
  const bookQty = snapshotQty + movementsSince;
  const varianceQty = countedQty === null ? null : countedQty - bookQty;
  const varianceAmountFen = varianceQty === null ? null : varianceQty * unitCostFen;
  return {
    movementsSince,
    bookQty,
    varianceQty,
    varianceAmountFen,
    lineStatus: statusOf(s, round, varianceQty, varianceAmountFen),
  };
}

function statusOf(s: SessionRecord, round: number, qty: number | null, fen: number | null): CountLineStatus {
  if (qty === null || fen === null) return round > 1 ? 'recount' : 'notCounted';
  if (qty === 0) return 'matched';
  return withinTolerance(s, qty, fen) ? 'withinTolerance' : 'outOfTolerance';
}

/**
 * The lines as the reply carries them: each product once, and per line only
 * what the renderer cannot work out (about half the bytes of a line with its
 * product's fields and the derived figures repeated).
 */
export function reconcileLines(lines: VarianceLine[]): ReconcileLines {
  const products = new Map<number, ReconcileProduct>();
  const out = lines.map((l): ReconcileLine => {
    products.set(l.productId, l.product);
    return {
      lineId: l.lineId,
      productId: l.productId,
      locationId: l.locationId,
      locationCode: l.locationCode,
      status: l.status,
      expected: l.expected,
      round: l.round,
      recountBy: l.recountBy,
      snapshotQty: l.snapshotQty,
      movementsSince: l.movementsSince,
      counts: l.counts,
      countedQty: l.countedQty,
      varianceQty: l.varianceQty,
      lineStatus: l.lineStatus,
      cause: l.cause,
      causeNote: l.causeNote,
    };
  });
  return { products: [...products.values()], lines: out };
}

export function totalsOf(lines: readonly TotalledLine[]): ReconcileTotals {
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
    accuracy: accuracyOf(lines),
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
