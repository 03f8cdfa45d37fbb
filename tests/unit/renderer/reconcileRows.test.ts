// The reconciliation grid's rows: the reply sends each product once and no
// derived figures; the rows get them back, exactly as the core counts them.
import { describe, expect, it } from 'vitest';
import type { ReconcileLine, ReconcileProduct } from '../../../shared/contract/counts';
import { reconcileRows } from '../../../renderer/pages/counts/reconcileRows';

const product: ReconcileProduct = {
  id: 7,
  code: 'P007',
  nameZh: '矿泉水',
  nameEn: 'Water',
  unit: '箱',
  category: '饮料',
  unitCostFen: 250,
  replacedByCode: null,
};
const line = (lineId: number, over: Partial<ReconcileLine>): ReconcileLine => ({
  lineId,
  productId: 7,
  locationId: 3,
  locationCode: 'A-01',
  status: 'good',
  expected: true,
  round: 1,
  recountBy: null,
  snapshotQty: 100,
  movementsSince: -10,
  countedQty: null,
  varianceQty: null,
  lineStatus: 'notCounted',
  cause: null,
  causeNote: '',
  ...over,
});

describe('reconcile rows', () => {
  it('gives each line its product, its book (snapshot ± movements since) and its variance amount', () => {
    const counted = line(1, { countedQty: 88, varianceQty: -2, lineStatus: 'withinTolerance' });
    const rows = reconcileRows({ products: [product], lines: [counted, line(2, {})] });
    expect(rows[0]).toMatchObject({ ...counted, product, bookQty: 90, varianceAmountFen: -500 });
    // Not counted: no variance, so no amount either (never zero).
    expect(rows[1]).toMatchObject({ lineId: 2, bookQty: 90, varianceAmountFen: null });
  });
});
