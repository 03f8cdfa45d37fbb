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
import type { Db } from '../db/schema';
import { chunks, type SessionRecord } from './common';

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

/** The reconciliation figures of a session's lines (all, or the ones listed). */
export async function computeLines(db: Db, s: SessionRecord, lineIds?: number[]): Promise<ReconcileLine[]> {
  let q = db
    .selectFrom('count_lines as l')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .leftJoin('products as r', 'r.id', 'p.replaced_by_id')
    .innerJoin('locations as loc', 'loc.id', 'l.location_id')
    .leftJoin('users as u', 'u.id', 'l.recount_by')
    .select([
      'l.id',
      'l.product_id',
      'l.location_id',
      'l.status',
      'l.snapshot_qty',
      'l.expected',
      'l.round',
      'l.cause',
      'l.cause_note',
      'p.code',
      'p.name_zh',
      'p.name_en',
      'p.unit',
      'p.category',
      'p.unit_cost_fen',
      'r.code as replacedByCode',
      'loc.code as locationCode',
      'u.display_name as recountBy',
    ])
    .where('l.session_id', '=', s.id);
  if (lineIds) {
    if (lineIds.length === 0) return [];
    q = q.where('l.id', 'in', lineIds);
  }
  const lines = await q.orderBy('loc.code').orderBy('p.code').orderBy('l.status').execute();

  const entriesByLine = new Map<number, Entry[]>();
  const entryRows = await db
    .selectFrom('count_entries as e')
    .innerJoin('count_lines as l', 'l.id', 'e.line_id')
    .innerJoin('users as u', 'u.id', 'e.user_id')
    .select(['e.line_id', 'e.round', 'e.user_id', 'u.display_name', 'e.kind', 'e.qty', 'e.ledger_position', 'e.at'])
    .where('l.session_id', '=', s.id)
    .orderBy('e.id')
    .execute();
  for (const e of entryRows) {
    const list = entriesByLine.get(e.line_id) ?? [];
    list.push({
      round: e.round,
      userId: e.user_id,
      userName: e.display_name,
      kind: e.kind,
      qty: e.qty,
      position: e.ledger_position,
      at: e.at,
    });
    entriesByLine.set(e.line_id, list);
  }

  // Movements since the snapshot, grouped per key, in ledger order.
  const moves = new Map<string, { id: number; qty: number }[]>();
  const products = [...new Set(lines.map((l) => l.product_id))];
  for (const ids of chunks(products)) {
    const rows = await db
      .selectFrom('movements')
      .select(['id', 'product_id', 'location_id', 'status', 'qty'])
      .where('id', '>', s.snapshotMovementId ?? 0)
      .where('product_id', 'in', ids)
      .orderBy('id')
      .execute();
    for (const m of rows) {
      const k = keyOf(m.product_id, m.location_id, m.status);
      const list = moves.get(k) ?? [];
      list.push({ id: m.id, qty: m.qty });
      moves.set(k, list);
    }
  }

  return lines.map((l): ReconcileLine => {
    const counts = countsByCounter(entriesByLine.get(l.id) ?? []);
    const current = counts.filter((c) => c.round === l.round);
    const counted = current.length > 0;
    const position = counted ? Math.max(...current.map((c) => c.position)) : Number.POSITIVE_INFINITY;
    let movementsSince = 0;
    for (const m of moves.get(keyOf(l.product_id, l.location_id, l.status)) ?? []) {
      if (m.id > position) break;
      movementsSince += m.qty;
    }
    const bookQty = l.snapshot_qty + movementsSince;
    const countedQty = counted ? current.reduce((sum, c) => sum + c.qty, 0) : null;
    const varianceQty = countedQty === null ? null : countedQty - bookQty;
    const varianceAmountFen = varianceQty === null ? null : varianceQty * l.unit_cost_fen;
    let lineStatus: CountLineStatus;
    if (varianceQty === null || varianceAmountFen === null) lineStatus = l.round > 1 ? 'recount' : 'notCounted';
    else if (varianceQty === 0) lineStatus = 'matched';
    else lineStatus = withinTolerance(s, varianceQty, varianceAmountFen) ? 'withinTolerance' : 'outOfTolerance';
    return {
      lineId: l.id,
      productId: l.product_id,
      productCode: l.code,
      productNameZh: l.name_zh,
      productNameEn: l.name_en,
      unit: l.unit,
      category: l.category,
      unitCostFen: l.unit_cost_fen,
      replacedByCode: l.replacedByCode ?? null,
      locationId: l.location_id,
      locationCode: l.locationCode,
      status: l.status as StockStatus,
      expected: l.expected === 1,
      round: l.round,
      recountBy: l.recountBy ?? null,
      snapshotQty: l.snapshot_qty,
      movementsSince,
      bookQty,
      counts: counts.map(({ userId, userName, round, qty, at }) => ({ userId, userName, round, qty, at })),
      countedQty,
      varianceQty,
      varianceAmountFen,
      lineStatus,
      cause: (l.cause as CountCause | null) ?? null,
      causeNote: l.cause_note,
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
