// Which daily backups to keep: the newest of each of the last `keepDaily`
// days, and the newest of each of the last `keepWeekly` ISO weeks, days and
// weeks in the warehouse's time zone. Only daily backups are pruned; manual,
// pre-migration and before-restore copies are the administrator's to remove.
import type { BackupFile } from '../../../shared/contract/backups';
import { businessDay } from '../clock';

/** ISO week `2026-W49` of a `YYYYMMDD` day. */
function isoWeek(day: string): string {
  const d = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8))));
  d.setUTCDate(d.getUTCDate() + 4 - (d.getUTCDay() || 7)); // the Thursday of its week names the year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export function backupsToPrune(
  files: readonly BackupFile[],
  keep: { keepDaily: number; keepWeekly: number },
  timeZone: string,
): BackupFile[] {
  const daily = files.filter((f) => f.kind === 'daily').sort((a, b) => b.at.localeCompare(a.at));
  const kept = new Set<string>();
  const days = new Set<string>();
  const weeks = new Set<string>();
  for (const f of daily) {
    const day = businessDay(new Date(f.at), timeZone);
    if (!days.has(day) && days.size < keep.keepDaily) {
      days.add(day);
      kept.add(f.name);
    }
    const week = isoWeek(day);
    if (!weeks.has(week) && weeks.size < keep.keepWeekly) {
      weeks.add(week);
      kept.add(f.name);
    }
  }
  return daily.filter((f) => !kept.has(f.name));
}
