// Unit costs and amounts are for the roles that value stock (issue 10): a
// salesperson or a dispatcher needs quantities, not what the goods cost. The
// replies they get carry null where a cost or an amount would be.
import type { BalanceRow, MovementRow, ProductView, ReceiptRow } from '../../../shared/contract';
import type { Role } from '../../../shared/domain';
import type { ServiceContext } from '../context';

const withoutCosts: readonly Role[] = ['salesperson', 'dispatcher'];

/** Whether the caller holds a role that sees costs (any role besides salesperson and dispatcher). */
export function seesCosts(ctx: ServiceContext): boolean {
  return ctx.caller.session?.roles.some((r) => !withoutCosts.includes(r)) ?? false;
}

/** Copies (never the cached rows themselves) with the money left out. */
export const hideCosts = {
  product: (p: ProductView): ProductView => ({ ...p, unitCostFen: null }),
  balance: (b: BalanceRow): BalanceRow => ({ ...b, unitCostFen: null, amountFen: null }),
  movement: (m: MovementRow): MovementRow => ({ ...m, amountFen: null }),
  receipt: (r: ReceiptRow): ReceiptRow => ({ ...r, totalAmountFen: null }),
};

export function costsFor<T>(ctx: ServiceContext, rows: T[], hide: (row: T) => T): T[] {
  return seesCosts(ctx) ? rows : rows.map(hide);
}
