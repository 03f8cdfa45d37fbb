// Small helpers the complaint screens and the print share.
import type { ComplaintCategory } from '../../../shared/contract';

export function categoryName(categories: ComplaintCategory[], code: string, zh: boolean): string {
  const c = categories.find((x) => x.code === code);
  return c ? (zh ? c.nameZh : c.nameEn) : code;
}

/** A share as a percentage with one decimal, or '—' when there is nothing to divide by. */
export function pct(part: number, whole: number): string {
  return whole > 0 ? `${((part * 100) / whole).toFixed(1)}%` : '—';
}

function offsetMinutes(at: number, timeZone: string | undefined): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(at));
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'));
  return Math.round((wall - Math.floor(at / 60_000) * 60_000) / 60_000);
}

/** A wall-clock time 'YYYY-MM-DDTHH:mm' in the warehouse's zone as a UTC ISO instant (times are the warehouse's, not the browser's). */
export function warehouseWallToIso(wall: string, timeZone: string | undefined): string {
  const [d = '', hm = '00:00'] = wall.split('T');
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const [h, min] = hm.split(':').map(Number) as [number, number];
  const guess = Date.UTC(y, m - 1, day, h, min);
  let at = guess - offsetMinutes(guess, timeZone) * 60_000;
  at = guess - offsetMinutes(at, timeZone) * 60_000;
  return new Date(at).toISOString();
}
