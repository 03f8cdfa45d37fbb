// Follow-up calls 回访 (issue 16 §4): the words of the slice.

/** What prompted a call: a refusal at delivery, a return, a closed complaint, a sampled delivery, the always-call mark, or a person. */
export const callReasons = ['refusal', 'return', 'complaintClosed', 'deliverySample', 'alwaysCall', 'byHand'] as const;
export type CallReason = (typeof callReasons)[number];

/** planned → done; "call back later" waits in callBack for the agreed time; "no answer" stays planned for the next day. */
export const callStates = ['planned', 'callBack', 'done'] as const;
export type CallState = (typeof callStates)[number];

/** The outcomes of an attempt, in the order of the number keys 1–4 on the call sheet. */
export const callOutcomes = ['satisfied', 'issueRaised', 'noAnswer', 'callBack'] as const;
export type CallOutcome = (typeof callOutcomes)[number];

export const planPeriods = ['day', 'week'] as const;
export type PlanPeriod = (typeof planPeriods)[number];

export const shareModes = ['even', 'area'] as const;
export type ShareMode = (typeof shareModes)[number];

/** The source document's rule: every call within three days of what prompted it (必须保证在三天之内回访). */
export const callDueDays = 3;

export type CallsChanged = { planIds: number[]; callIds: number[]; customerIds: number[]; clientId?: string };
