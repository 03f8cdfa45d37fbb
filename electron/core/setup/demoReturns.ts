// The demo's return chain (issue 13): a return at each step — reported (the
// manager approves), approved (the keeper checks), checked with a line short
// (the operator issues the note), posted with a damaged part, and one rejected —
// so each role finds work on login. Each refers to an order its customer
// really received (demoDelivered.ts), so its credit is the order line's price.
// Through the slice's own services, as the people who would have done it,
// over the last two days.
import type { ReturnReason } from '../../../shared/contract';
import type { Role } from '../../../shared/domain';
import type { ServiceContext } from '../context';
import { checkReturn, decideReturn, issueNote, reportReturn } from '../returns/chain';
import { loadDemoDelivered } from './demoDelivered';

type AsUser = (userId: number, username: string, roles: Role[], now: Date) => ServiceContext;

export async function loadDemoReturns(ctx: ServiceContext, asUser: AsUser, ids: Map<string, number>): Promise<void> {
  const salesId = ids.get('sales');
  if (salesId === undefined) return;
  const delivered = await loadDemoDelivered(ctx, asUser, ids);
  if (delivered.length < 5) return;
  const at = (hoursAgo: number) => new Date(ctx.now.getTime() - hoursAgo * 3600_000);
  const sales = (h: number) => asUser(salesId, 'sales', ['salesperson'], at(h));
  const manager = (h: number) => asUser(ids.get('manager')!, 'manager', ['csManager'], at(h));
  const keeper = (h: number) => asUser(ids.get('keeper')!, 'keeper', ['warehouseKeeper'], at(h));
  const operator = (h: number) => asUser(ids.get('operator')!, 'operator', ['operator'], at(h));
  const reasons: ReturnReason[] = ['quality', 'expired', 'transitDamage', 'surplus', 'wrongGoods'];
  const plan = ['posted', 'checked', 'approved', 'rejected', 'reported'] as const;
  for (const [i, upTo] of plan.entries()) {
    const h = 44 - i * 8;
    const order = delivered[i]!;
    const lines = order.lines.slice(0, 2).map((p, j) => ({
      productId: p.productId,
      qty: j + 1,
      per: 'case' as const,
      status: 'good' as const,
      reason: reasons[(i + j) % reasons.length]! as Exclude<ReturnReason, 'refusedAtDelivery'>,
      reasonNote: '',
    }));
    const r = await reportReturn(sales(h), {
      customerId: order.customerId,
      orderIds: [order.orderId],
      lines,
      note: '客户电话反映 Customer called',
      idempotencyKey: `demo-return-${i}`,
    });
    if (upTo === 'reported') continue;
    if (upTo === 'rejected') {
      await decideReturn(manager(h - 2), r.id, '超过退货期限 Past the return period');
      continue;
    }
    await decideReturn(manager(h - 2), r.id, null);
    if (upTo === 'approved') continue;
    // The keeper counts one case short on the second line: flagged for the operator.
    const checked = await checkReturn(keeper(h - 4), {
      returnId: r.id,
      casesChecked: 2,
      lines: r.lines.map((l, j) => ({
        productId: l.productId,
        status: l.status,
        qty: j === 1 ? l.qtyReported - l.casePack : l.qtyReported,
        reason: l.reason,
      })),
      note: '',
    });
    if (upTo === 'checked') continue;
    await issueNote(operator(h - 5), {
      returnId: r.id,
      lines: checked.lines.map((l, j) => ({
        lineNo: l.lineNo,
        qtyGood: j === 0 ? l.qtyChecked! : 0,
        qtyDamaged: j === 0 ? 0 : l.qtyChecked!,
      })),
      idempotencyKey: `demo-return-note-${i}`,
    });
  }
}
