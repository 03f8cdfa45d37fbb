// The one function that writes the stock ledger (GUIDE: "one posting function").
// Every document — receipt, adjustment, damage, return, dispatch issue, reversal —
// builds movements and hands them here inside the request's transaction.
//
// R5 不开负库存: a posting that would take any (product, status, location) below
// zero is refused whole, naming the product and the shortfall. The balances
// table's CHECK (qty >= 0) is the second guard, under any concurrency.
import { sql } from 'kysely';
import type { StockKey } from '../../../shared/contract';
import type { DocumentType, MovementType, StockStatus } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import { refuseLockedBins } from '../counts/activeCounts';
import { runTemplate } from '../db/queryTemplate';
import { nextDocumentNumber } from './numbering';
import { figureType, recordFigures } from './periodFigures';
import { postingCatalogue } from './postingCatalogue';

export type MovementLine = {
  productId: number;
  status: StockStatus;
  locationId: number;
  /** Signed: positive into stock, negative out of it. */
  qty: number;
};

export type PostingRequest = {
  type: DocumentType;
  /** The movement type of the lines; defaults to the document type. */
  movementType?: MovementType;
  idempotencyKey: string;
  note?: string;
  reversesId?: number;
  lines: MovementLine[];
};

export type PostedDocument = {
  documentId: number;
  documentNo: string;
  postedAt: string;
  /** True when the idempotency key had already posted: nothing new was written. */
  replayed: boolean;
  keys: StockKey[];
};

const keyOf = (l: { productId: number; status: string; locationId: number }) =>
  `${l.productId}|${l.status}|${l.locationId}`;

/** Balance keys in one fixed order: product, then location, then status. */
const byKey = (a: MovementLine, b: MovementLine) =>
  a.productId - b.productId || a.locationId - b.locationId || (a.status < b.status ? -1 : a.status > b.status ? 1 : 0);

function isCheckViolation(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  return /CHECK constraint failed/.test(e.message) || (e as { code?: unknown }).code === '23514';
}

export async function postDocument(ctx: ServiceContext, req: PostingRequest): Promise<PostedDocument> {
  const userId = ctx.caller.session?.userId;
  if (userId === undefined) throw new AppError('auth.required');

  // One round trip for the reads every posting makes: has this key posted already, the
  // catalogue's version token (postingCatalogue.ts reloads its memory only when the token moved),
  // and how far the monthly figures reach (periodFigures.ts: both are index ends).
  const [first] = (
    await runTemplate(ctx.db, 'posting.replayAndToken', { key: req.idempotencyKey, catalogue: 1 }, (p) =>
      ctx.db.selectNoFrom((eb) => [
        eb.selectFrom('documents').select('id').where('idempotency_key', '=', p.key).as('existingId'),
        eb.selectFrom('catalogue_version').select('token').where('id', '=', p.catalogue).as('token'),
        eb
          .selectFrom('period_months')
          .select((e) => e.fn.max('month').as('m'))
          .as('monthsThrough'),
        eb
          .selectFrom('period_figures')
          .select((e) => e.fn.min('day').as('d'))
          .as('firstDay'),
      ]),
    )
  ).rows;
  const existingId = first?.existingId ?? null;
  if (existingId !== null) {
    const existing = await ctx.db
      .selectFrom('documents')
      .select(['id', 'number', 'posted_at'])
      .where('id', '=', existingId)
      .executeTakeFirstOrThrow();
    // A retried request or a replayed scan: answer as the first time, post nothing.
    return {
      documentId: existing.id,
      documentNo: existing.number,
      postedAt: existing.posted_at ?? '',
      replayed: true,
      keys: [],
    };
  }

  const lines = req.lines.filter((l) => l.qty !== 0);
  if (lines.length === 0) throw new AppError('stock.emptyDocument');

  // Net change per balance key: two lines of one product and place are one change.
  const deltas = new Map<string, MovementLine>();
  for (const l of lines) {
    if (!Number.isSafeInteger(l.qty)) throw new AppError('contract.invalidInput', { field: 'qty' });
    const k = keyOf(l);
    const d = deltas.get(k);
    if (d) d.qty += l.qty;
    else deltas.set(k, { ...l });
  }

  const catalogue = await postingCatalogue(ctx.root, ctx.db, first?.token ?? -1);
  const missingProduct = lines.find((l) => !catalogue.costs.has(l.productId));
  if (missingProduct) throw new AppError('stock.unknownProduct', { productId: missingProduct.productId });
  const missingLocation = lines.find((l) => !catalogue.locations.has(l.locationId));
  if (missingLocation) throw new AppError('stock.unknownLocation', { locationId: missingLocation.locationId });
  // A count that asked for it locks its bins while they are counted (issue 5); from memory, no query.
  await refuseLockedBins(ctx, lines);

  // In key order: two postings on PostgreSQL lock the balance rows they share in
  // the same order, so they wait for each other instead of deadlocking.
  const ordered = [...deltas.values()].sort(byKey);
  const increases = ordered.filter((d) => d.qty > 0);
  const decreases = ordered.filter((d) => d.qty < 0);
  // R5, first guard: every resulting balance is computed before anything is
  // written. Only decreases can go below zero, so only they are read.
  if (decreases.length > 0) await refuseShortfalls(ctx, decreases);

  const at = ctx.now.toISOString();
  const documentNo = await nextDocumentNumber(ctx.db, req.type, ctx.now, ctx.timeZone);
  const document = {
    type: req.type,
    number: documentNo,
    state: 'posted' as const,
    idempotency_key: req.idempotencyKey,
    created_by: userId,
    created_at: at,
    posted_at: at,
    reverses_id: req.reversesId ?? null,
    note: req.note ?? null,
  };
  const [doc] = (
    await runTemplate(ctx.db, 'posting.document', document, (row) =>
      ctx.db.insertInto('documents').values(row).returning('id'),
    )
  ).rows as [{ id: number }];

  const movementType = req.movementType ?? req.type;
  // Chunked so a large opening document stays under SQLite's bound-parameter limit.
  for (let i = 0; i < lines.length; i += 500) {
    const rows = lines.slice(i, i + 500).map((l) => ({
      document_id: doc.id,
      type: movementType,
      product_id: l.productId,
      status: l.status,
      location_id: l.locationId,
      qty: l.qty,
      unit_cost_fen: catalogue.costs.get(l.productId)!,
      at,
      user_id: userId,
    }));
    await runTemplate(ctx.db, 'posting.movements', rows, (r) => ctx.db.insertInto('movements').values(r));
  }
  // Issue 14: the period figures move with the ledger, in this transaction.
  await recordFigures(ctx, await figureType(ctx, movementType, req.reversesId), lines, catalogue.costs, {
    through: first?.monthsThrough ?? null,
    firstDay: first?.firstDay ?? null,
  });

  const keys: StockKey[] = [];
  const keep = (b: { product_id: number; status: string; location_id: number; qty: number }) =>
    keys.push({ productId: b.product_id, status: b.status as StockStatus, locationId: b.location_id, qty: b.qty });
  try {
    // Increases upsert. Decreases are plain updates: SQLite checks a CHECK on
    // an upsert's candidate row before resolving the conflict, so a negative
    // delta can never go through INSERT … ON CONFLICT.
    for (let i = 0; i < increases.length; i += 500) {
      const rows = increases.slice(i, i + 500).map((d) => ({
        product_id: d.productId,
        status: d.status,
        location_id: d.locationId,
        qty: d.qty,
      }));
      const updated = await runTemplate(ctx.db, 'posting.increase', rows, (r) =>
        ctx.db
          .insertInto('balances')
          .values(r)
          .onConflict((oc) =>
            oc
              .columns(['product_id', 'status', 'location_id'])
              .doUpdateSet({ qty: sql<number>`balances.qty + excluded.qty` }),
          )
          .returning(['product_id', 'status', 'location_id', 'qty']),
      );
      updated.rows.forEach(keep);
    }
    for (const d of decreases) {
      const [b] = (
        await runTemplate(ctx.db, 'posting.decrease', d, (k) =>
          ctx.db
            .updateTable('balances')
            .set({ qty: sql<number>`qty + ${k.qty}` })
            .where('product_id', '=', k.productId)
            .where('status', '=', k.status)
            .where('location_id', '=', k.locationId)
            .returning(['product_id', 'status', 'location_id', 'qty']),
        )
      ).rows;
      if (!b) throw new AppError('stock.wouldGoNegative', { concurrent: true });
      keep(b);
    }
  } catch (e) {
    // R5, second guard: the CHECK fired because another writer got there first
    // (SQLite's message; PostgreSQL's SQLSTATE 23514, check_violation).
    if (isCheckViolation(e)) {
      throw new AppError('stock.wouldGoNegative', { concurrent: true });
    }
    throw e;
  }

  ctx.emit('stock.changed', { documentId: doc.id, documentNo, keys });
  return { documentId: doc.id, documentNo, postedAt: at, replayed: false, keys };
}

/** Throws stock.wouldGoNegative naming every line that would take its balance below zero. */
async function refuseShortfalls(ctx: ServiceContext, decreases: MovementLine[]): Promise<void> {
  const current = await ctx.db
    .selectFrom('balances')
    .select(['product_id', 'status', 'location_id', 'qty'])
    .where('product_id', 'in', [...new Set(decreases.map((d) => d.productId))])
    .where('location_id', 'in', [...new Set(decreases.map((d) => d.locationId))])
    .execute();
  const currentQty = new Map(
    current.map((b) => [keyOf({ productId: b.product_id, status: b.status, locationId: b.location_id }), b.qty]),
  );
  const short = decreases
    .map((d) => ({ d, available: currentQty.get(keyOf(d)) ?? 0 }))
    .filter(({ d, available }) => available + d.qty < 0);
  if (short.length === 0) return;

  const products = await ctx.db
    .selectFrom('products')
    .select(['id', 'code', 'name_zh', 'name_en'])
    .where('id', 'in', [...new Set(short.map(({ d }) => d.productId))])
    .execute();
  const productById = new Map(products.map((p) => [p.id, p]));
  const locations = await ctx.db
    .selectFrom('locations')
    .select(['id', 'code'])
    .where('id', 'in', [...new Set(short.map(({ d }) => d.locationId))])
    .execute();
  const locationCode = new Map(locations.map((l) => [l.id, l.code]));
  const shortfalls = short.map(({ d, available }) => {
    const p = productById.get(d.productId)!;
    return {
      productId: d.productId,
      productCode: p.code,
      productName: p.name_zh,
      productNameEn: p.name_en,
      status: d.status,
      locationCode: locationCode.get(d.locationId)!,
      available,
      requested: -d.qty,
      shortfall: -(available + d.qty),
    };
  });
  throw new AppError('stock.wouldGoNegative', { ...shortfalls[0], all: shortfalls });
}
