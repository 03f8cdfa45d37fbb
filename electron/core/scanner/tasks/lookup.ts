// The default task: scan anything to see what it is and where its stock is.
import type { TaskView } from '../../../../shared/contract';
import type { Db } from '../../db/schema';
import type { Task } from './task';

type LookupState = { productId: number | null };

export const lookupTask: Task<LookupState> = {
  kind: 'lookup',
  countsRepeats: false,
  initial: () => ({ productId: null }),
  async apply(_db, state, _scanId, resolution) {
    if (resolution.kind === 'product') return { accepted: true, state: { productId: resolution.productId } };
    if (resolution.kind === 'location' || resolution.kind === 'document' || resolution.kind === 'sscc') {
      return { accepted: true, state };
    }
    return { accepted: false, reason: 'scan.notForTask' };
  },
  undo: async () => null,
  async view(db: Db, state): Promise<TaskView> {
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
      .select(['b.status', 'l.code as locationCode', 'b.qty'])
      .where('b.product_id', '=', product.id)
      .where('b.qty', '<>', 0)
      .orderBy('l.code')
      .execute();
    return { kind: 'lookup', product: { productId: product.id, productCode: product.code, stock } };
  },
};
