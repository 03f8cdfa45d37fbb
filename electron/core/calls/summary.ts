// The follow-up summary 回访总结报告 of a period (issue 16 §4): the calls due in
// the period — how many were made, satisfied or raised an issue, how many
// went unanswered, made within the 3-day rule — by reason, by person and by
// area, with the supervisor's written conclusions.
import type { CallSummary, SummaryCount } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import { requireSession, type ServiceContext } from '../context';
import { emitCalls } from './plans';

const permille = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n * 1000) / d));

export async function callSummary(ctx: ServiceContext, input: { from: string; to: string }): Promise<CallSummary> {
  if (input.from > input.to) throw new AppError('calls.badPeriod');
  const rows = await ctx.db
    .selectFrom('calls as c')
    .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
    .leftJoin('users as u', 'u.id', 'c.assigned_to')
    .select(['c.reason', 'c.state', 'c.outcome', 'c.due_date', 'c.done_date', 'cu.area', 'u.display_name'])
    .where('c.due_date', '>=', input.from)
    .where('c.due_date', '<=', input.to)
    .execute();
  const noAnswer = await ctx.db
    .selectFrom('call_attempts as t')
    .innerJoin('calls as c', 'c.id', 't.call_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('t.outcome', '=', 'noAnswer')
    .where('c.due_date', '>=', input.from)
    .where('c.due_date', '<=', input.to)
    .executeTakeFirstOrThrow();
  const group = (key: (r: (typeof rows)[number]) => string): SummaryCount[] => {
    const m = new Map<string, SummaryCount>();
    for (const r of rows) {
      const k = key(r);
      const g = m.get(k) ?? { key: k, calls: 0, done: 0, satisfied: 0, issueRaised: 0 };
      g.calls += 1;
      if (r.state === 'done') g.done += 1;
      if (r.outcome === 'satisfied') g.satisfied += 1;
      if (r.outcome === 'issueRaised') g.issueRaised += 1;
      m.set(k, g);
    }
    return [...m.values()].sort((a, b) => b.calls - a.calls || a.key.localeCompare(b.key));
  };
  const done = rows.filter((r) => r.state === 'done');
  const satisfied = rows.filter((r) => r.outcome === 'satisfied').length;
  const issueRaised = rows.filter((r) => r.outcome === 'issueRaised').length;
  const onTime = done.filter((r) => r.done_date! <= r.due_date).length;
  const note = await ctx.db
    .selectFrom('call_summaries as s')
    .innerJoin('users as u', 'u.id', 's.saved_by')
    .select(['s.note', 'u.display_name', 's.saved_at'])
    .where('s.start_date', '=', input.from)
    .where('s.end_date', '=', input.to)
    .executeTakeFirst();
  return {
    from: input.from,
    to: input.to,
    planned: rows.length,
    done: done.length,
    satisfied,
    issueRaised,
    noAnswerAttempts: Number(noAnswer.n),
    waitingCallBack: rows.filter((r) => r.state === 'callBack').length,
    open: rows.length - done.length,
    doneOnTime: onTime,
    satisfactionPermille: permille(satisfied, satisfied + issueRaised),
    onTimePermille: permille(onTime, done.length),
    byReason: group((r) => r.reason),
    byStaff: group((r) => r.display_name ?? ''),
    byArea: group((r) => r.area),
    note: note?.note ?? '',
    noteBy: note?.display_name ?? null,
    noteAt: note?.saved_at ?? null,
  };
}

export async function saveSummaryNote(
  ctx: ServiceContext,
  input: { from: string; to: string; note: string },
): Promise<CallSummary> {
  const me = requireSession(ctx);
  if (input.from > input.to) throw new AppError('calls.badPeriod');
  await ctx.db
    .insertInto('call_summaries')
    .values({
      start_date: input.from,
      end_date: input.to,
      note: input.note,
      saved_by: me.userId,
      saved_at: ctx.now.toISOString(),
    })
    .onConflict((oc) =>
      oc
        .columns(['start_date', 'end_date'])
        .doUpdateSet({ note: input.note, saved_by: me.userId, saved_at: ctx.now.toISOString() }),
    )
    .execute();
  await recordAudit(ctx, {
    entity: 'callSummary',
    entityId: `${input.from}..${input.to}`,
    after: { note: input.note },
  });
  emitCalls(ctx, [], [], []);
  return callSummary(ctx, input);
}
