// The weekly report's period and warehouse in the address (#/weeklyReport?week=2026-W48&warehouse=1,
// or ?from=…&to=…), shared by the page and its print view.
import type { RequestInput } from '../../../shared/contract';
import { isoWeekPattern } from '../../../shared/contract/reports';
import { lastFullWeek } from '../../../shared/reports/weeks';
import { warehouseToday } from '../../i18n/format';

export type WeeklyQuery = RequestInput<'reports.weekly'>;

const isDate = (v: string | null): v is string => v !== null && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** The query the address names; the last full week when it names none. */
export function weeklyQueryOf(params: URLSearchParams): WeeklyQuery {
  const warehouse = Number(params.get('warehouse'));
  const warehouseId = Number.isSafeInteger(warehouse) && warehouse > 0 ? { warehouseId: warehouse } : {};
  const week = params.get('week');
  const from = params.get('from');
  const to = params.get('to');
  if (week !== null && isoWeekPattern.test(week)) return { week, ...warehouseId };
  if (isDate(from) && isDate(to)) return { from, to, ...warehouseId };
  return { week: lastFullWeek(warehouseToday()), ...warehouseId };
}

/** The address parameters of a query (for navigate / openPrint). */
export function weeklyParams(q: WeeklyQuery): Record<string, string | number> {
  const out: Record<string, string | number> = q.week ? { week: q.week } : { from: q.from ?? '', to: q.to ?? '' };
  if (q.warehouseId !== undefined) out.warehouse = q.warehouseId;
  return out;
}
