// Satisfaction surveys (issue 17 §5): a customer's answers, entered from a
// paper form or given on a follow-up call. Every answer is checked against
// its question (a score within 1..its scale, a required question answered)
// before anything is written; the response and its answers go in one
// transaction with the request (and with the call's record, on a call).
import type { SurveyAnswer, SurveyQuestion, SurveyResponseRow, SurveySource } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import { requireSession, type ServiceContext } from '../context';
import type { Db } from '../db/schema';
import { today } from '../orders/dates';
import { readSurvey } from './definitions';
import { responseIndex } from './scores';

export type AnswerInput = { questionId: number; score?: number | undefined; text?: string | undefined };

/** The answers as stored, one per question of the survey, or a typed refusal. */
export function checkAnswers(questions: SurveyQuestion[], given: AnswerInput[]): SurveyAnswer[] {
  const byId = new Map(given.map((a) => [a.questionId, a]));
  for (const a of given)
    if (!questions.some((q) => q.id === a.questionId))
      throw new AppError('surveys.unknownQuestion', { questionId: a.questionId });
  const answers: SurveyAnswer[] = [];
  for (const q of questions) {
    const a = byId.get(q.id);
    const text = a?.text?.trim() ?? '';
    if (q.kind === 'text') {
      if (a?.score !== undefined) throw new AppError('surveys.scoreOnText', { question: q.textZh });
      if (q.required && text === '') throw new AppError('surveys.answerMissing', { question: q.textZh });
      if (text !== '') answers.push({ questionId: q.id, score: null, text });
      continue;
    }
    if (a?.score === undefined) {
      if (q.required) throw new AppError('surveys.answerMissing', { question: q.textZh });
      if (text !== '') answers.push({ questionId: q.id, score: null, text });
      continue;
    }
    if (!Number.isInteger(a.score) || a.score < 1 || a.score > q.scaleMax!)
      throw new AppError('surveys.outOfScale', { question: q.textZh, max: q.scaleMax, score: a.score });
    answers.push({ questionId: q.id, score: a.score, text });
  }
  return answers;
}

type ResponseInput = {
  surveyId: number;
  customerId: number;
  date: string;
  source: SurveySource;
  callId: number | null;
  answers: AnswerInput[];
};

/** Writes a response: the survey must be open, the day not in the future. */
export async function saveResponse(ctx: ServiceContext, input: ResponseInput): Promise<number> {
  const me = requireSession(ctx);
  const survey = await readSurvey(ctx.db, input.surveyId);
  if (survey.state !== 'open') throw new AppError('surveys.notOpen', { name: survey.name });
  const day = today(ctx.now, ctx.timeZone);
  if (input.date > day) throw new AppError('surveys.futureDate', { date: input.date });
  const customer = await ctx.db
    .selectFrom('customers')
    .select('id')
    .where('id', '=', input.customerId)
    .executeTakeFirst();
  if (!customer) throw new AppError('calls.unknownCustomer', { customerId: input.customerId });
  if (input.callId !== null) {
    const taken = await ctx.db
      .selectFrom('survey_responses')
      .select('id')
      .where('survey_id', '=', survey.id)
      .where('call_id', '=', input.callId)
      .executeTakeFirst();
    if (taken) throw new AppError('surveys.callTaken');
  }
  const answers = checkAnswers(survey.questions, input.answers);
  const row = await ctx.db
    .insertInto('survey_responses')
    .values({
      survey_id: survey.id,
      customer_id: input.customerId,
      source: input.source,
      call_id: input.callId,
      response_date: input.date,
      entered_by: me.userId,
      entered_at: ctx.now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (answers.length > 0)
    await ctx.db
      .insertInto('survey_answers')
      .values(answers.map((a) => ({ response_id: row.id, question_id: a.questionId, score: a.score, text: a.text })))
      .execute();
  await recordAudit(ctx, {
    entity: 'surveyResponse',
    entityId: row.id,
    after: { surveyId: survey.id, customerId: input.customerId, source: input.source, callId: input.callId, answers },
  });
  ctx.emit('surveys.changed', { surveyId: survey.id, clientId: ctx.caller.clientId });
  return row.id;
}

/** A paper form's answers (surveys.answer). */
export async function answerSurvey(
  ctx: ServiceContext,
  input: { surveyId: number; customerId: number; date: string; answers: AnswerInput[] },
): Promise<SurveyResponseRow> {
  const id = await saveResponse(ctx, { ...input, source: 'paper', callId: null });
  const [row] = await readResponses(ctx.db, { surveyId: input.surveyId, responseId: id });
  return row!;
}

/** Responses of a survey, newest first: of a range, or one by its id. */
export async function readResponses(
  db: Db,
  f: { surveyId: number; from?: string; to?: string; responseId?: number },
): Promise<SurveyResponseRow[]> {
  let q = db
    .selectFrom('survey_responses as r')
    .innerJoin('customers as c', 'c.id', 'r.customer_id')
    .leftJoin('users as sp', 'sp.id', 'c.salesperson_id')
    .innerJoin('users as e', 'e.id', 'r.entered_by')
    .select([
      'r.id',
      'r.survey_id',
      'r.customer_id',
      'c.code as customer_code',
      'c.name as customer_name',
      'c.area',
      'sp.display_name as salesperson',
      'r.source',
      'r.call_id',
      'r.response_date',
      'e.display_name as entered_by',
      'r.entered_at',
    ])
    .where('r.survey_id', '=', f.surveyId);
  if (f.responseId !== undefined) q = q.where('r.id', '=', f.responseId);
  if (f.from !== undefined) q = q.where('r.response_date', '>=', f.from);
  if (f.to !== undefined) q = q.where('r.response_date', '<=', f.to);
  const rows = await q.orderBy('r.response_date', 'desc').orderBy('r.id', 'desc').execute();
  if (rows.length === 0) return [];
  const questions = new Map((await readSurvey(db, f.surveyId)).questions.map((q) => [q.id, q]));
  const answers = new Map<number, SurveyAnswer[]>();
  // One query for the answers of the whole range (joined by the same filter, not an IN list of ids).
  let aq = db
    .selectFrom('survey_answers as a')
    .innerJoin('survey_responses as r', 'r.id', 'a.response_id')
    .select(['a.response_id', 'a.question_id', 'a.score', 'a.text'])
    .where('r.survey_id', '=', f.surveyId);
  if (f.responseId !== undefined) aq = aq.where('r.id', '=', f.responseId);
  if (f.from !== undefined) aq = aq.where('r.response_date', '>=', f.from);
  if (f.to !== undefined) aq = aq.where('r.response_date', '<=', f.to);
  for (const a of await aq.execute()) {
    const list = answers.get(a.response_id) ?? [];
    list.push({ questionId: a.question_id, score: a.score, text: a.text });
    answers.set(a.response_id, list);
  }
  return rows.map((r) => {
    const given = (answers.get(r.id) ?? []).sort(
      (x, y) => (questions.get(x.questionId)?.sort ?? 0) - (questions.get(y.questionId)?.sort ?? 0),
    );
    return {
      id: r.id,
      surveyId: r.survey_id,
      customerId: r.customer_id,
      customerCode: r.customer_code,
      customerName: r.customer_name,
      area: r.area,
      salesperson: r.salesperson ?? '',
      source: r.source as SurveySource,
      callId: r.call_id,
      date: r.response_date,
      enteredBy: r.entered_by,
      enteredAt: r.entered_at,
      answers: given,
      indexPermille: responseIndex(given, questions),
    };
  });
}
