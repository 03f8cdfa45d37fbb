// The demo's damage register (issue 13): a handful of reports in each state
// and two disposals, so the CS manager finds work waiting on login (待我审批)
// and the register shows every step. Through the slice's own services, as
// the people who would have done it, over the last two days.
import type { Role } from '../../../shared/domain';
import type { ServiceContext } from '../context';
import { approveDisposal, proposeDisposal } from '../damage/disposals';
import { approveReport, raiseReport, rejectReport } from '../damage/reports';

type AsUser = (userId: number, username: string, roles: Role[], now: Date) => ServiceContext;

export async function loadDemoDamage(ctx: ServiceContext, asUser: AsUser, ids: Map<string, number>): Promise<void> {
  await approveOldArrivals(ctx, asUser, ids);
  const stock = await ctx.db
    .selectFrom('balances as b')
    .innerJoin('locations as l', 'l.id', 'b.location_id')
    .innerJoin('products as p', 'p.id', 'b.product_id')
    .select(['b.product_id as productId', 'b.location_id as locationId', 'b.qty', 'p.case_pack as casePack'])
    .where('b.status', '=', 'good')
    .where('l.kind', '=', 'bin')
    .where('b.qty', '>=', 48)
    .orderBy('b.product_id')
    .limit(8)
    .execute();
  if (stock.length < 8) return;
  const at = (hoursAgo: number) => new Date(ctx.now.getTime() - hoursAgo * 3600_000);
  const keeper = (h: number) => asUser(ids.get('keeper')!, 'keeper', ['warehouseKeeper'], at(h));
  const keeper2 = (h: number) => asUser(ids.get('keeper2')!, 'keeper2', ['warehouseKeeper'], at(h));
  const operator = (h: number) => asUser(ids.get('operator')!, 'operator', ['operator'], at(h));
  const manager = (h: number) => asUser(ids.get('manager')!, 'manager', ['csManager'], at(h));
  const plan = [
    {
      who: keeper,
      h: 40,
      s: stock[0]!,
      cases: 1,
      where: 'bin',
      cause: 'crushed',
      suggestion: 'sellDamaged',
      then: 'approve',
    },
    {
      who: keeper2,
      h: 38,
      s: stock[1]!,
      cases: 2,
      where: 'picking',
      cause: 'tornPackaging',
      suggestion: 'repackGood',
      then: 'approve',
    },
    {
      who: operator,
      h: 30,
      s: stock[2]!,
      cases: 1,
      where: 'loading',
      cause: 'handling',
      suggestion: 'scrap',
      then: 'reject',
    },
    { who: keeper, h: 20, s: stock[3]!, cases: 1, where: 'bin', cause: 'wet', suggestion: 'scrap', then: 'approve' },
    { who: keeper, h: 6, s: stock[4]!, cases: 1, where: 'bin', cause: 'leaking', suggestion: 'scrap', then: null },
    {
      who: keeper2,
      h: 4,
      s: stock[5]!,
      cases: 2,
      where: 'count',
      cause: 'expired',
      suggestion: 'returnToSupplier',
      then: null,
    },
    {
      who: operator,
      h: 2,
      s: stock[6]!,
      cases: 1,
      where: 'transit',
      cause: 'transport',
      suggestion: 'sellDamaged',
      then: null,
    },
  ] as const;
  const approved: { id: number; productId: number; locationId: number; qty: number }[] = [];
  for (const [i, p] of plan.entries()) {
    const r = await raiseReport(p.who(p.h), {
      productId: p.s.productId,
      fromStatus: 'good',
      locationId: p.s.locationId,
      qty: p.cases * p.s.casePack,
      whereFound: p.where,
      cause: p.cause,
      causeNote: '',
      suggestion: p.suggestion,
      note: '',
      idempotencyKey: `demo-damage-${i + 1}`,
    });
    if (p.then === 'approve') {
      await approveReport(manager(p.h - 1), r.id);
      approved.push({ id: r.id, productId: r.productId, locationId: r.locationId, qty: r.qty });
    }
    if (p.then === 'reject') await rejectReport(manager(p.h - 1), r.id, '复核包装完好，可正常销售');
  }
  // The first approved report's goods were sold as damaged; the wet ones wait for the manager to scrap them.
  const sold = await proposeDisposal(keeper(30), {
    kind: 'sellDamaged',
    lines: [
      {
        productId: approved[0]!.productId,
        locationId: approved[0]!.locationId,
        qty: approved[0]!.qty,
        damageReportId: approved[0]!.id,
      },
    ],
    idempotencyKey: 'demo-disposal-1',
  });
  await approveDisposal(manager(28), sold.id);
  await proposeDisposal(keeper(10), {
    kind: 'scrap',
    note: '水湿变形，无法销售',
    lines: [
      {
        productId: approved[2]!.productId,
        locationId: approved[2]!.locationId,
        qty: approved[2]!.qty,
        damageReportId: approved[2]!.id,
      },
    ],
    idempotencyKey: 'demo-disposal-2',
  });
}

/**
 * Goods that arrived damaged over the demo's month each opened a report (R11);
 * a manager would have approved all but the last two days' long ago (their
 * approval posts nothing: the receipt put the goods in damaged stock), so
 * 待我审批 shows a day's work, not a month's backlog.
 */
async function approveOldArrivals(ctx: ServiceContext, asUser: AsUser, ids: Map<string, number>): Promise<void> {
  const before = new Date(ctx.now.getTime() - 48 * 3600_000).toISOString();
  const waiting = await ctx.db
    .selectFrom('damage_reports')
    .select(['id', 'reported_at as reportedAt'])
    .where('state', '=', 'reported')
    .where('origin_document_id', 'is not', null)
    .where('reported_at', '<', before)
    .orderBy('id')
    .execute();
  for (const w of waiting) {
    const decided = new Date(new Date(w.reportedAt).getTime() + 3 * 3600_000);
    await approveReport(asUser(ids.get('manager')!, 'manager', ['csManager'], decided), w.id);
  }
}
