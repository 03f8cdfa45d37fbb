// Sharing a plan out 分配到各客服专员 (issue 16 §4): every open call that nobody
// has tried yet goes to a CS person — evenly (each next call to the least
// loaded), or by area (each customer area whole to the least loaded person,
// largest areas first, so one person knows the area's customers) — and never
// to the person who handled the complaint the call follows up.
import type { CallPlanView, CallRow, ShareMode } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import { requireSession, type ServiceContext } from '../context';
import { today } from '../orders/dates';
import { emitCalls, planView } from './plans';
import { callMaker, listStaff } from './staff';
import { callQuery, toCallRow } from './views';

type Open = { id: number; customerId: number; area: string; avoid: number | null; assignedTo: number | null };

/** The pure share-out: call id → person. `load` starts with each person's calls already tried or done. */
export function shareOut(
  calls: Open[],
  staff: number[],
  mode: ShareMode,
  load: Map<number, number>,
): Map<number, number> {
  const out = new Map<number, number>();
  const least = (avoid: number | null): number => {
    let best: number | null = null;
    for (const s of staff) {
      if (s === avoid) continue;
      if (best === null || (load.get(s) ?? 0) < (load.get(best) ?? 0)) best = s;
    }
    // Only the handler is staff: nobody else may make the call, it stays unassigned (-1).
    return best ?? -1;
  };
  const give = (c: Open, s: number) => {
    if (s < 0) return;
    out.set(c.id, s);
    load.set(s, (load.get(s) ?? 0) + 1);
  };
  if (mode === 'even') {
    // Calls with someone to avoid first, so the others can even out around them.
    const ordered = [...calls].sort((a, b) => Number(b.avoid !== null) - Number(a.avoid !== null) || a.id - b.id);
    for (const c of ordered) give(c, least(c.avoid));
    return out;
  }
  const areas = new Map<string, Open[]>();
  for (const c of calls) areas.set(c.area, [...(areas.get(c.area) ?? []), c]);
  const bySize = [...areas].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  for (const [, list] of bySize) {
    const s = least(null);
    for (const c of list) give(c, c.avoid === s ? least(c.avoid) : s);
  }
  return out;
}

export async function sharePlan(
  ctx: ServiceContext,
  input: { planId: number; mode: ShareMode; staffIds?: number[] | undefined },
): Promise<CallPlanView> {
  const me = requireSession(ctx);
  const plan = await ctx.db.selectFrom('call_plans').select('id').where('id', '=', input.planId).executeTakeFirst();
  if (!plan) throw new AppError('calls.unknownPlan', { planId: input.planId });
  const allStaff = await listStaff(ctx.db);
  let staff = allStaff.map((s) => s.id);
  if (input.staffIds) {
    for (const id of input.staffIds) {
      if (!staff.includes(id)) {
        const u = await ctx.db.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirst();
        throw new AppError('calls.notStaff', { user: u?.display_name ?? `#${id}` });
      }
    }
    staff = [...new Set(input.staffIds)];
  }
  if (staff.length === 0) throw new AppError('calls.noStaff');

  const rows = await ctx.db
    .selectFrom('calls as c')
    .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
    .select(['c.id', 'c.customer_id', 'cu.area', 'c.avoid_user_id', 'c.assigned_to', 'c.attempts', 'c.state'])
    .where('c.plan_id', '=', plan.id)
    .execute();
  // A call already tried keeps its person; the rest are shared out again.
  const kept = rows.filter((r) => r.state === 'done' || r.attempts > 0);
  const open = rows.filter((r) => r.state !== 'done' && r.attempts === 0);
  if (open.length === 0) throw new AppError('calls.notPlanned');
  const load = new Map<number, number>(staff.map((s) => [s, 0]));
  for (const r of kept)
    if (r.assigned_to !== null && load.has(r.assigned_to)) load.set(r.assigned_to, load.get(r.assigned_to)! + 1);
  const given = shareOut(
    open.map((r) => ({
      id: r.id,
      customerId: r.customer_id,
      area: r.area,
      avoid: r.avoid_user_id,
      assignedTo: r.assigned_to,
    })),
    staff,
    input.mode,
    load,
  );
  for (const r of open) {
    const to = given.get(r.id) ?? null;
    if (to !== r.assigned_to)
      await ctx.db.updateTable('calls').set({ assigned_to: to }).where('id', '=', r.id).execute();
  }
  await ctx.db
    .updateTable('call_plans')
    .set({ shared_by: me.userId, shared_at: ctx.now.toISOString(), share_mode: input.mode })
    .where('id', '=', plan.id)
    .execute();
  await recordAudit(ctx, {
    entity: 'callPlan',
    entityId: plan.id,
    after: { sharedOut: input.mode, staff, calls: given.size },
  });
  emitCalls(
    ctx,
    [plan.id],
    open.map((r) => r.id),
    [],
  );
  return planView(ctx, plan.id);
}

export async function assignCalls(
  ctx: ServiceContext,
  input: { callIds: number[]; userId: number },
): Promise<CallRow[]> {
  const person = await callMaker(ctx.db, input.userId);
  if (!person) {
    const u = await ctx.db.selectFrom('users').select('display_name').where('id', '=', input.userId).executeTakeFirst();
    throw new AppError('calls.notStaff', { user: u?.display_name ?? `#${input.userId}` });
  }
  const ids = [...new Set(input.callIds)];
  const rows = await ctx.db
    .selectFrom('calls')
    .select(['id', 'plan_id', 'customer_id', 'state', 'avoid_user_id', 'assigned_to'])
    .where('id', 'in', ids)
    .execute();
  if (rows.length !== ids.length) {
    const found = new Set(rows.map((r) => r.id));
    throw new AppError('calls.unknown', { callId: ids.find((i) => !found.has(i)) });
  }
  for (const r of rows) {
    if (r.state === 'done') throw new AppError('calls.wrongState', { callId: r.id });
    if (r.avoid_user_id === person.id) throw new AppError('calls.handlerMayNotCall', { user: person.name });
  }
  await ctx.db.updateTable('calls').set({ assigned_to: person.id }).where('id', 'in', ids).execute();
  for (const r of rows)
    await recordAudit(ctx, {
      entity: 'call',
      entityId: r.id,
      before: { assignedTo: r.assigned_to },
      after: { assignedTo: person.id },
    });
  emitCalls(
    ctx,
    [...new Set(rows.map((r) => r.plan_id))],
    ids,
    rows.map((r) => r.customer_id),
  );
  const day = today(ctx.now, ctx.timeZone);
  return (await callQuery(ctx.db).where('c.id', 'in', ids).orderBy('c.id').execute()).map((r) => toCallRow(r, day));
}
