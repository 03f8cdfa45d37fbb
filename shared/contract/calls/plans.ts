// Follow-up calls 回访 (issue 16 §4): the call plan for a day or a week, built
// from rules or by hand, shared out among the CS staff, a call sheet per
// person, each call recorded in the 回访记录表, and the 回访总结报告 per period.
// Dates are business days in the warehouse's time zone, `at` fields UTC instants.
import { z } from 'zod';
import { id, isoInstant } from '../schemas';
import { businessDate } from '../orders';
import { none, spec } from '../spec';
import {
  callOutcomes,
  planPeriods,
  shareModes,
  type CallOutcome,
  type CallReason,
  type CallState,
  type PlanPeriod,
  type ShareMode,
} from './words';
import { callSurveyInput } from '../surveys';

// ---- replies -------------------------------------------------------------

export type CallRules = {
  /** Refusals at delivery of the last N days (0: none). */
  refusalDays: number;
  /** Return reports of the last N days (0: none). */
  returnDays: number;
  /** Complaints closed in the last N days (0: none). */
  complaintDays: number;
  /** A share of the signed deliveries of the last day(s), in percent (0: none). */
  deliverySharePct: number;
  /** The customers marked "always call". */
  alwaysCall: boolean;
  /**
   * Every refusal (whole or in part) of the last N days by a class A customer
   * (0: none): A by the customer value analysis of the year before the plan
   * starts (electron/core/analyses/customerValue.ts). Added to the refusal
   * rule: each refusal is still called once. Absent from plans built before it.
   */
  classARefusalDays?: number;
};

export type CallRow = {
  id: number;
  planId: number;
  customerId: number;
  customerCode: string;
  customerName: string;
  area: string;
  phone: string;
  contact: string;
  reason: CallReason;
  sourceKind: 'order' | 'return' | 'complaint' | null;
  sourceId: number | null;
  sourceNo: string;
  promptedDate: string;
  dueDate: string;
  nextDate: string;
  assignedTo: number | null;
  assignedName: string | null;
  /** The person who handled the complaint: not to make this call. */
  avoidUserId: number | null;
  state: CallState;
  outcome: CallOutcome | null;
  attempts: number;
  callBackAt: string | null;
  doneAt: string | null;
  doneDate: string | null;
  /** Done after the due date, or still open past it. */
  late: boolean;
  complaintId: number | null;
  /** The planner's note on the call (a call added by hand says why). */
  note: string;
  /** What was noted on the last attempt ('' before any). */
  lastNote: string;
};

export type CallPlanRow = {
  id: number;
  period: PlanPeriod;
  startDate: string;
  endDate: string;
  total: number;
  done: number;
  unassigned: number;
  builtBy: string;
  builtAt: string;
  sharedAt: string | null;
  shareMode: ShareMode | null;
};

export type StaffLoad = { userId: number; name: string; calls: number; done: number };

export type CallPlanView = CallPlanRow & { rules: CallRules; calls: CallRow[]; staff: StaffLoad[] };

export type CallSheet = {
  planId: number;
  period: PlanPeriod;
  startDate: string;
  endDate: string;
  userId: number;
  userName: string;
  calls: CallRow[];
};

export type CallAttempt = {
  attemptNo: number;
  outcome: CallOutcome;
  note: string;
  callBackAt: string | null;
  recordedBy: string;
  recordedAt: string;
};

export type CallView = CallRow & { attempts_: CallAttempt[] };

export type SummaryCount = { key: string; calls: number; done: number; satisfied: number; issueRaised: number };

export type CallSummary = {
  from: string;
  to: string;
  planned: number;
  done: number;
  satisfied: number;
  issueRaised: number;
  noAnswerAttempts: number;
  waitingCallBack: number;
  open: number;
  doneOnTime: number;
  /** satisfied ÷ (satisfied + issue raised), in per mille; null when none answered. */
  satisfactionPermille: number | null;
  /** done within the 3-day rule ÷ done, in per mille; null when none done. */
  onTimePermille: number | null;
  byReason: SummaryCount[];
  byStaff: SummaryCount[];
  byArea: SummaryCount[];
  note: string;
  noteBy: string | null;
  noteAt: string | null;
};

export type CallStaff = { id: number; name: string };

// ---- requests ------------------------------------------------------------

/** Who reads plans, sheets and summaries: the CS department and the supervisor. */
export const callReaders = ['csManager', 'operator', 'supervisor', 'admin'] as const;
/** Who builds a plan and shares it out. */
export const callPlanners = ['csManager', 'supervisor'] as const;
/** Who makes calls (and records them: only the assignee). */
export const callMakers = ['operator', 'csManager', 'supervisor'] as const;

const note = z.string().trim().max(1000).default('');

export const callRulesInput = z
  .object({
    refusalDays: z.number().int().min(0).max(31).default(3),
    returnDays: z.number().int().min(0).max(31).default(3),
    complaintDays: z.number().int().min(0).max(31).default(3),
    deliverySharePct: z.number().int().min(0).max(100).default(0),
    alwaysCall: z.boolean().default(true),
    classARefusalDays: z.number().int().min(0).max(31).default(0),
  })
  .strict();

export const callPlanRequests = {
  /** The plans, newest first. */
  'calls.plans': spec<CallPlanRow[]>()({ input: none, access: callReaders, write: false }),
  /** One plan with its calls and each person's load. */
  'calls.plan': spec<CallPlanView>()({
    input: z.object({ planId: id }).strict(),
    access: callReaders,
    write: false,
  }),
  /**
   * Builds (or adds to) the plan of a day or week from the rules: each refusal,
   * return, closed complaint or sampled delivery is planned once whatever the plan,
   * each always-call customer once per plan.
   */
  'calls.buildPlan': spec<CallPlanView>()({
    input: z.object({ period: z.enum(planPeriods), date: businessDate, rules: callRulesInput }).strict(),
    access: callPlanners,
    write: true,
  }),
  /** A call added by hand to a plan. */
  'calls.add': spec<CallRow>()({
    input: z.object({ planId: id, customerId: id, note, dueDate: businessDate.optional() }).strict(),
    access: callPlanners,
    write: true,
  }),
  /** Shares the plan's open calls among the CS staff, evenly or by customer area, never to a complaint's handler. */
  'calls.share': spec<CallPlanView>()({
    input: z
      .object({ planId: id, mode: z.enum(shareModes), staffIds: z.array(id).min(1).max(100).optional() })
      .strict(),
    access: callPlanners,
    write: true,
  }),
  /** Gives open calls to one person by hand (refused for the complaint's handler). */
  'calls.assign': spec<CallRow[]>()({
    input: z.object({ callIds: z.array(id).min(1).max(1000), userId: id }).strict(),
    access: callPlanners,
    write: true,
  }),
  /** Who may be given calls: the active CS staff. */
  'calls.staff': spec<CallStaff[]>()({ input: none, access: callReaders, write: false }),
  /** A person's call sheet of a plan (one's own when userId is not given). */
  'calls.sheet': spec<CallSheet>()({
    input: z.object({ planId: id, userId: id.optional() }).strict(),
    access: callReaders,
    write: false,
  }),
  /** One call with its attempts (the 回访记录表 lines). */
  'calls.get': spec<CallView>()({ input: z.object({ callId: id }).strict(), access: callReaders, write: false }),
  /**
   * The assignee records an attempt: satisfied, issue raised (opens a linked
   * complaint with the note as its content), no answer (tried again the next
   * day), call back later (at the time agreed).
   */
  'calls.record': spec<CallView>()({
    input: z
      .object({
        callId: id,
        outcome: z.enum(callOutcomes),
        note,
        callBackAt: isoInstant.optional(),
        /** The complaint's category when the call raises an issue ('other' when not told). */
        category: z
          .string()
          .trim()
          .max(40)
          .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'code')
          .optional(),
        /** The open survey's answers, when it is asked on the calls and the customer was reached. */
        survey: callSurveyInput.optional(),
      })
      .strict(),
    access: callMakers,
    write: true,
  }),
  /** Marks a customer "always call" 必须回访, or clears the mark. */
  'calls.setAlwaysCall': spec<{ customerId: number; alwaysCall: boolean }>()({
    input: z.object({ customerId: id, alwaysCall: z.boolean() }).strict(),
    access: callPlanners,
    write: true,
  }),
  /** The 回访总结报告 of a period: figures from the calls, and the written conclusions. */
  'calls.summary': spec<CallSummary>()({
    input: z.object({ from: businessDate, to: businessDate }).strict(),
    access: callReaders,
    write: false,
  }),
  /** Saves the summary's written conclusions for the period. */
  'calls.saveSummaryNote': spec<CallSummary>()({
    input: z.object({ from: businessDate, to: businessDate, note: z.string().trim().max(4000) }).strict(),
    access: callPlanners,
    write: true,
  }),
} as const;

export type { CallOutcome, CallReason, CallState, PlanPeriod, ShareMode };
