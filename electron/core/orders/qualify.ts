// Qualification 合格订单 (R1): runs on every order at entry and after every
// change, and lists EVERY failing reason, not the first. Pure over lookups
// loaded once per request (customers, products, prices, open orders), so a
// file of 5,200 orders is qualified in memory.
import { createHash } from 'node:crypto';
import type { LineUnit, OrderChannel, OrderIssue, OrderState } from '../../../shared/contract';
import { openOrderStates } from '../../../shared/contract';
import type { Db } from '../db/schema';
import { loadPriceBook, type PriceBook } from './prices';

export type CustomerRef = { id: number; code: string; blocked: boolean; salespersonId: number | null };
export type ProductRef = {
  id: number;
  code: string;
  name: string;
  active: boolean;
  casePack: number;
  caseOnly: boolean;
  successorCode: string | null;
};

export type Lookups = {
  customersByCode: Map<string, CustomerRef>;
  customersById: Map<number, CustomerRef>;
  productsByCode: Map<string, ProductRef>;
  productsById: Map<number, ProductRef>;
  prices: PriceBook;
  today: string;
  /** Open orders by signature: the likely-duplicate check. Grows as a batch is qualified. */
  openSignatures: Map<string, { id: number | null; number: string }>;
};

export async function loadLookups(db: Db, today: string, orderDates: string[]): Promise<Lookups> {
  const customers = (
    await db.selectFrom('customers').select(['id', 'code', 'blocked', 'salesperson_id']).execute()
  ).map((c) => ({ id: c.id, code: c.code, blocked: c.blocked === 1, salespersonId: c.salesperson_id }));
  const products = (
    await db
      .selectFrom('products as p')
      .leftJoin('products as s', 's.id', 'p.replaced_by_id')
      .select(['p.id', 'p.code', 'p.name_zh', 'p.active', 'p.case_pack', 'p.case_only', 's.code as successor'])
      .execute()
  ).map((p) => ({
    id: p.id,
    code: p.code,
    name: p.name_zh,
    active: p.active === 1,
    casePack: p.case_pack,
    caseOnly: p.case_only === 1,
    successorCode: p.successor ?? null,
  }));
  const openSignatures = new Map<string, { id: number | null; number: string }>();
  const dates = [...new Set(orderDates)];
  if (dates.length > 0) {
    const rows = await db
      .selectFrom('orders')
      .select(['id', 'number', 'signature'])
      .where('order_date', 'in', dates)
      .where('state', 'in', openOrderStates)
      .execute();
    for (const r of rows) openSignatures.set(r.signature, { id: r.id, number: r.number });
  }
  return {
    customersByCode: new Map(customers.map((c) => [c.code, c])),
    customersById: new Map(customers.map((c) => [c.id, c])),
    productsByCode: new Map(products.map((p) => [p.code, p])),
    productsById: new Map(products.map((p) => [p.id, p])),
    prices: await loadPriceBook(db),
    today,
    openSignatures,
  };
}

export type DraftLine = { productCode: string; enteredQty: number; per: LineUnit; gift: boolean };
export type Draft = {
  channel: OrderChannel;
  customerCode: string;
  orderDate: string;
  dispatchDate: string | null;
  deliveryDate: string | null;
  confirmed: boolean;
  lines: DraftLine[];
};

export type QualifiedLine = DraftLine & {
  lineNo: number;
  productId: number | null;
  qty: number | null;
  priceFen: number | null;
  casePack: number | null;
};

export type Qualified = {
  customer: CustomerRef | null;
  lines: QualifiedLine[];
  issues: OrderIssue[];
  signature: string;
  state: OrderState;
  totals: { lineCount: number; units: number; cases: number; looseUnits: number; amountFen: number };
};

/** Customer + order date + the lines (product, units, gift), order-independent. */
export function signatureOf(d: Draft, lines: QualifiedLine[]): string {
  const parts = lines.map((l) => `${l.productCode}:${l.qty ?? `~${l.enteredQty}${l.per}`}:${l.gift ? 1 : 0}`).sort();
  return createHash('sha1')
    .update(`${d.customerCode}|${d.orderDate}|${parts.join(',')}`)
    .digest('base64url');
}

/**
 * Qualifies one order. `self`: the order's own id when it is requalified, so
 * it is not its own duplicate.
 */
export function qualify(d: Draft, lk: Lookups, self: number | null = null): Qualified {
  const issues: OrderIssue[] = [];
  const customer = lk.customersByCode.get(d.customerCode) ?? null;
  if (!customer) issues.push({ reason: 'unknownCustomer' });
  else if (customer.blocked) issues.push({ reason: 'blockedCustomer' });
  if (d.lines.length === 0) issues.push({ reason: 'noLines' });

  const totals = { lineCount: d.lines.length, units: 0, cases: 0, looseUnits: 0, amountFen: 0 };
  const lines = d.lines.map((l, i): QualifiedLine => {
    const lineNo = i + 1;
    const p = lk.productsByCode.get(l.productCode) ?? null;
    const at = { lineNo, productCode: l.productCode };
    if (!p) issues.push({ reason: 'unknownProduct', ...at });
    else if (!p.active) issues.push({ reason: 'inactiveProduct', ...at });
    // R13: an old code names its successor; orders.switchLine moves the line to it.
    if (p?.successorCode) issues.push({ reason: 'oldCode', ...at, successorCode: p.successorCode });
    let qty: number | null = null;
    if (!Number.isInteger(l.enteredQty) || l.enteredQty <= 0) issues.push({ reason: 'notWholeNumber', ...at });
    else if (p) {
      qty = l.per === 'case' ? l.enteredQty * p.casePack : l.enteredQty;
      if (p.caseOnly && qty % p.casePack !== 0) issues.push({ reason: 'notWholeCases', ...at });
    } else if (l.per === 'unit') qty = l.enteredQty;
    // R2: a gift line is free; else the price valid on the order date, taken now.
    let priceFen: number | null = null;
    if (l.gift) priceFen = 0;
    else if (p) {
      priceFen = lk.prices.priceOf(p.id, customer?.id ?? null, d.orderDate);
      if (priceFen === null) issues.push({ reason: 'missingPrice', ...at });
    }
    if (qty !== null) {
      totals.units += qty;
      if (p) {
        totals.cases += Math.floor(qty / p.casePack);
        totals.looseUnits += qty % p.casePack;
      }
      if (priceFen !== null) totals.amountFen += qty * priceFen;
    }
    return { ...l, lineNo, productId: p?.id ?? null, qty, priceFen, casePack: p?.casePack ?? null };
  });

  for (const [field, value] of [
    ['dispatchDate', d.dispatchDate],
    ['deliveryDate', d.deliveryDate],
  ] as const) {
    if (value === null) issues.push({ reason: 'missingDate', field });
    else if (value < lk.today) issues.push({ reason: 'pastDate', field });
  }
  if (
    (d.dispatchDate !== null && d.dispatchDate < d.orderDate) ||
    (d.dispatchDate !== null && d.deliveryDate !== null && d.deliveryDate < d.dispatchDate)
  )
    issues.push({ reason: 'datesOutOfOrder', field: 'deliveryDate' });

  const signature = signatureOf(d, lines);
  const dup = lk.openSignatures.get(signature);
  if (dup && (self === null || dup.id !== self)) issues.push({ reason: 'likelyDuplicate', duplicateOf: dup.number });

  const state: OrderState =
    issues.length > 0 ? 'held' : d.channel === 'phone' && !d.confirmed ? 'awaitingConfirmation' : 'qualified';
  return { customer, lines, issues, signature, state, totals };
}
