// Returns 退货 (issue 13, R12 R3 R5): the words of the return chain, shared by
// the chain, the station's return-check task and the monthly return analysis.
// Quantities in integer base units, money in integer fen, `at` fields UTC
// instants, dates business days in the warehouse's time zone.

/** report: a salesperson's return report 退货报告; refusal: goods refused at delivery 拒收, entering at the check. */
export const returnKinds = ['report', 'refusal'] as const;
export type ReturnKind = (typeof returnKinds)[number];

/**
 * reported → approved (manager 经理批准) or rejected → checked (keeper 仓务员确认)
 * → posted (operator's return note 退货单). A refusal starts at approved.
 */
export const returnStates = ['reported', 'approved', 'rejected', 'checked', 'posted'] as const;
export type ReturnState = (typeof returnStates)[number];

/** Why goods come back 退货原因. 'other' needs a note. */
export const returnReasons = [
  'quality',
  'expired',
  'wrongGoods',
  'surplus',
  'transitDamage',
  'refusedAtDelivery',
  'other',
] as const;
export type ReturnReason = (typeof returnReasons)[number];

/** The return chain changed: every open register, approval list and station reloads. Ids only. */
export type ReturnsChanged = { returnIds: number[]; clientId?: string };
