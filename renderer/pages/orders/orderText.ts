// Words of an order on screen: its qualification reasons (R1, R13) as
// sentences, business dates ('YYYY-MM-DD') stepped by days, and the default
// dispatch date (the next working day: orders are confirmed today and dispatched
// the next day the warehouse works).
import type { TFunction } from 'i18next';
import type { OrderIssue } from '../../../shared/contract/orders';
import { nextWorkingDay } from '../../../shared/workingDays';
import { warehouseDay } from '../../i18n/format';

/** One reason as a sentence: the line and product when it is a line's, the successor of an old code. */
export function issueText(t: TFunction, issue: OrderIssue): string {
  const reason = t(`orders:reason.${issue.reason}`);
  if (issue.reason === 'oldCode' && issue.successorCode)
    return t('orders:issue.oldCode', {
      lineNo: issue.lineNo ?? '',
      product: issue.productCode ?? '',
      successor: issue.successorCode,
    });
  if (issue.reason === 'likelyDuplicate' && issue.duplicateOf)
    return t('orders:issue.duplicate', { number: issue.duplicateOf });
  if (issue.lineNo !== undefined)
    return t('orders:issue.line', { lineNo: issue.lineNo, product: issue.productCode ?? '', reason });
  if (issue.field) return t('orders:issue.date', { field: t(`orders:field.${issue.field}`), reason });
  return reason;
}

export function issuesText(t: TFunction, issues: readonly OrderIssue[]): string {
  return issues.map((i) => issueText(t, i)).join(t('common:listSeparator'));
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A Date's calendar day in the warehouse's zone as 'YYYY-MM-DD' — not this
 * machine's: a LAN station elsewhere, or a screen open across UTC midnight,
 * still plans the warehouse's next day.
 */
export function localDay(d: Date): string {
  return warehouseDay(d);
}

/** 'YYYY-MM-DD' plus `days` (negative goes back), by the calendar, not by 24-hour steps. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y!, m! - 1, d! + days));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

export const isDay = (s: string | null): s is string => s !== null && /^\d{4}-\d{2}-\d{2}$/.test(s);

/** The day today's orders are dispatched: the warehouse's next working day (Monday on a Saturday). */
export function nextDispatchDay(): string {
  return nextWorkingDay(localDay(new Date()));
}
