// Satisfaction surveys (issue 17 §5): request name → service.
import type { SurveyRequestName } from '../../../shared/contract';
import type { Handler } from '../contract/handlers';
import { listSurveys, readSurvey, saveSurvey, setSurveyState, surveyOnCalls } from './definitions';
import { answerSurvey, readResponses } from './responses';
import { surveyResults } from './results';

export const surveyHandlers: { [N in SurveyRequestName]: Handler<N> } = {
  'surveys.list': (ctx) => listSurveys(ctx.db),
  'surveys.get': (ctx, input) => readSurvey(ctx.db, input.surveyId),
  'surveys.save': (ctx, input) => saveSurvey(ctx, input),
  'surveys.setState': (ctx, input) => setSurveyState(ctx, input),
  'surveys.onCalls': (ctx) => surveyOnCalls(ctx.db),
  'surveys.answer': (ctx, input) => answerSurvey(ctx, input),
  'surveys.responses': (ctx, input) => readResponses(ctx.db, input),
  'surveys.results': (ctx, input) => surveyResults(ctx.db, input),
};
