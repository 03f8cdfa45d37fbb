// Satisfaction surveys 满意度调查 (issue 17 §5): a short questionnaire defined
// by the CS manager (scores on a scale, free text), asked on the follow-up
// calls (calls.record carries the answers) or entered from paper forms, with
// results per customer, area, salesperson and month and the trend, for the
// monthly review.
//
// Figures: a question's average is in hundredths of its scale (432 = 4.32 of
// 5); the satisfaction index of a set of answers is the mean of each score
// placed on 0–100 % of its scale ((score − 1) ÷ (max − 1)), in per mille, so
// questions on different scales add up.
import { z } from 'zod';
import { id } from '../schemas';
import { businessDate } from '../orders';
import { none, spec, type RequestSpec } from '../spec';

export const surveyStates = ['draft', 'open', 'closed'] as const;
export type SurveyState = (typeof surveyStates)[number];
export const surveyQuestionKinds = ['score', 'text'] as const;
export type SurveyQuestionKind = (typeof surveyQuestionKinds)[number];
export const surveySources = ['call', 'paper'] as const;
export type SurveySource = (typeof surveySources)[number];
export const surveyGroupings = ['customer', 'area', 'salesperson', 'month'] as const;
export type SurveyGrouping = (typeof surveyGroupings)[number];

/** Who reads surveys and their results. */
export const surveyReaders = ['csManager', 'operator', 'supervisor', 'salesperson', 'admin'] as const;
/** Who defines, opens and closes a survey. */
export const surveyManagers = ['csManager', 'admin'] as const;
/** Who enters a paper form's answers. */
export const surveyEnterers = ['operator', 'csManager', 'supervisor', 'salesperson'] as const;

export type SurveyQuestion = {
  id: number;
  sort: number;
  kind: SurveyQuestionKind;
  textZh: string;
  textEn: string;
  /** A score's scale is 1..scaleMax; null for free text. */
  scaleMax: number | null;
  required: boolean;
};

export type SurveyRow = {
  id: number;
  name: string;
  state: SurveyState;
  /** Asked on the follow-up calls while open. */
  onCalls: boolean;
  questionCount: number;
  responses: number;
  createdBy: string;
  createdAt: string;
  openedAt: string | null;
  closedAt: string | null;
};

export type Survey = SurveyRow & { questions: SurveyQuestion[] };

export type SurveyAnswer = { questionId: number; score: number | null; text: string };

export type SurveyResponseRow = {
  id: number;
  surveyId: number;
  customerId: number;
  customerCode: string;
  customerName: string;
  area: string;
  salesperson: string;
  source: SurveySource;
  callId: number | null;
  date: string;
  enteredBy: string;
  enteredAt: string;
  answers: SurveyAnswer[];
  /** This response's satisfaction index, per mille; null when it scored nothing. */
  indexPermille: number | null;
};

export type SurveyGroup = {
  key: string;
  label: string;
  responses: number;
  customers: number;
  /** Per score question, in the survey's order: the average in hundredths, null when unanswered. */
  averages: (number | null)[];
  indexPermille: number | null;
};

export type SurveyTrendPoint = { month: string; responses: number; indexPermille: number | null };

export type SurveyComment = {
  responseId: number;
  date: string;
  customerName: string;
  questionId: number;
  text: string;
};

export type SurveyResults = {
  surveyId: number;
  from: string;
  to: string;
  by: SurveyGrouping;
  /** The score questions, in the order of every `averages` array. */
  scoreQuestions: SurveyQuestion[];
  total: SurveyGroup;
  groups: SurveyGroup[];
  /** Month by month over the range, every month present. */
  trend: SurveyTrendPoint[];
  /** The newest free-text answers of the range (at most 100). */
  comments: SurveyComment[];
};

const surveyId = z.object({ surveyId: id }).strict();

export const surveyQuestionInput = z
  .object({
    kind: z.enum(surveyQuestionKinds),
    textZh: z.string().trim().min(1).max(200),
    textEn: z.string().trim().min(1).max(200),
    scaleMax: z.number().int().min(2).max(10).optional(),
    required: z.boolean().default(true),
  })
  .strict();

/** A customer's answers: a score is checked against its question's scale by the service. */
export const surveyAnswersInput = z
  .array(
    z
      .object({
        questionId: id,
        score: z.number().int().optional(),
        text: z.string().trim().max(1000).optional(),
      })
      .strict(),
  )
  .min(1)
  .max(50);

/** The survey answers given on a follow-up call (calls.record). */
export const callSurveyInput = z.object({ surveyId: id, answers: surveyAnswersInput }).strict();

const range = { from: businessDate, to: businessDate };

export const surveyRequests = {
  /** Every survey, newest first, with its counts. */
  'surveys.list': spec<SurveyRow[]>()({ input: none, access: surveyReaders, write: false }),
  /** One survey with its questions. */
  'surveys.get': spec<Survey>()({ input: surveyId, access: surveyReaders, write: false }),
  /** Creates a draft survey, or changes a draft's name, questions and whether it is asked on calls. */
  'surveys.save': spec<Survey>()({
    input: z
      .object({
        surveyId: id.optional(),
        name: z.string().trim().min(1).max(100),
        onCalls: z.boolean().default(false),
        questions: z.array(surveyQuestionInput).min(1).max(20),
      })
      .strict(),
    access: surveyManagers,
    write: true,
  }),
  /** Opens a draft (its questions freeze) or closes an open survey (no more answers). */
  'surveys.setState': spec<Survey>()({
    input: z.object({ surveyId: id, state: z.enum(['open', 'closed']) }).strict(),
    access: surveyManagers,
    write: true,
  }),
  /** The open survey asked on the follow-up calls, or null: the call sheet asks it. */
  'surveys.onCalls': spec<Survey | null>()({
    input: none,
    access: ['operator', 'csManager', 'supervisor', 'salesperson', 'admin'],
    write: false,
  }),
  /** A paper form's answers, for a customer and the day they answered. */
  'surveys.answer': spec<SurveyResponseRow>()({
    input: z.object({ surveyId: id, customerId: id, date: businessDate, answers: surveyAnswersInput }).strict(),
    access: surveyEnterers,
    write: true,
  }),
  /** The responses of a range, newest first (the grid and its CSV). */
  'surveys.responses': spec<SurveyResponseRow[]>()({
    input: z.object({ surveyId: id, ...range }).strict(),
    access: surveyReaders,
    write: false,
  }),
  /** The results of a range, grouped, with the month-by-month trend. */
  'surveys.results': spec<SurveyResults>()({
    input: z.object({ surveyId: id, ...range, by: z.enum(surveyGroupings) }).strict(),
    access: surveyReaders,
    write: false,
  }),
} as const satisfies Record<string, RequestSpec>;
export type SurveyRequestName = keyof typeof surveyRequests;

export type SurveysChanged = { surveyId: number; clientId?: string };
