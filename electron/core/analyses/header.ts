// The prepared/submitted state of a month's analysis (migration 19): who saved
// it, who submitted it to the manager and when, its note. Submitted is final.
import type { AnalysisHeader, AnalysisKind, AnalysisState } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import type { Db } from '../db/schema';
import { monthRange } from './month';

export async function readHeader(db: Db, kind: AnalysisKind, month: string): Promise<AnalysisHeader> {
  const row = await db
    .selectFrom('analysis_reports as a')
    .innerJoin('users as s', 's.id', 'a.saved_by')
    .leftJoin('users as u', 'u.id', 'a.submitted_by')
    .select([
      'a.state',
      'a.note',
      'a.saved_at',
      'a.submitted_at',
      's.display_name as savedBy',
      'u.display_name as submittedBy',
    ])
    .where('a.kind', '=', kind)
    .where('a.month', '=', month)
    .executeTakeFirst();
  return {
    month,
    ...monthRange(month),
    state: (row?.state as AnalysisState | undefined) ?? 'new',
    note: row?.note ?? '',
    savedBy: row?.savedBy ?? null,
    savedAt: row?.saved_at ?? null,
    submittedBy: row?.submittedBy ?? null,
    submittedAt: row?.submitted_at ?? null,
  };
}

/**
 * Saves (draft) or submits the month's analysis with its note. Refused once
 * submitted: the manager has it. Returns the state before, for the caller's audit.
 */
export async function writeHeader(
  ctx: ServiceContext,
  kind: AnalysisKind,
  month: string,
  note: string,
  submit: boolean,
): Promise<void> {
  const userId = ctx.caller.session?.userId;
  if (userId === undefined) throw new AppError('auth.required');
  const before = await ctx.db
    .selectFrom('analysis_reports')
    .select(['state', 'note'])
    .where('kind', '=', kind)
    .where('month', '=', month)
    .executeTakeFirst();
  if (before?.state === 'submitted') throw new AppError('analyses.submitted', { kind, month });
  const at = ctx.now.toISOString();
  const state: AnalysisState = submit ? 'submitted' : 'draft';
  const values = {
    state,
    note,
    saved_by: userId,
    saved_at: at,
    submitted_by: submit ? userId : null,
    submitted_at: submit ? at : null,
  };
  await ctx.db
    .insertInto('analysis_reports')
    .values({ kind, month, ...values })
    .onConflict((oc) => oc.columns(['kind', 'month']).doUpdateSet(values))
    .execute();
  await recordAudit(ctx, {
    entity: kind === 'damage' ? 'damageAnalysis' : 'returnAnalysis',
    entityId: month,
    before: before ?? undefined,
    after: { state, note },
  });
}
