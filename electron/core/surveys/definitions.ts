// Satisfaction surveys (issue 17 §5): the questionnaires. A draft is edited
// freely; opening it freezes its questions (every response of a survey then
// answers the same questions, so its months compare); closing it ends the
// answers. At most one open survey is asked on the follow-up calls.
import type { Survey, SurveyQuestion, SurveyRow, SurveyState } from '../../../shared/contract';
import type { z } from 'zod';
import type { surveyQuestionInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import { requireSession, type ServiceContext } from '../context';
import type { Db } from '../db/schema';

export async function listSurveys(db: Db): Promise<SurveyRow[]> {
  const rows = await db
    .selectFrom('surveys as s')
    .innerJoin('users as u', 'u.id', 's.created_by')
    .select([
      's.id',
      's.name',
      's.state',
      's.on_calls',
      's.created_at',
      's.opened_at',
      's.closed_at',
      'u.display_name as created_by',
      (eb) =>
        eb
          .selectFrom('survey_questions as q')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('q.survey_id', '=', 's.id')
          .as('question_count'),
      (eb) =>
        eb
          .selectFrom('survey_responses as r')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('r.survey_id', '=', 's.id')
          .as('responses'),
    ])
    .orderBy('s.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    state: r.state as SurveyState,
    onCalls: r.on_calls === 1,
    questionCount: Number(r.question_count ?? 0),
    responses: Number(r.responses ?? 0),
    createdBy: r.created_by,
    createdAt: r.created_at,
    openedAt: r.opened_at,
    closedAt: r.closed_at,
  }));
}

export async function surveyQuestions(db: Db, surveyId: number): Promise<SurveyQuestion[]> {
  const rows = await db
    .selectFrom('survey_questions')
    .selectAll()
    .where('survey_id', '=', surveyId)
    .orderBy('sort')
    .execute();
  return rows.map((q) => ({
    id: q.id,
    sort: q.sort,
    kind: q.kind as SurveyQuestion['kind'],
    textZh: q.text_zh,
    textEn: q.text_en,
    scaleMax: q.scale_max,
    required: q.required === 1,
  }));
}

export async function readSurvey(db: Db, surveyId: number): Promise<Survey> {
  const row = (await listSurveys(db)).find((s) => s.id === surveyId);
  if (!row) throw new AppError('surveys.unknown', { surveyId });
  return { ...row, questions: await surveyQuestions(db, surveyId) };
}

/** The open survey asked on the calls, if any. */
export async function surveyOnCalls(db: Db): Promise<Survey | null> {
  const row = await db
    .selectFrom('surveys')
    .select('id')
    .where('state', '=', 'open')
    .where('on_calls', '=', 1)
    .executeTakeFirst();
  return row ? readSurvey(db, row.id) : null;
}

async function refuseSecondOnCalls(db: Db, surveyId: number | null): Promise<void> {
  const other = await surveyOnCalls(db);
  if (other && other.id !== surveyId) throw new AppError('surveys.otherOnCalls', { name: other.name });
}

type SaveInput = {
  surveyId?: number | undefined;
  name: string;
  onCalls: boolean;
  questions: z.output<typeof surveyQuestionInput>[];
};

export async function saveSurvey(ctx: ServiceContext, input: SaveInput): Promise<Survey> {
  const me = requireSession(ctx);
  let surveyId = input.surveyId ?? null;
  let before: Survey | null = null;
  if (surveyId !== null) {
    before = await readSurvey(ctx.db, surveyId);
    if (before.state !== 'draft') throw new AppError('surveys.notDraft', { name: before.name });
    await ctx.db
      .updateTable('surveys')
      .set({ name: input.name, on_calls: input.onCalls ? 1 : 0 })
      .where('id', '=', surveyId)
      .execute();
    // A draft has no answers yet: its questions are simply replaced.
    await ctx.db.deleteFrom('survey_questions').where('survey_id', '=', surveyId).execute();
  } else {
    const row = await ctx.db
      .insertInto('surveys')
      .values({
        name: input.name,
        on_calls: input.onCalls ? 1 : 0,
        created_by: me.userId,
        created_at: ctx.now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    surveyId = row.id;
  }
  await ctx.db
    .insertInto('survey_questions')
    .values(
      input.questions.map((q, i) => ({
        survey_id: surveyId!,
        sort: (i + 1) * 10,
        kind: q.kind,
        text_zh: q.textZh,
        text_en: q.textEn,
        // A score without a scale is on the usual five points.
        scale_max: q.kind === 'score' ? (q.scaleMax ?? 5) : null,
        required: q.required ? 1 : 0,
      })),
    )
    .execute();
  const after = await readSurvey(ctx.db, surveyId);
  await recordAudit(ctx, { entity: 'survey', entityId: surveyId, before, after });
  ctx.emit('surveys.changed', { surveyId, clientId: ctx.caller.clientId });
  return after;
}

export async function setSurveyState(
  ctx: ServiceContext,
  input: { surveyId: number; state: 'open' | 'closed' },
): Promise<Survey> {
  const survey = await readSurvey(ctx.db, input.surveyId);
  const at = ctx.now.toISOString();
  if (input.state === 'open') {
    if (survey.state !== 'draft') throw new AppError('surveys.notDraft', { name: survey.name });
    if (survey.onCalls) await refuseSecondOnCalls(ctx.db, survey.id);
    await ctx.db.updateTable('surveys').set({ state: 'open', opened_at: at }).where('id', '=', survey.id).execute();
  } else {
    if (survey.state !== 'open') throw new AppError('surveys.notOpen', { name: survey.name });
    await ctx.db.updateTable('surveys').set({ state: 'closed', closed_at: at }).where('id', '=', survey.id).execute();
  }
  await recordAudit(ctx, {
    entity: 'survey',
    entityId: survey.id,
    before: { state: survey.state },
    after: { state: input.state },
  });
  ctx.emit('surveys.changed', { surveyId: survey.id, clientId: ctx.caller.clientId });
  return readSurvey(ctx.db, survey.id);
}
