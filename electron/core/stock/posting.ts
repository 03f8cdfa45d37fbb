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
import { nextDocumentNumber } from './numbering';

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

export async function postDocument(ctx: ServiceContext, req: PostingRequest): Promise<PostedDocument> {
  const userId = ctx.caller.session?.userId;
  if (userId === undefined) throw new AppError('auth.required');

  const existing = await ctx.db
    .selectFrom('documents')
    .select(['id', 'number', 'posted_at', 'type'])
    .where('idempotency_key', '=', req.idempotencyKey)
    .executeTakeFirst();
  if (existing) {
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

  const productIds = [...new Set(lines.map((l) => l.productId))];
  const locationIds = [...new Set(lines.map((l) => l.locationId))];
  const products = await ctx.db
    .selectFrom('products')
    .select(['id', 'code', 'name_zh', 'name_en', 'unit_cost_fen'])
    .where('id', 'in', productIds)
    .execute();
  const productById = new Map(products.map((p) => [p.id, p]));
  const missingProduct = productIds.find((id) => !productById.has(id));
  if (missingProduct !== undefined) throw new AppError('stock.unknownProduct', { productId: missingProduct });
  const locations = await ctx.db
    .selectFrom('locations')
    .select(['id', 'code', 'kind'])
    .where('id', 'in', locationIds)
    .execute();
  const locationById = new Map(locations.map((l) => [l.id, l]));
  const missingLocation = locationIds.find((id) => !locationById.has(id));
  if (missingLocation !== undefined) throw new AppError('stock.unknownLocation', { locationId: missingLocation });

  // R5, first guard: compute every resulting balance before writing anything.
  const current = await ctx.db
    .selectFrom('balances')
    .select(['product_id', 'status', 'location_id', 'qty'])
    .where('product_id', 'in', productIds)
    .where('location_id', 'in', locationIds)
    .execute();
  const currentQty = new Map(
    current.map((b) => [keyOf({ productId: b.product_id, status: b.status, locationId: b.location_id }), b.qty]),
  );
  const shortfalls = [];
  for (const [k, d] of deltas) {
    const available = currentQty.get(k) ?? 0;
    if (available + d.qty < 0) {
      const p = productById.get(d.productId)!;
      shortfalls.push({
        productId: d.productId,
        productCode: p.code,
        productName: p.name_zh,
        productNameEn: p.name_en,
        status: d.status,
        locationCode: locationById.get(d.locationId)!.code,
        available,
        requested: -d.qty,
        shortfall: -(available + d.qty),
      });
    }
  }
  if (shortfalls.length > 0) {
    throw new AppError('stock.wouldGoNegative', { ...shortfalls[0], all: shortfalls });
  }

  const at = ctx.now.toISOString();
  const documentNo = await nextDocumentNumber(ctx.db, req.type, ctx.now, ctx.timeZone);
  const doc = await ctx.db
    .insertInto('documents')
    .values({
      type: req.type,
      number: documentNo,
      state: 'posted',
      idempotency_key: req.idempotencyKey,
      created_by: userId,
      created_at: at,
      posted_at: at,
      reverses_id: req.reversesId ?? null,
      note: req.note ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const movementType = req.movementType ?? req.type;
  // Chunked so a large opening document stays under SQLite's bound-parameter limit.
  for (let i = 0; i < lines.length; i += 500) {
    await ctx.db
      .insertInto('movements')
      .values(
        lines.slice(i, i + 500).map((l) => ({
          document_id: doc.id,
          type: movementType,
          product_id: l.productId,
          status: l.status,
          location_id: l.locationId,
          qty: l.qty,
          unit_cost_fen: productById.get(l.productId)!.unit_cost_fen,
          at,
          user_id: userId,
        })),
      )
      .execute();
  }

  const keys: StockKey[] = [];
  const increases = [...deltas.values()].filter((d) => d.qty > 0);
  const decreases = [...deltas.values()].filter((d) => d.qty < 0);
  const keep = (b: { product_id: number; status: string; location_id: number; qty: number }) =>
    keys.push({ productId: b.product_id, status: b.status as StockStatus, locationId: b.location_id, qty: b.qty });
  try {
    // Increases upsert. Decreases are plain updates: SQLite checks a CHECK on
    // an upsert's candidate row before resolving the conflict, so a negative
    // delta can never go through INSERT … ON CONFLICT.
    for (let i = 0; i < increases.length; i += 500) {
      const updated = await ctx.db
        .insertInto('balances')
        .values(
          increases.slice(i, i + 500).map((d) => ({
            product_id: d.productId,
            status: d.status,
            location_id: d.locationId,
            qty: d.qty,
          })),
        )
        .onConflict((oc) =>
          oc
            .columns(['product_id', 'status', 'location_id'])
            .doUpdateSet({ qty: sql<number>`balances.qty + excluded.qty` }),
        )
        .returning(['product_id', 'status', 'location_id', 'qty'])
        .execute();
      updated.forEach(keep);
    }
    for (const d of decreases) {
      const b = await ctx.db
        .updateTable('balances')
        .set({ qty: sql<number>`qty + ${d.qty}` })
        .where('product_id', '=', d.productId)
        .where('status', '=', d.status)
        .where('location_id', '=', d.locationId)
        .returning(['product_id', 'status', 'location_id', 'qty'])
        .executeTakeFirst();
      if (!b) throw new AppError('stock.wouldGoNegative', { concurrent: true });
      keep(b);
    }
  } catch (e) {
    // R5, second guard: the CHECK fired because another writer got there first.
    if (e instanceof Error && /CHECK constraint failed/.test(e.message)) {
      throw new AppError('stock.wouldGoNegative', { concurrent: true });
    }
    throw e;
  }

  ctx.emit('stock.changed', { documentId: doc.id, documentNo, keys });
  return { documentId: doc.id, documentNo, postedAt: at, replayed: false, keys };
}
