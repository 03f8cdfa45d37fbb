// The default task: scan anything to see what it is and where its stock is.
import type { TaskView } from '../../../../shared/contract';
import { hiddenBins } from '../../counts/blindness';
import type { Task } from './task';

type LookupState = { productId: number | null };

export const lookupTask: Task<LookupState> = {
  kind: 'lookup',
  countsRepeats: false,
  ownerOnly: false,
  initial: () => ({ productId: null }),
  async apply(_db, state, _scanId, resolution) {
    if (resolution.kind === 'product') return { accepted: true, state: { productId: resolution.productId } };
    if (resolution.kind === 'location' || resolution.kind === 'document' || resolution.kind === 'sscc') {
      return { accepted: true, state };
    }
    return { accepted: false, reason: 'scan.notForTask' };
  },
  undo: async () => null,
  async view(ctx, state): Promise<TaskView> {
    const db = ctx.db;
    if (state.productId === null) return { kind: 'lookup', product: null };
    const product = await db
      .selectFrom('products')
      .select(['id', 'code'])
      .where('id', '=', state.productId)
      .executeTakeFirst();
    if (!product) return { kind: 'lookup', product: null };
    const stock = await db
      .selectFrom('balances as b')
      .innerJoin('locations as l', 'l.id', 'b.location_id')
      .select(['b.status', 'b.location_id as locationId', 'l.code as locationCode', 'b.qty'])
      .where('b.product_id', '=', product.id)
      .where('b.qty', '<>', 0)
      .orderBy('l.code')
      .execute();
    // A blind counter looking a product up sees no stock in the bins being counted.
    const hidden = await hiddenBins(ctx);
    const shown = hidden.size > 0 ? stock.filter((s) => !hidden.has(s.locationId)) : stock;
    return {
      kind: 'lookup',
      product: {
        productId: product.id,
        productCode: product.code,
        stock: shown.map(({ locationId: _, ...s }) => s),
      },
    };
  },
};
