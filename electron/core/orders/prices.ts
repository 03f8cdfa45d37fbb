// Prices: a list price per product (customer NULL) and customer-specific
// prices, in fen, with validity dates. An order line takes its price when it
// is entered: the customer's price valid on the order date, else the list
// price valid then; none: the line is unqualified (R1 missingPrice).
import type { ImportReport, ImportRowError, PriceView } from '../../../shared/contract';
import { parseYuanToFen } from '../../../shared/catalogue/productCsv';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import type { Db } from '../db/schema';
import { readCsv, replacementChars } from './csv';
import { isRealDate } from './dates';

export async function listPrices(
  db: Db,
  input: { productId?: number; customerId?: number | null; on?: string; ids?: number[] },
): Promise<PriceView[]> {
  let q = db
    .selectFrom('prices as x')
    .innerJoin('products as p', 'p.id', 'x.product_id')
    .leftJoin('customers as c', 'c.id', 'x.customer_id')
    .select([
      'x.id',
      'x.product_id as productId',
      'p.code as productCode',
      'p.name_zh as productName',
      'x.customer_id as customerId',
      'c.code as customerCode',
      'x.price_fen as priceFen',
      'x.valid_from as validFrom',
      'x.valid_to as validTo',
    ]);
  if (input.ids) q = q.where('x.id', 'in', input.ids);
  if (input.productId !== undefined) q = q.where('x.product_id', '=', input.productId);
  if (input.customerId === null) q = q.where('x.customer_id', 'is', null);
  else if (input.customerId !== undefined) q = q.where('x.customer_id', '=', input.customerId);
  if (input.on !== undefined) {
    const on = input.on;
    q = q
      .where('x.valid_from', '<=', on)
      .where((eb) => eb.or([eb('x.valid_to', 'is', null), eb('x.valid_to', '>=', on)]));
  }
  const rows = await q.orderBy('p.code').orderBy('c.code').orderBy('x.valid_from').execute();
  return rows.map((r) => ({ ...r, customerCode: r.customerCode ?? null }));
}

export async function setPrice(
  ctx: ServiceContext,
  input: { productId: number; customerId: number | null; priceFen: number; validFrom: string; validTo?: string | null },
): Promise<PriceView> {
  if (!isRealDate(input.validFrom) || (input.validTo != null && !isRealDate(input.validTo)))
    throw new AppError('contract.invalidInput', { issues: [{ path: 'validFrom', code: 'date', message: 'date' }] });
  const product = await ctx.db.selectFrom('products').select('id').where('id', '=', input.productId).executeTakeFirst();
  if (!product) throw new AppError('products.notFound', { productId: input.productId });
  if (input.customerId !== null) {
    const c = await ctx.db.selectFrom('customers').select('id').where('id', '=', input.customerId).executeTakeFirst();
    if (!c) throw new AppError('customers.notFound', { customerId: input.customerId });
  }
  const existing = await ctx.db
    .selectFrom('prices')
    .select(['id', 'price_fen', 'valid_to'])
    .where('product_id', '=', input.productId)
    .where((eb) =>
      input.customerId === null ? eb('customer_id', 'is', null) : eb('customer_id', '=', input.customerId),
    )
    .where('valid_from', '=', input.validFrom)
    .executeTakeFirst();
  const values = { price_fen: input.priceFen, valid_to: input.validTo ?? null, updated_at: ctx.now.toISOString() };
  let id: number;
  if (existing) {
    id = existing.id;
    await ctx.db.updateTable('prices').set(values).where('id', '=', id).execute();
  } else {
    id = (
      await ctx.db
        .insertInto('prices')
        .values({ ...values, product_id: input.productId, customer_id: input.customerId, valid_from: input.validFrom })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }
  const [after] = await listPrices(ctx.db, { ids: [id] });
  await recordAudit(ctx, { entity: 'price', entityId: id, before: existing, after });
  ctx.emit('prices.changed', { productIds: [input.productId] });
  return after!;
}

export async function removePrice(ctx: ServiceContext, id: number): Promise<null> {
  const [before] = await listPrices(ctx.db, { ids: [id] });
  if (!before) throw new AppError('prices.notFound', { id });
  await ctx.db.deleteFrom('prices').where('id', '=', id).execute();
  await recordAudit(ctx, { entity: 'price', entityId: id, before });
  ctx.emit('prices.changed', { productIds: [before.productId] });
  return null;
}

/**
 * Imports prices all or nothing. Columns: product_code, customer_code (empty:
 * list price), price (yuan, 2 decimals), valid_from, valid_to (optional).
 */
export async function importPrices(ctx: ServiceContext, csv: string): Promise<ImportReport> {
  const file = readCsv(csv);
  const { header, records, lines } = file;
  const errors: ImportRowError[] = replacementChars(file);
  for (const col of ['product_code', 'price', 'valid_from'])
    if (!header.includes(col)) errors.push({ line: 1, reason: 'missingColumn', field: col });
  if (errors.some((e) => e.line === 1)) throw new AppError('import.invalidRows', { errors });
  if (records.length === 0) throw new AppError('import.emptyFile');
  const products = new Map(
    (await ctx.db.selectFrom('products').select(['id', 'code']).execute()).map((p) => [p.code, p.id]),
  );
  const customers = new Map(
    (await ctx.db.selectFrom('customers').select(['id', 'code']).execute()).map((c) => [c.code, c.id]),
  );
  const rows: { productId: number; customerId: number | null; priceFen: number; from: string; to: string | null }[] =
    [];
  const seen = new Set<string>();
  records.forEach((rec, i) => {
    const line = lines[i] ?? i + 2;
    const get = (f: string) => (rec[f] ?? '').trim();
    const bad = (reason: string, field: string) => errors.push({ line, reason, field });
    const productId = products.get(get('product_code'));
    if (get('product_code') === '') bad('required', 'product_code');
    else if (productId === undefined) bad('unknownProduct', 'product_code');
    const customerCode = get('customer_code');
    const customerId = customerCode === '' ? null : (customers.get(customerCode) ?? undefined);
    if (customerId === undefined) bad('unknownCustomer', 'customer_code');
    const priceFen = parseYuanToFen(get('price'));
    if (get('price') === '') bad('required', 'price');
    else if (priceFen === null) bad('notMoney', 'price');
    const from = get('valid_from');
    if (from === '') bad('required', 'valid_from');
    else if (!isRealDate(from)) bad('badDate', 'valid_from');
    const to = get('valid_to') || null;
    if (to !== null && !isRealDate(to)) bad('badDate', 'valid_to');
    else if (to !== null && to < from) bad('validToBeforeFrom', 'valid_to');
    const key = `${productId}|${customerId}|${from}`;
    if (seen.has(key)) bad('duplicatePrice', 'valid_from');
    seen.add(key);
    if (productId !== undefined && customerId !== undefined && priceFen !== null)
      rows.push({ productId, customerId, priceFen, from, to });
  });
  if (errors.length > 0) throw new AppError('import.invalidRows', { errors: errors.sort((a, b) => a.line - b.line) });
  const at = ctx.now.toISOString();
  let imported = 0;
  let updated = 0;
  for (const r of rows) {
    const existing = await ctx.db
      .selectFrom('prices')
      .select('id')
      .where('product_id', '=', r.productId)
      .where((eb) => (r.customerId === null ? eb('customer_id', 'is', null) : eb('customer_id', '=', r.customerId)))
      .where('valid_from', '=', r.from)
      .executeTakeFirst();
    if (existing) {
      await ctx.db
        .updateTable('prices')
        .set({ price_fen: r.priceFen, valid_to: r.to, updated_at: at })
        .where('id', '=', existing.id)
        .execute();
      updated++;
    } else {
      await ctx.db
        .insertInto('prices')
        .values({
          product_id: r.productId,
          customer_id: r.customerId,
          price_fen: r.priceFen,
          valid_from: r.from,
          valid_to: r.to,
          updated_at: at,
        })
        .execute();
      imported++;
    }
  }
  await recordAudit(ctx, { entity: 'prices', entityId: 'import', after: { imported, updated } });
  ctx.emit('prices.changed', { productIds: 'all' });
  return { imported, updated, errors: [] };
}

/** Prices as a lookup, loaded once per request for every line it prices. */
export type PriceBook = { priceOf(productId: number, customerId: number | null, on: string): number | null };

export async function loadPriceBook(db: Db, productIds?: number[]): Promise<PriceBook> {
  let q = db.selectFrom('prices').select(['product_id', 'customer_id', 'price_fen', 'valid_from', 'valid_to']);
  if (productIds) q = q.where('product_id', 'in', productIds.length > 0 ? productIds : [0]);
  const byKey = new Map<string, { price: number; from: string; to: string | null }[]>();
  for (const r of await q.orderBy('valid_from', 'desc').execute()) {
    const key = `${r.product_id}|${r.customer_id ?? 0}`;
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push({ price: r.price_fen, from: r.valid_from, to: r.valid_to });
  }
  const find = (key: string, on: string) =>
    byKey.get(key)?.find((p) => p.from <= on && (p.to === null || p.to >= on))?.price ?? null;
  return {
    priceOf: (productId, customerId, on) =>
      (customerId !== null ? find(`${productId}|${customerId}`, on) : null) ?? find(`${productId}|0`, on),
  };
}
