// The counting sheet: what a counter works from, on screen or printed — bins
// in walking order (by code), products, units, barcodes, their own count. Book
// quantities only when the caller may see the book (blindness.ts). A planned
// session has no snapshot yet: its sheet is what the scope gives now, printed
// when the plan is made; the snapshot at the start decides what is counted.
import type { CountSheet, CountSheetLine } from '../../../shared/contract/counts';
import type { ExpressionBuilder } from 'kysely';
import type { BarcodeLevel, StockStatus } from '../../../shared/domain';
import type { ServiceContext } from '../context';
import type { DB } from '../db/schema';
import { bookVisible } from './blindness';
import { changed, loadSession, userId, type SessionRecord } from './common';
import { appendEntry } from './entries';
import { balancesInScope } from './scope';
import { sessionView } from './sessions';

export async function countSheet(
  ctx: ServiceContext,
  input: { sessionId: number; locationId?: number },
): Promise<CountSheet> {
  const s = await loadSession(ctx.db, input.sessionId);
  const fromPlan = s.state === 'planned';
  const lines = fromPlan ? await planLines(ctx, s, input) : await sheetLines(ctx, s, input);
  return { session: await sessionView(ctx, s.id, s), lines, fromPlan };
}

/** One barcode of the product `p` in a sheet query: the first of its level. */
const barcodeOf = (eb: ExpressionBuilder<DB & { p: DB['products'] }, 'p'>, level: BarcodeLevel) =>
  eb
    .selectFrom('barcodes as bc')
    .select('bc.code')
    .whereRef('bc.product_id', '=', 'p.id')
    .where('bc.level', '=', level)
    .limit(1);

/**
 * The lines a planned session's scope gives now, in the sheet's order. Nothing
 * is counted or open yet. A blind plan carries no book, whoever asks: the only
 * use of this sheet is to be printed and carried to the bins.
 */
async function planLines(
  ctx: ServiceContext,
  s: SessionRecord,
  input: { locationId?: number },
): Promise<CountSheetLine[]> {
  const showBook = !s.blind && (await bookVisible(ctx, s));
  const { q } = await balancesInScope(ctx.db, s.scope, ctx.now, ctx.timeZone);
  // A subquery, so "high value first" takes its N before the location of one print is picked out.
  const inScope = q.select(['b.product_id', 'b.location_id', 'b.status', 'b.qty']).as('x');
  let rows = ctx.db
    .selectFrom(inScope)
    .innerJoin('products as p', 'p.id', 'x.product_id')
    .leftJoin('products as r', 'r.id', 'p.replaced_by_id')
    .innerJoin('locations as loc', 'loc.id', 'x.location_id')
    .select((eb) => [
      'x.product_id',
      'x.location_id',
      'x.status',
      'x.qty',
      'p.code',
      'p.name_zh',
      'p.name_en',
      'p.unit',
      'p.case_pack',
      'r.code as replacedByCode',
      'loc.code as locationCode',
      barcodeOf(eb, 'unit').as('unitBarcode'),
      barcodeOf(eb, 'case').as('caseBarcode'),
    ]);
  if (input.locationId !== undefined) rows = rows.where('x.location_id', '=', input.locationId);
  const lines = await rows.orderBy('loc.code').orderBy('p.code').orderBy('x.status').execute();
  return lines.map((l, i): CountSheetLine => {
    const line: CountSheetLine = {
      lineId: -(i + 1),
      ...productAndBin(l),
      expected: true,
      round: 1,
      open: false,
      myQty: null,
      counted: false,
    };
    if (showBook) line.snapshotQty = l.qty;
    return line;
  });
}

async function sheetLines(
  ctx: ServiceContext,
  s: SessionRecord,
  input: { locationId?: number; lineIds?: number[] },
): Promise<CountSheetLine[]> {
  const me = userId(ctx);
  const visible = await bookVisible(ctx, s);
  let q = ctx.db
    .selectFrom('count_lines as l')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .leftJoin('products as r', 'r.id', 'p.replaced_by_id')
    .innerJoin('locations as loc', 'loc.id', 'l.location_id')
    .select([
      'l.id',
      'l.product_id',
      'l.location_id',
      'l.status',
      'l.snapshot_qty',
      'l.expected',
      'l.round',
      'l.recount_by',
      'p.code',
      'p.name_zh',
      'p.name_en',
      'p.unit',
      'p.case_pack',
      'r.code as replacedByCode',
      'loc.code as locationCode',
      (eb) => barcodeOf(eb, 'unit').as('unitBarcode'),
      (eb) => barcodeOf(eb, 'case').as('caseBarcode'),
    ])
    .where('l.session_id', '=', s.id);
  if (input.locationId !== undefined) q = q.where('l.location_id', '=', input.locationId);
  if (input.lineIds) q = q.where('l.id', 'in', input.lineIds);
  const lines = await q.orderBy('loc.code').orderBy('p.code').orderBy('l.status').execute();

  // Each counter's running count of the lines in their current round (count_tallies): one row per
  // counter and line, however many scans it took.
  const tallies = await ctx.db
    .selectFrom('count_tallies as t')
    .innerJoin('count_lines as l', (j) => j.onRef('l.id', '=', 't.line_id').onRef('l.round', '=', 't.round'))
    .select(['t.line_id', 't.user_id', 't.qty'])
    .where('l.session_id', '=', s.id)
    .execute();
  const countedLines = new Set<number>();
  const myQty = new Map<number, number>();
  for (const t of tallies) {
    countedLines.add(t.line_id);
    if (t.user_id === me) myQty.set(t.line_id, t.qty);
  }

  const counting = s.state === 'counting' || s.state === 'recounting';
  const inMyZones = await zoneFilter(ctx, s.id, me);
  const out = lines.map((l): CountSheetLine => {
    const open =
      s.state === 'counting'
        ? l.round === 1 && inMyZones(l.location_id)
        : s.state === 'recounting'
          ? l.round > 1 && l.recount_by === me
          : false;
    const line: CountSheetLine = {
      lineId: l.id,
      ...productAndBin(l),
      expected: l.expected === 1,
      round: l.round,
      open: counting && open,
      myQty: myQty.get(l.id) ?? null,
      counted: countedLines.has(l.id),
    };
    if (visible) line.snapshotQty = l.snapshot_qty;
    return line;
  });
  return out;
}

export type EnterInput = {
  sessionId: number;
  productId: number;
  locationId: number;
  status?: StockStatus;
  mode: 'set' | 'add';
  qty: number;
};

/** Typed entry on the sheet: set the caller's own count of a line, or add to it. */
export async function enterCount(ctx: ServiceContext, input: EnterInput): Promise<CountSheetLine> {
  const { lineId, created } = await appendEntry(ctx.db, await loadSession(ctx.db, input.sessionId), {
    userId: userId(ctx),
    productId: input.productId,
    locationId: input.locationId,
    status: input.status ?? 'good',
    kind: input.mode,
    qty: input.qty,
    scanId: null,
    at: ctx.now.toISOString(),
  });
  // The audit names the line and what was typed; a count is the counter's own figure, not the book.
  await changed(
    ctx,
    {
      entity: 'countSession',
      entityId: input.sessionId,
      after: { lineId, created, mode: input.mode, qty: input.qty, status: input.status ?? 'good' },
    },
    { sessionId: input.sessionId, formId: null },
  );
  const [line] = await sheetLines(ctx, await loadSession(ctx.db, input.sessionId), { lineIds: [lineId] });
  return line!;
}

/**
 * Whether a bin is the caller's to count: a counter with zones counts in those
 * zones only (counts.enter refuses the others, so the sheet does not offer
 * them), a counter without a zone anywhere, anyone else nowhere.
 */
async function zoneFilter(
  ctx: ServiceContext,
  sessionId: number,
  me: number,
): Promise<(locationId: number) => boolean> {
  const assigned = await ctx.db
    .selectFrom('count_counters')
    .select('zone_id')
    .where('session_id', '=', sessionId)
    .where('user_id', '=', me)
    .execute();
  if (assigned.length === 0) return () => false;
  const zones = new Set(assigned.map((a) => a.zone_id));
  if (zones.has(null)) return () => true;
  const parents = new Map(
    (await ctx.db.selectFrom('locations').select(['id', 'parent_id']).execute()).map((l) => [l.id, l.parent_id]),
  );
  return (locationId) => {
    // Layouts are three levels deep; the bound only stops a corrupt cycle.
    let at: number | null | undefined = locationId;
    for (let depth = 0; at != null && depth < 16; depth++) {
      if (zones.has(at)) return true;
      at = parents.get(at);
    }
    return false;
  };
}

/** The product and bin of a sheet line, read alike by the planned sheet and the started one. */
type ProductAndBinRow = {
  product_id: number;
  code: string;
  name_zh: string;
  name_en: string;
  unit: string;
  case_pack: number;
  unitBarcode: string | null;
  caseBarcode: string | null;
  replacedByCode: string | null;
  location_id: number;
  locationCode: string;
  status: string;
};

function productAndBin(l: ProductAndBinRow) {
  return {
    productId: l.product_id,
    productCode: l.code,
    productNameZh: l.name_zh,
    productNameEn: l.name_en,
    unit: l.unit,
    casePack: l.case_pack,
    unitBarcode: l.unitBarcode ?? null,
    caseBarcode: l.caseBarcode ?? null,
    replacedByCode: l.replacedByCode ?? null,
    locationId: l.location_id,
    locationCode: l.locationCode,
    status: l.status as StockStatus,
  };
}
