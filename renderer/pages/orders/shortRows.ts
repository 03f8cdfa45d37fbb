// The daily confirmation list as grid rows: one row per short line, carrying
// its order (number, customer, salesperson, whether stock now covers it).
import type { OrderRow, ShortLine, ShortOrder } from '../../../shared/contract/orders';

export type ShortRow = ShortLine & { order: OrderRow; releasable: boolean };

export function shortRows(list: ShortOrder[]): ShortRow[] {
  return list.flatMap((s) => s.lines.map((l) => ({ ...l, order: s.order, releasable: s.releasable })));
}
