// Recording a call 回访记录表 (issue 16 §4): only the person it is assigned to
// records it, never the person who handled the complaint it follows up; each
// attempt is a line of the record. Satisfied or issue raised ends the call
// (an issue opens a complaint linked to it); no answer keeps it for the next
// day; call back later waits for the time agreed with the customer.
import type { CallOutcome, CallView } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import { requireSession, type ServiceContext } from '../context';
import { addDays, today } from '../orders/dates';
import { followUpComplaint, openComplaintForCall } from './complaintLink';
import { emitCalls } from './plans';
import { readCall } from './views';
import { saveResponse, type AnswerInput } from '../surveys/responses';

export async function recordCall(
  ctx: ServiceContext,
  input: {
    callId: number;
    outcome: CallOutcome;
    note: string;
    callBackAt?: string | undefined;
    category?: string | undefined;
    survey?: { surveyId: number; answers: AnswerInput[] } | undefined;
  },
): Promise<CallView> {
  const me = requireSession(ctx);
  const day = today(ctx.now, ctx.timeZone);
  const call = await readCall(ctx.db, input.callId, day);
  if (call.state === 'done') throw new AppError('calls.wrongState', { callId: call.id });
  if (call.assignedTo !== me.userId) throw new AppError('calls.notYours', { assignee: call.assignedName ?? '—' });
  if (call.avoidUserId === me.userId) throw new AppError('calls.handlerMayNotCall', { user: me.displayName });
  if (input.outcome === 'callBack' && !input.callBackAt) throw new AppError('calls.callBackTimeRequired');
  if (input.outcome === 'issueRaised' && input.note.trim() === '') throw new AppError('calls.issueNoteRequired');
  const reached = input.outcome === 'satisfied' || input.outcome === 'issueRaised';
  if (input.survey && !reached) throw new AppError('surveys.notReached');

  const at = ctx.now.toISOString();
  const callBackAt = input.outcome === 'callBack' ? new Date(input.callBackAt!).toISOString() : null;
  await ctx.db
    .insertInto('call_attempts')
    .values({
      call_id: call.id,
      attempt_no: call.attempts + 1,
      outcome: input.outcome,
      note: input.note,
      call_back_at: callBackAt,
      recorded_by: me.userId,
      recorded_at: at,
      recorded_date: day,
    })
    .execute();

  const done = input.outcome === 'satisfied' || input.outcome === 'issueRaised';
  const facts = { ...call, note: input.note, category: input.category };
  const complaintId = input.outcome === 'issueRaised' ? await openComplaintForCall(ctx, facts) : call.complaintId;
  // The customer was reached about a confirmed complaint: that is the register's follow-up step.
  if (done) await followUpComplaint(ctx, facts);
  await ctx.db
    .updateTable('calls')
    .set({
      attempts: call.attempts + 1,
      outcome: input.outcome,
      state: done ? 'done' : input.outcome === 'callBack' ? 'callBack' : 'planned',
      done_at: done ? at : null,
      done_date: done ? day : null,
      call_back_at: callBackAt,
      // No answer: tried again the next day; call back: on the agreed day.
      next_date:
        input.outcome === 'noAnswer'
          ? addDays(call.nextDate > day ? call.nextDate : day, 1)
          : callBackAt
            ? today(new Date(callBackAt), ctx.timeZone)
            : call.nextDate,
      complaint_id: complaintId,
    })
    .where('id', '=', call.id)
    .execute();
  await recordAudit(ctx, {
    entity: 'call',
    entityId: call.id,
    before: { state: call.state, attempts: call.attempts },
    after: { outcome: input.outcome, note: input.note, callBackAt, complaintId },
  });
  // The customer's survey answers, on the day they were called (checked before anything of the call counts: one transaction).
  if (input.survey)
    await saveResponse(ctx, {
      surveyId: input.survey.surveyId,
      customerId: call.customerId,
      date: day,
      source: 'call',
      callId: call.id,
      answers: input.survey.answers,
    });
  emitCalls(ctx, [call.planId], [call.id], [call.customerId]);
  return readCall(ctx.db, call.id, day);
}
