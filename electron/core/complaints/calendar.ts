// The working calendar and the deadline rules (issue 16 §2), kept by the CS
// manager: rules in `settings`, overridden days in `working_calendar`.
// A change recomputes the deadlines of the complaints still running against them.
import type { ComplaintCalendar, ComplaintRules } from '../../../shared/contract';
import { recordAudit } from '../audit/audit';
import { requireSession, type ServiceContext } from '../context';
import type { Db } from '../db/schema';
import { defaultRules, resolveDueAt, responseDueAt, type CalendarOverrides } from './deadlines';

const ruleKeys = { responseHours: 'complaints.responseHours', resolveWorkingDays: 'complaints.resolveWorkingDays' };

export async function loadRules(db: Db): Promise<ComplaintRules> {
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', Object.values(ruleKeys))
    .execute();
  const get = (k: string, d: number) => {
    const v = Number(rows.find((r) => r.key === k)?.value);
    return Number.isInteger(v) && v > 0 ? v : d;
  };
  return {
    responseHours: get(ruleKeys.responseHours, defaultRules.responseHours),
    resolveWorkingDays: get(ruleKeys.resolveWorkingDays, defaultRules.resolveWorkingDays),
  };
}

export async function loadOverrides(db: Db): Promise<CalendarOverrides> {
  const rows = await db.selectFrom('working_calendar').select(['date', 'kind']).execute();
  return new Map(rows.map((r) => [r.date, r.kind as 'holiday' | 'workday']));
}

export async function readCalendar(db: Db, year: number): Promise<ComplaintCalendar> {
  const days = await db
    .selectFrom('working_calendar')
    .select(['date', 'kind', 'note'])
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .orderBy('date')
    .execute();
  return {
    ...(await loadRules(db)),
    days: days.map((d) => ({ date: d.date, kind: d.kind as 'holiday' | 'workday', note: d.note })),
  };
}

/** Deadlines of complaints not yet past them follow the calendar and the rules as they are now. */
async function recomputeOpen(ctx: ServiceContext): Promise<number[]> {
  const rules = await loadRules(ctx.db);
  const overrides = await loadOverrides(ctx.db);
  const open = await ctx.db
    .selectFrom('complaints')
    .select(['id', 'received_at', 'judged_at', 'resolved_at', 'response_due_at', 'resolve_due_at'])
    .where((eb) => eb.or([eb('judged_at', 'is', null), eb('resolved_at', 'is', null)]))
    .where('state', '<>', 'closed')
    .execute();
  const changed: number[] = [];
  for (const c of open) {
    const at = new Date(c.received_at);
    const response = c.judged_at === null ? responseDueAt(at, rules).toISOString() : c.response_due_at;
    const resolve = resolveDueAt(at, rules, ctx.timeZone, overrides).toISOString();
    if (response !== c.response_due_at || resolve !== c.resolve_due_at) {
      await ctx.db
        .updateTable('complaints')
        .set({ response_due_at: response, resolve_due_at: resolve })
        .where('id', '=', c.id)
        .execute();
      changed.push(c.id);
    }
  }
  return changed;
}

export async function setCalendarDay(
  ctx: ServiceContext,
  input: { date: string; kind: 'holiday' | 'workday' | 'normal'; note: string },
): Promise<ComplaintCalendar> {
  const session = requireSession(ctx);
  const before = await ctx.db
    .selectFrom('working_calendar')
    .selectAll()
    .where('date', '=', input.date)
    .executeTakeFirst();
  if (input.kind === 'normal') {
    await ctx.db.deleteFrom('working_calendar').where('date', '=', input.date).execute();
  } else {
    await ctx.db
      .insertInto('working_calendar')
      .values({
        date: input.date,
        kind: input.kind,
        note: input.note,
        updated_by: session.userId,
        updated_at: ctx.now.toISOString(),
      })
      .onConflict((oc) =>
        oc.column('date').doUpdateSet({
          kind: input.kind,
          note: input.note,
          updated_by: session.userId,
          updated_at: ctx.now.toISOString(),
        }),
      )
      .execute();
  }
  await recordAudit(ctx, {
    entity: 'workingCalendar',
    entityId: input.date,
    before: before ? { kind: before.kind, note: before.note } : undefined,
    after: { kind: input.kind, note: input.note },
  });
  const changed = await recomputeOpen(ctx);
  ctx.emit('complaints.changed', { complaintIds: changed, clientId: ctx.caller.clientId });
  return readCalendar(ctx.db, Number(input.date.slice(0, 4)));
}

export async function setRules(ctx: ServiceContext, rules: ComplaintRules): Promise<ComplaintCalendar> {
  const before = await loadRules(ctx.db);
  for (const [k, key] of Object.entries(ruleKeys) as [keyof ComplaintRules, string][]) {
    await ctx.db
      .insertInto('settings')
      .values({ key, value: String(rules[k]) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(rules[k]) }))
      .execute();
  }
  await recordAudit(ctx, { entity: 'complaintRules', entityId: 'rules', before, after: rules });
  const changed = await recomputeOpen(ctx);
  ctx.emit('complaints.changed', { complaintIds: changed, clientId: ctx.caller.clientId });
  return readCalendar(ctx.db, Number(ctx.now.toISOString().slice(0, 4)));
}
