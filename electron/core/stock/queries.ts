// Read side of the stock core: the movements ledger (the inventory grid's
// balances come from balanceIndex.ts).
import type { MovementRow, Paged } from '../../../shared/contract';
import type { MovementType, StockStatus } from '../../../shared/domain';
import type { Db } from '../db/schema';

/** One page of the ledger, newest first by default: keyed on the movement id. */
export async function pageMovements(
  db: Db,
  opts: { offset: number; limit: number; productId?: number; sort?: 'asc' | 'desc' },
): Promise<Paged<MovementRow>> {
  const dir = opts.sort ?? 'desc';
  const total = await countMovements(db, opts.productId);
  let q = db
    .selectFrom('movements as m')
    .innerJoin('documents as d', 'd.id', 'm.document_id')
    .innerJoin('products as p', 'p.id', 'm.product_id')
    .innerJoin('locations as l', 'l.id', 'm.location_id')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select([
      'm.id',
      'm.at',
      'm.type',
      'm.document_id as documentId',
      'd.number as documentNo',
      'm.product_id as productId',
      'p.code as productCode',
      'p.name_zh as productNameZh',
      'p.name_en as productNameEn',
      'm.status',
      'l.code as locationCode',
      'm.qty',
      'm.unit_cost_fen as unitCostFen',
      'u.display_name as userName',
    ])
    .orderBy('m.id', dir);
  if (opts.productId === undefined) {
    // Movement ids are dense (1…n, append-only, never deleted), so any page of
    // the whole ledger is an id range: no OFFSET scan, constant time at row 900,000.
    const [lo, hi] =
      dir === 'desc'
        ? [total - opts.offset - opts.limit + 1, total - opts.offset]
        : [opts.offset + 1, opts.offset + opts.limit];
    q = q.where('m.id', '>=', lo).where('m.id', '<=', hi);
  } else {
    q = q.where('m.product_id', '=', opts.productId).limit(opts.limit).offset(opts.offset);
  }
  const rows = await q.execute();
  return {
    rows: rows.map(({ unitCostFen, ...r }) => ({
      ...r,
      type: r.type as MovementType,
      status: r.status as StockStatus,
      amountFen: r.qty * unitCostFen,
    })),
    total,
  };
}

async function countMovements(db: Db, productId?: number): Promise<number> {
  if (productId === undefined) {
    // Dense ids: the ledger's size is its largest id.
    const row = await db
      .selectFrom('movements')
      .select((eb) => eb.fn.max('id').as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
  const row = await db
    .selectFrom('movements')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('product_id', '=', productId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
