// The reconciliation grid's rows, from the reply: the core sends each product
// once and leaves out the figures that follow from others, so a 20,000-line
// count crosses the wire in half the bytes; each row gets them back here.
import type { ReconcileLine, ReconcileLines, ReconcileProduct } from '../../../shared/contract/counts';

export type ReconcileRow = ReconcileLine & {
  product: ReconcileProduct;
  /** snapshot + movements since: what the book said when the line was counted. */
  bookQty: number;
  varianceAmountFen: number | null;
};

export function reconcileRows({ products, lines }: ReconcileLines): ReconcileRow[] {
  const byId = new Map(products.map((p) => [p.id, p]));
  return lines.map((line) => {
    const product = byId.get(line.productId)!;
    return {
      ...line,
      product,
      bookQty: line.snapshotQty + line.movementsSince,
      varianceAmountFen: line.varianceQty === null ? null : line.varianceQty * product.unitCostFen,
    };
  });
}
