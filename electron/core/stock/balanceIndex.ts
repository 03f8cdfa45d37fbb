// The inventory grid's rows, kept in memory and brought up to date from the
// ledger instead of re-read whole: at 20,000 products × 3 statuses,
// materialising 60,000 joined rows from SQLite costs ~1 s per request, while
// catching up on the movements posted since the last request costs
// microseconds. Correct for every writer because every balance change is a
// movement (GUIDE: balances can always be rebuilt from the ledger):
// - movements are append-only with dense ids, so "what changed" is the
//   movements above the last id seen, applied as deltas;
// - a commit by another connection (the CLI, a second station) bumps SQLite's
//   data_version, and product edits here send products.changed: both rebuild.
// Reads go through Kysely so they queue behind an open write transaction on
// the shared connection and never see uncommitted rows.
// On PostgreSQL (issue 15) neither holds: identity ids are handed out before
// commit, so a posting of another host or connection can commit a lower id
// after a higher one was seen, and there is no data_version. There the index
// keeps the products and locations (rebuilt on products.changed, which every
// host hears through pgEvents) and reads the balances themselves each time —
// one indexed scan of the balances table, no join.
import type { BalanceRow } from '../../../shared/contract';
import type { StockStatus } from '../../../shared/domain';
import type { Db } from '../db/schema';

type ProductAttrs = Pick<
  BalanceRow,
  'productCode' | 'productNameZh' | 'productNameEn' | 'category' | 'unit' | 'oldCode'
> & {
  // The index always holds costs; replies to roles not shown them drop them (auth/costs.ts).
  unitCostFen: number;
};

const keyOf = (productId: number, status: string, locationId: number) => `${productId}|${status}|${locationId}`;

export class BalanceIndex {
  private rows = new Map<string, BalanceRow>();
  private products = new Map<number, ProductAttrs>();
  private locations = new Map<number, string>();
  private lastMovementId = 0;
  private seenVersion: number | null = null;
  private stale = true;

  /**
   * `dataVersion`: SQLite's data_version of the connection (a commit by another
   * connection bumps it); null on PostgreSQL, where the balances are read each time.
   */
  constructor(private readonly dataVersion: (() => number) | null) {}

  /** Product or location attributes changed in this process. */
  invalidate(): void {
    this.stale = true;
  }

  async list(db: Db, opts: { includeZero?: boolean } = {}): Promise<BalanceRow[]> {
    if (this.dataVersion === null) {
      await (this.stale ? this.rebuild(db) : this.reloadBalances(db));
    } else {
      const version = this.dataVersion();
      if (version !== this.seenVersion) this.stale = true;
      this.seenVersion = version;
      if (this.stale) await this.rebuild(db);
      else await this.catchUp(db);
    }
    const out: BalanceRow[] = [];
    for (const row of this.rows.values()) if (opts.includeZero || row.qty !== 0) out.push(row);
    return out;
  }

  private async rebuild(db: Db): Promise<void> {
    const [products, locations, balances, last] = await Promise.all([
      db
        .selectFrom('products')
        .select(['id', 'code', 'name_zh', 'name_en', 'category', 'unit', 'replaced_by_id', 'unit_cost_fen'])
        .execute(),
      db.selectFrom('locations').select(['id', 'code']).execute(),
      db.selectFrom('balances').select(['product_id', 'status', 'location_id', 'qty']).execute(),
      db
        .selectFrom('movements')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst(),
    ]);
    this.products = new Map(
      products.map((p) => [
        p.id,
        {
          productCode: p.code,
          productNameZh: p.name_zh,
          productNameEn: p.name_en,
          category: p.category,
          unit: p.unit,
          oldCode: p.replaced_by_id !== null,
          unitCostFen: p.unit_cost_fen,
        },
      ]),
    );
    this.locations = new Map(locations.map((l) => [l.id, l.code]));
    this.rows = new Map();
    for (const b of balances) this.set(b.product_id, b.status as StockStatus, b.location_id, b.qty);
    this.lastMovementId = Number(last?.id ?? 0);
    this.stale = false;
  }

  /** PostgreSQL: the balances as they are now, over the products and locations kept. */
  private async reloadBalances(db: Db): Promise<void> {
    const balances = await db.selectFrom('balances').select(['product_id', 'status', 'location_id', 'qty']).execute();
    if (balances.some((b) => !this.products.has(b.product_id) || !this.locations.has(b.location_id)))
      return this.rebuild(db);
    this.rows = new Map();
    for (const b of balances) this.set(b.product_id, b.status as StockStatus, b.location_id, b.qty);
  }

  private async catchUp(db: Db): Promise<void> {
    const last = await db
      .selectFrom('movements')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    const maxId = Number(last?.id ?? 0);
    if (maxId === this.lastMovementId) return;
    if (maxId < this.lastMovementId) return this.rebuild(db); // a restore replaced the file
    const deltas = await db
      .selectFrom('movements')
      .select(['product_id', 'status', 'location_id', (eb) => eb.fn.sum<number>('qty').as('qty')])
      .where('id', '>', this.lastMovementId)
      .where('id', '<=', maxId)
      .groupBy(['product_id', 'status', 'location_id'])
      .execute();
    for (const d of deltas) {
      if (!this.products.has(d.product_id) || !this.locations.has(d.location_id)) return this.rebuild(db);
      const current = this.rows.get(keyOf(d.product_id, d.status, d.location_id))?.qty ?? 0;
      this.set(d.product_id, d.status as StockStatus, d.location_id, current + Number(d.qty));
    }
    this.lastMovementId = maxId;
  }

  private set(productId: number, status: StockStatus, locationId: number, qty: number): void {
    const p = this.products.get(productId)!;
    // Rows are replaced, never mutated: a reply already handed out stays as it was.
    this.rows.set(keyOf(productId, status, locationId), {
      productId,
      ...p,
      status,
      locationId,
      locationCode: this.locations.get(locationId)!,
      qty,
      amountFen: qty * p.unitCostFen,
    });
  }
}
