// The demo's complaints (issue 16): one at each step of the register — a
// fresh one, one whose first response is overdue, one judged not valid and
// closed, one investigating, one waiting for the supervisor's approval, one
// resolved (waiting for the customer's confirmation) and one closed after its
// follow-up — so the operator, the supervisor and the CS manager each find
// work, and the month's statistics have figures. Through the slice's own
// services, as the people who would have done it, over the last days.
import type { Role } from '../../../shared/domain';
import type { ServiceContext } from '../context';
import { openComplaint } from '../complaints/register';
import { approve, close, confirm, followUp, investigate, judge, propose, resolve } from '../complaints/steps';

type AsUser = (userId: number, username: string, roles: Role[], now: Date) => ServiceContext;

type Plan = {
  hoursAgo: number;
  category: string;
  content: string;
  upTo: 'received' | 'invalid' | 'investigating' | 'proposed' | 'resolved' | 'closed';
  withOrder?: boolean;
};

const plans: Plan[] = [
  { hoursAgo: 1, category: 'deliveryLate', content: '今天的货下午才到，耽误上架。', upTo: 'received', withOrder: true },
  { hoursAgo: 30, category: 'serviceAttitude', content: '送货司机态度不好，卸货时催促。', upTo: 'received' },
  { hoursAgo: 50, category: 'priceBilling', content: '对账单金额与订单不符。', upTo: 'invalid' },
  {
    hoursAgo: 26,
    category: 'goodsDamaged',
    content: '两箱牛奶外箱压坏，有渗漏。',
    upTo: 'investigating',
    withOrder: true,
  },
  { hoursAgo: 20, category: 'shortDelivery', content: '订单少送一箱矿泉水。', upTo: 'proposed', withOrder: true },
  { hoursAgo: 70, category: 'wrongGoods', content: '生抽送成了老抽。', upTo: 'resolved' },
  { hoursAgo: 120, category: 'productQuality', content: '饮料临近保质期。', upTo: 'closed' },
];

export async function loadDemoComplaints(ctx: ServiceContext, asUser: AsUser, ids: Map<string, number>): Promise<void> {
  const need = ['operator', 'supervisor', 'manager', 'sales'].map((u) => ids.get(u));
  if (need.some((x) => x === undefined)) return;
  const [opId, supId, mgrId, salesId] = need as number[];
  const customers = await ctx.db
    .selectFrom('customers')
    .select('id')
    .orderBy('code')
    .offset(10)
    .limit(plans.length)
    .execute();
  if (customers.length < plans.length) return;
  const at = (h: number) => new Date(ctx.now.getTime() - h * 3600_000);
  const op = (h: number) => asUser(opId!, 'operator', ['operator'], at(h));
  const sup = (h: number) => asUser(supId!, 'supervisor', ['supervisor', 'operator'], at(h));
  const mgr = (h: number) => asUser(mgrId!, 'manager', ['csManager'], at(h));
  const sales = (h: number) => asUser(salesId!, 'sales', ['salesperson'], at(h));
  for (const [i, p] of plans.entries()) {
    const h = p.hoursAgo;
    const customerId = customers[i]!.id;
    const order = p.withOrder
      ? await ctx.db.selectFrom('orders').select('id').where('customer_id', '=', customerId).executeTakeFirst()
      : undefined;
    const { id } = await openComplaint(i % 2 ? sales(h) : op(h), {
      customerId,
      channel: i % 3 === 2 ? 'visit' : 'phone',
      content: p.content,
      category: p.category,
      severity: i === 3 ? 'high' : 'normal',
      ...(order && { orderId: order.id }),
      idempotencyKey: `demo-complaint-${i}`,
    });
    if (p.upTo === 'received') continue;
    if (p.upTo === 'invalid') {
      await judge(op(h - 3), { complaintId: id, valid: false, reply: '经核对账单无误，已向客户逐项说明。' });
      continue;
    }
    await judge(op(h - 2), { complaintId: id, valid: true, reply: '已受理，正在调查。' });
    await investigate(op(h - 4), {
      complaintId: id,
      department: p.category === 'goodsDamaged' ? 'delivery' : 'warehouse',
      responsiblePerson: '当班仓管',
      cause: '装车前未复核',
    });
    if (p.upTo === 'investigating') continue;
    await propose(op(h - 5), { complaintId: id, text: '补发并致歉' });
    const s = await propose(op(h - 5), { complaintId: id, text: '下一单折让 5%' });
    if (p.upTo === 'proposed') continue;
    await approve(sup(h - 8), { complaintId: id, solutionId: s.solutions[0]!.id, note: '同意补发' });
    await resolve(op(h - 20), { complaintId: id, result: '已补发，客户收到。' });
    if (p.upTo === 'resolved') continue;
    await confirm(sales(h - 24), { complaintId: id, note: '客户签字确认' });
    await followUp(mgr(h - 48), { complaintId: id, note: '回访：客户满意。' });
    await close(mgr(h - 50), { complaintId: id, note: '' });
  }
}
