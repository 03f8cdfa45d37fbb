// Refused goods awaiting return 待退回 (R6 → R12): what the vehicles bring back,
// per line (order, customer, trip, reason) and per product. The return chain
// (issue 13) takes them in at the warehouse check and sets returned_at.
import type { AwaitingReturn, AwaitingReturnRow, RefusalReason } from '../../../../shared/contract';
import type { Db } from '../../db/schema';

export async function awaitingReturn(db: Db, dispatchDate?: string): Promise<AwaitingReturn> {
  let q = db
    .selectFrom('refused_lines as r')
    .innerJoin('orders as o', 'o.id', 'r.order_id')
    .leftJoin('customers as c', 'c.id', 'o.customer_id')
    .innerJoin('trips as t', 't.id', 'r.trip_id')
    .innerJoin('products as p', 'p.id', 'r.product_id')
    .innerJoin('order_outcomes as oc', 'oc.order_id', 'r.order_id')
    .select([
      'r.line_id',
      'r.order_id',
      'o.number as orderNumber',
      'o.customer_code',
      'c.name as customerName',
      'r.trip_id',
      't.number as tripNumber',
      't.dispatch_date',
      'r.product_id',
      'p.code',
      'p.name_zh',
      'p.case_pack',
      'r.status',
      'r.qty',
      'r.amount_fen',
      'r.reason',
      'oc.note',
      'r.refused_at',
    ])
    .where('r.returned_at', 'is', null);
  if (dispatchDate) q = q.where('t.dispatch_date', '=', dispatchDate);
  const found = await q
    .orderBy('t.dispatch_date')
    .orderBy('t.number')
    .orderBy('o.number')
    .orderBy('r.line_id')
    .execute();
  const rows: AwaitingReturnRow[] = found.map((r) => ({
    lineId: r.line_id,
    orderId: r.order_id,
    orderNumber: r.orderNumber,
    customerCode: r.customer_code,
    customerName: r.customerName ?? '',
    tripId: r.trip_id,
    tripNumber: r.tripNumber,
    dispatchDate: r.dispatch_date,
    productId: r.product_id,
    productCode: r.code,
    productName: r.name_zh,
    casePack: r.case_pack,
    status: r.status as 'good' | 'gift',
    qty: r.qty,
    amountFen: r.amount_fen,
    reason: r.reason as RefusalReason,
    note: r.note,
    refusedAt: r.refused_at,
  }));
  const byProduct = new Map<string, AwaitingReturn['byProduct'][number]>();
  for (const r of rows) {
    const k = `${r.productId}|${r.status}`;
    const p = byProduct.get(k) ?? {
      productId: r.productId,
      productCode: r.productCode,
      productName: r.productName,
      status: r.status,
      qty: 0,
      amountFen: 0,
    };
    p.qty += r.qty;
    p.amountFen += r.amountFen;
    byProduct.set(k, p);
  }
  return {
    rows,
    byProduct: [...byProduct.values()].sort(
      (a, b) => a.productCode.localeCompare(b.productCode) || a.status.localeCompare(b.status),
    ),
  };
}
