// The plan form's draft and its checks, apart from its markup. Each problem is
// a translation key, shown beside its field (the core checks again).
import { parseYuanToFen } from '../../../shared/catalogue/productCsv';
import type { AbcClass, CountArea, CountScope } from '../../../shared/contract/counts';
import type { RequestInput } from '../../../shared/contract/requests';
import { maxQuantity, type StockStatus } from '../../../shared/domain';

export type CounterDraft = { key: number; text: string; userId: number | null; zoneId: number | null };

export type PlanDraft = {
  area: CountArea;
  locationIds: number[];
  categories: string[];
  statuses: StockStatus[];
  notCountedForDays: string;
  productIds: number[];
  abcClasses: AbcClass[];
  /** High value first: how many lines, as typed. */
  topValueLines: string;
  counters: CounterDraft[];
  blind: boolean;
  lockBins: boolean;
  toleranceUnits: string;
  toleranceYuan: string;
  note: string;
};

export type PlanErrors = Record<string, string>;

let nextKey = 1;
export function newCounter(): CounterDraft {
  return { key: nextKey++, text: '', userId: null, zoneId: null };
}

export function emptyPlan(): PlanDraft {
  return {
    area: 'bins',
    locationIds: [],
    categories: [],
    statuses: [],
    notCountedForDays: '',
    productIds: [],
    abcClasses: [],
    topValueLines: '',
    counters: [newCounter()],
    // Blind by default (issue 5 ★): a counter who knows the book counts towards it.
    blind: true,
    // Off by default: work goes on during a count (the snapshot keeps the variance right).
    lockBins: false,
    toleranceUnits: '',
    toleranceYuan: '',
    note: '',
  };
}

const wholeNumber = /^\d{1,10}$/;

export function validatePlan(d: PlanDraft): PlanErrors {
  const e: PlanErrors = {};
  if (d.area !== 'warehouse' && d.locationIds.length === 0) e.locations = `counts:plan.err.pick.${d.area}`;
  const days = d.notCountedForDays.trim();
  if (days && (!wholeNumber.test(days) || Number(days) < 1 || Number(days) > 3650)) e.days = 'counts:plan.err.days';
  const top = d.topValueLines.trim();
  if (top && (!wholeNumber.test(top) || Number(top) < 1 || Number(top) > 100_000))
    e.topValueLines = 'counts:plan.err.topValue';
  if (d.counters.length === 0) e.counters = 'counts:plan.err.noCounters';
  const seen = new Set<string>();
  d.counters.forEach((c, i) => {
    if (c.userId === null) {
      e[`counters.${i}`] = c.text.trim() ? 'counts:plan.err.counterUnknown' : 'counts:plan.err.counterMissing';
      return;
    }
    const k = `${c.userId}|${c.zoneId ?? ''}`;
    if (seen.has(k)) e[`counters.${i}`] = 'counts:plan.err.counterTwice';
    seen.add(k);
  });
  const units = d.toleranceUnits.trim();
  if (units && (!wholeNumber.test(units) || Number(units) > maxQuantity)) e.toleranceUnits = 'counts:plan.err.units';
  const yuan = d.toleranceYuan.trim();
  if (yuan && parseYuanToFen(yuan) === null) e.toleranceYuan = 'counts:plan.err.amount';
  if (d.note.trim().length > 1000) e.note = 'counts:plan.err.note';
  return e;
}

/** The scope of a draft whose scope fields are valid (the plan preview asks for it before the rest is filled). */
export function scopeOf(d: PlanDraft): CountScope {
  const days = d.notCountedForDays.trim();
  const top = d.topValueLines.trim();
  return {
    area: d.area,
    locationIds: d.locationIds,
    ...(d.categories.length ? { categories: d.categories } : {}),
    ...(d.statuses.length ? { statuses: d.statuses } : {}),
    ...(d.productIds.length ? { productIds: d.productIds } : {}),
    ...(days ? { notCountedForDays: Number(days) } : {}),
    ...(d.abcClasses.length ? { abcClasses: d.abcClasses } : {}),
    ...(top ? { topValueLines: Number(top) } : {}),
  };
}

/** The errors that concern the scope alone: with none, the preview can be asked for. */
export const scopeErrorKeys = ['locations', 'days', 'topValueLines'] as const;

/** The request for a valid draft. */
export function planInput(d: PlanDraft): RequestInput<'counts.plan'> {
  const units = d.toleranceUnits.trim();
  const yuan = d.toleranceYuan.trim();
  return {
    scope: scopeOf(d),
    counters: d.counters.map((c) => ({ userId: c.userId as number, zoneId: c.zoneId })),
    blind: d.blind,
    lockBins: d.lockBins,
    toleranceUnits: units ? Number(units) : null,
    toleranceFen: yuan ? parseYuanToFen(yuan) : null,
    ...(d.note.trim() ? { note: d.note.trim() } : {}),
  };
}
