// The complaint's steps (issue 16 §1, source 六.1 投诉处理流程), each from the
// state before it only and by its roles (the contract's access lists):
// judge 投诉判断 (an invalid one answered politely and closed), investigate
// 展开调查, propose 提出处理方案 (several), approve 主管领导批示 (the
// supervisor only), resolve 实施处理方案, confirm (the customer accepts),
// follow up 回访 (never by who resolved it), close. Every step records who
// and when, writes the audit log and tells every window; a refusal writes
// nothing.
import type { ComplaintDepartment, ComplaintState, ComplaintView } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import { requireSession, type ServiceContext } from '../context';
import type { DB } from '../db/schema';
import type { Updateable } from 'kysely';
import { readComplaint } from './views';

async function inState(ctx: ServiceContext, complaintId: number, from: readonly ComplaintState[]) {
  const c = await ctx.db.selectFrom('complaints').selectAll().where('id', '=', complaintId).executeTakeFirst();
  if (!c) throw new AppError('complaints.unknown', { complaintId });
  if (!from.includes(c.state as ComplaintState))
    throw new AppError('complaints.wrongState', { number: c.number, state: c.state });
  return c;
}

async function step(
  ctx: ServiceContext,
  c: { id: number; number: string; state: string },
  to: ComplaintState,
  set: Record<string, unknown>,
  audit: Record<string, unknown>,
): Promise<ComplaintView> {
  await ctx.db
    .updateTable('complaints')
    .set({ ...set, state: to } as Updateable<DB['complaints']>)
    .where('id', '=', c.id)
    .execute();
  await recordAudit(ctx, {
    entity: 'complaint',
    entityId: c.number,
    before: { state: c.state },
    after: { state: to, ...audit },
  });
  ctx.emit('complaints.changed', { complaintIds: [c.id], clientId: ctx.caller.clientId });
  return readComplaint(ctx, c.id);
}

const who = (ctx: ServiceContext) => ({ by: requireSession(ctx).userId, at: ctx.now.toISOString() });

export async function judge(ctx: ServiceContext, i: { complaintId: number; valid: boolean; reply: string }) {
  const c = await inState(ctx, i.complaintId, ['received']);
  const { by, at } = who(ctx);
  if (!i.valid && i.reply.trim() === '') throw new AppError('complaints.replyRequired');
  const base = { valid: i.valid ? 1 : 0, reply: i.reply, judged_by: by, judged_at: at };
  if (i.valid) return step(ctx, c, 'judged', base, { valid: true, reply: i.reply });
  // An invalid complaint is answered politely and closed with that answer.
  return step(
    ctx,
    c,
    'closed',
    { ...base, closed_by: by, closed_at: at, close_note: i.reply },
    { valid: false, reply: i.reply },
  );
}

export async function investigate(
  ctx: ServiceContext,
  i: { complaintId: number; department: ComplaintDepartment; responsiblePerson: string; cause: string },
) {
  const c = await inState(ctx, i.complaintId, ['judged']);
  const { by, at } = who(ctx);
  return step(
    ctx,
    c,
    'investigating',
    {
      department: i.department,
      responsible_person: i.responsiblePerson,
      cause: i.cause,
      investigated_by: by,
      investigated_at: at,
    },
    { department: i.department, responsiblePerson: i.responsiblePerson, cause: i.cause },
  );
}

export async function propose(ctx: ServiceContext, i: { complaintId: number; text: string }) {
  const c = await inState(ctx, i.complaintId, ['investigating', 'proposed']);
  const { by, at } = who(ctx);
  const s = await ctx.db
    .insertInto('complaint_solutions')
    .values({ complaint_id: c.id, text: i.text, proposed_by: by, proposed_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return step(ctx, c, 'proposed', {}, { solutionId: s.id, solution: i.text });
}

export async function approve(ctx: ServiceContext, i: { complaintId: number; solutionId: number; note: string }) {
  const c = await inState(ctx, i.complaintId, ['proposed']);
  const s = await ctx.db
    .selectFrom('complaint_solutions')
    .select('id')
    .where('id', '=', i.solutionId)
    .where('complaint_id', '=', c.id)
    .executeTakeFirst();
  if (!s) throw new AppError('complaints.unknownSolution', { number: c.number });
  const { by, at } = who(ctx);
  return step(
    ctx,
    c,
    'approved',
    { approved_solution_id: s.id, approval_note: i.note, approved_by: by, approved_at: at },
    { solutionId: s.id, note: i.note },
  );
}

export async function resolve(ctx: ServiceContext, i: { complaintId: number; result: string }) {
  const c = await inState(ctx, i.complaintId, ['approved']);
  const { by, at } = who(ctx);
  return step(ctx, c, 'resolved', { result: i.result, resolved_by: by, resolved_at: at }, { result: i.result });
}

export async function confirm(ctx: ServiceContext, i: { complaintId: number; note: string }) {
  const c = await inState(ctx, i.complaintId, ['resolved']);
  const { by, at } = who(ctx);
  return step(ctx, c, 'confirmed', { confirm_note: i.note, confirmed_by: by, confirmed_at: at }, { note: i.note });
}

export async function followUp(ctx: ServiceContext, i: { complaintId: number; note: string }) {
  const c = await inState(ctx, i.complaintId, ['confirmed']);
  const { by, at } = who(ctx);
  // 处理后有回访: the follow-up checks the handling, so not by the one who handled it.
  if (c.resolved_by === by) throw new AppError('complaints.ownResolution', { number: c.number });
  return step(
    ctx,
    c,
    'followedUp',
    { follow_up_note: i.note, followed_up_by: by, followed_up_at: at },
    { note: i.note },
  );
}

export async function close(ctx: ServiceContext, i: { complaintId: number; note: string }) {
  const c = await inState(ctx, i.complaintId, ['followedUp']);
  const { by, at } = who(ctx);
  return step(ctx, c, 'closed', { close_note: i.note, closed_by: by, closed_at: at }, { note: i.note });
}
