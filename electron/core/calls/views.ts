// Reading calls and plans (issue 16 §4): one query shape for the plan, the
// call sheet, a single call and the customer's page.
import type { CallPlanRow, CallRow, CallRules, CallView } from '../../../shared/contract';
import type { CallOutcome, CallReason, CallState, PlanPeriod, ShareMode } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/schema';

export const callQuery = (db: Db) =>
  db
    .selectFrom('calls as c')
    .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
    .leftJoin('users as a', 'a.id', 'c.assigned_to')
    .select([
      'c.id',
      'c.plan_id',
      'c.customer_id',
      'cu.code as customer_code',
      'cu.name as customer_name',
      'cu.area',
      'cu.phone',
      'cu.contact',
      'c.reason',
      'c.source_kind',
      'c.source_id',
      'c.source_no',
      'c.prompted_date',
      'c.due_date',
      'c.next_date',
      'c.assigned_to',
      'a.display_name as assigned_name',
      'c.avoid_user_id',
      'c.state',
      'c.outcome',
      'c.attempts',
      'c.call_back_at',
      'c.done_at',
      'c.done_date',
      'c.complaint_id',
      'c.note',
      // What the customer said on the last attempt: the sheet's record column.
      (eb) =>
        eb
          .selectFrom('call_attempts as t')
          .select('t.note')
          .whereRef('t.call_id', '=', 'c.id')
          .orderBy('t.attempt_no', 'desc')
          .limit(1)
          .as('last_note'),
    ]);

type CallRecord = Awaited<ReturnType<ReturnType<typeof callQuery>['executeTakeFirstOrThrow']>>;

/** Late: done after its due date, or still open after it (3-day rule). */
export function toCallRow(r: CallRecord, today: string): CallRow {
  const late = r.done_date !== null ? r.done_date > r.due_date : today > r.due_date;
  return {
    id: r.id,
    planId: r.plan_id,
    customerId: r.customer_id,
    customerCode: r.customer_code,
    customerName: r.customer_name,
    area: r.area,
    phone: r.phone,
    contact: r.contact,
    reason: r.reason as CallReason,
    sourceKind: r.source_kind as CallRow['sourceKind'],
    sourceId: r.source_id,
    sourceNo: r.source_no,
    promptedDate: r.prompted_date,
    dueDate: r.due_date,
    nextDate: r.next_date,
    assignedTo: r.assigned_to,
    assignedName: r.assigned_name,
    avoidUserId: r.avoid_user_id,
    state: r.state as CallState,
    outcome: r.outcome as CallOutcome | null,
    attempts: r.attempts,
    callBackAt: r.call_back_at,
    doneAt: r.done_at,
    doneDate: r.done_date,
    late,
    complaintId: r.complaint_id,
    note: r.note,
    lastNote: r.last_note ?? '',
  };
}

/** Open calls first (by next try, due date), then done ones; stable by id. */
export const callOrder = (a: CallRow, b: CallRow): number =>
  Number(a.state === 'done') - Number(b.state === 'done') ||
  a.nextDate.localeCompare(b.nextDate) ||
  a.dueDate.localeCompare(b.dueDate) ||
  a.area.localeCompare(b.area) ||
  a.id - b.id;

export async function planCalls(db: Db, planId: number, today: string): Promise<CallRow[]> {
  const rows = await callQuery(db).where('c.plan_id', '=', planId).execute();
  return rows.map((r) => toCallRow(r, today)).sort(callOrder);
}

export async function readCall(db: Db, callId: number, today: string): Promise<CallView> {
  const r = await callQuery(db).where('c.id', '=', callId).executeTakeFirst();
  if (!r) throw new AppError('calls.unknown', { callId });
  const attempts = await db
    .selectFrom('call_attempts as t')
    .innerJoin('users as u', 'u.id', 't.recorded_by')
    .select(['t.attempt_no', 't.outcome', 't.note', 't.call_back_at', 'u.display_name', 't.recorded_at'])
    .where('t.call_id', '=', callId)
    .orderBy('t.attempt_no')
    .execute();
  return {
    ...toCallRow(r, today),
    attempts_: attempts.map((t) => ({
      attemptNo: t.attempt_no,
      outcome: t.outcome as CallOutcome,
      note: t.note,
      callBackAt: t.call_back_at,
      recordedBy: t.display_name,
      recordedAt: t.recorded_at,
    })),
  };
}

export async function planRows(db: Db, planId?: number): Promise<(CallPlanRow & { rules: CallRules })[]> {
  let q = db
    .selectFrom('call_plans as p')
    .innerJoin('users as u', 'u.id', 'p.built_by')
    .select((eb) => [
      'p.id',
      'p.period',
      'p.start_date',
      'p.end_date',
      'p.rules',
      'u.display_name as built_by',
      'p.built_at',
      'p.shared_at',
      'p.share_mode',
      eb
        .selectFrom('calls')
        .whereRef('calls.plan_id', '=', 'p.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('calls'),
      eb
        .selectFrom('calls')
        .whereRef('calls.plan_id', '=', 'p.id')
        .where('calls.state', '=', 'done')
        .select(eb.fn.countAll<number>().as('n'))
        .as('done'),
      eb
        .selectFrom('calls')
        .whereRef('calls.plan_id', '=', 'p.id')
        .where('calls.assigned_to', 'is', null)
        .select(eb.fn.countAll<number>().as('n'))
        .as('unassigned'),
    ])
    .orderBy('p.start_date', 'desc')
    .orderBy('p.period');
  if (planId !== undefined) q = q.where('p.id', '=', planId);
  const rows = await q.execute();
  return rows.map((p) => ({
    id: p.id,
    period: p.period as PlanPeriod,
    startDate: p.start_date,
    endDate: p.end_date,
    rules: JSON.parse(p.rules) as CallRules,
    total: Number(p.calls ?? 0),
    done: Number(p.done ?? 0),
    unassigned: Number(p.unassigned ?? 0),
    builtBy: p.built_by,
    builtAt: p.built_at,
    sharedAt: p.shared_at,
    shareMode: p.share_mode as ShareMode | null,
  }));
}
