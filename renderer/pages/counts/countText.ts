// Words for a count session: its scope, its counters, the counts on a line —
// shared by the sessions list, the session view and the printed count sheet.
import type { TFunction } from 'i18next';
import type { CounterCount, CountCounterView, CountScope } from '../../../shared/contract/counts';
import type { LocationView } from '../../../shared/contract/types';

export type LocationIndex = Map<number, LocationView>;

export function indexLocations(locations: LocationView[]): LocationIndex {
  return new Map(locations.map((l) => [l.id, l]));
}

/** The location and its parents, nearest first (bin → zone → warehouse). */
export function chainOf(id: number, index: LocationIndex): LocationView[] {
  const out: LocationView[] = [];
  let cur = index.get(id);
  // The tree is shallow; the guard stops a malformed parent loop.
  while (cur && out.length < 16) {
    out.push(cur);
    cur = cur.parentId === null ? undefined : index.get(cur.parentId);
  }
  return out;
}

/** True when `id` is `ancestorId` or lies under it. */
export function isWithin(id: number, ancestorId: number, index: LocationIndex): boolean {
  return chainOf(id, index).some((l) => l.id === ancestorId);
}

/** "库区 WH1-A、WH1-B · 分类 饮料 · 正品 · 30 天未盘 · A 类商品 · 金额最高 50 行" — short enough for a grid cell. */
export function scopeSummary(scope: CountScope, index: LocationIndex, t: TFunction): string {
  const parts: string[] = [];
  const codes = scope.locationIds.map((id) => index.get(id)?.code ?? `#${id}`);
  const shown = codes.length > 4 ? [...codes.slice(0, 4), t('counts:scope.more', { n: codes.length - 4 })] : codes;
  parts.push(
    scope.area === 'warehouse' && codes.length === 0
      ? t('counts:scope.allWarehouses')
      : t(`counts:scope.area.${scope.area}`, { list: shown.join(t('counts:scope.sep')) }),
  );
  if (scope.categories?.length)
    parts.push(t('counts:scope.categories', { list: scope.categories.join(t('counts:scope.sep')) }));
  if (scope.statuses?.length)
    parts.push(scope.statuses.map((s) => t(`domain:status.${s}`)).join(t('counts:scope.sep')));
  if (scope.notCountedForDays) parts.push(t('counts:scope.notCountedFor', { days: scope.notCountedForDays }));
  if (scope.productIds?.length) parts.push(t('counts:scope.products', { n: scope.productIds.length }));
  if (scope.abcClasses?.length)
    parts.push(t('counts:scope.abc', { list: scope.abcClasses.join(t('counts:scope.sep')) }));
  if (scope.topValueLines) parts.push(t('counts:scope.topValue', { n: scope.topValueLines }));
  return parts.join(' · ');
}

/** "张仓管（WH1-A）· 赵仓管". */
export function countersText(counters: CountCounterView[], t: TFunction): string {
  return counters
    .map((c) => (c.zoneCode ? t('counts:counterInZone', { name: c.userName, zone: c.zoneCode }) : c.userName))
    .join(' · ');
}

/** The current round's counts per counter, "张三 12 · 李四 3"; earlier rounds are evidence, shown apart. */
export function countsText(counts: CounterCount[], round: number, qty: (n: number) => string): string {
  return counts
    .filter((c) => c.round === round)
    .map((c) => `${c.userName} ${qty(c.qty)}`)
    .join(' · ');
}

export function earlierCountsText(counts: CounterCount[], round: number, qty: (n: number) => string, t: TFunction) {
  return counts
    .filter((c) => c.round !== round)
    .map((c) => t('counts:rec.earlierCount', { round: c.round, name: c.userName, qty: qty(c.qty) }))
    .join(' · ');
}
