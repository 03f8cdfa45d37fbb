// The words of the reports (issue 14, R15): the weekly stock report's columns
// and which movement types each one sums — written once, here, and read by the
// core's query, the page, the print and the exports alike.
import type { MovementType } from '../../domain';

/** The weekly stock report's movement columns, in the order they are shown. */
export const weeklyMovementColumns = [
  'receipts',
  'dispatchIssues',
  'giftIssues',
  'returnsIn',
  'damageTransfers',
  'disposals',
  'countAdjustments',
  'manualAdjustments',
] as const;
export type WeeklyMovementColumn = (typeof weeklyMovementColumns)[number];

/** Every figure column: opening, the movements, closing. Opening + Σ movements = closing. */
export const weeklyColumns = ['opening', ...weeklyMovementColumns, 'closing'] as const;
export type WeeklyColumn = (typeof weeklyColumns)[number];

/**
 * R15 "opening, receipts, issues, returns, damage, adjustments, closing": the
 * column of each movement type. A reversal is counted under the type it
 * reverses (the period figures store it so), negated. An opening-balance
 * document posted inside the period and a status transfer are adjustments of
 * the books (DOMAIN: R15 names no column of their own); a damage transfer
 * good→damaged shows −qty on the good line and +qty on the damaged line.
 */
export const columnOfMovementType: Record<MovementType, WeeklyMovementColumn> = {
  opening: 'manualAdjustments',
  receipt: 'receipts',
  dispatchIssue: 'dispatchIssues',
  giftIssue: 'giftIssues',
  returnReceipt: 'returnsIn',
  damageTransfer: 'damageTransfers',
  disposal: 'disposals',
  countAdjustment: 'countAdjustments',
  manualAdjustment: 'manualAdjustments',
  statusTransfer: 'manualAdjustments',
  reversal: 'manualAdjustments',
};

/** Movement types whose value is "issued" for days of inventory (R14): what leaves to customers. */
export const issueMovementTypes = ['dispatchIssue', 'giftIssue'] as const satisfies readonly MovementType[];

/** R14 days of inventory: the window of the average daily issue value. */
export const daysOfInventoryWindowDays = 28;

export const isoWeekPattern = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;
