// What every scheduled job of the core shares (the scheduled report PDFs in
// schedules/service.ts, the daily backup in backups/service.ts): its settings
// and its run record as small JSON files in the data folder, written whole or
// not at all; a time of day (on a weekday, or every day) in the warehouse's
// zone through croner; the "missed run at start" rule — the last time a job
// was due at or before now, so a run missed while no host ran is done at the
// next start; and a failed run tried again an hour later, not in a loop.
import { Cron } from 'croner';
import fs from 'node:fs';
import path from 'node:path';

/** A failed run is tried again after this long (not in a loop, not only at its next time). */
export const retryAfterFailureMs = 60 * 60 * 1000;

/** A JSON file's value, or null when it is missing or unreadable. */
export function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Writes through a temporary file and a rename: a reader never sees half a file. */
export function writeJsonFile(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(value, null, 2));
    fs.renameSync(`${file}.tmp`, file);
  } catch (e) {
    fs.rmSync(`${file}.tmp`, { force: true });
    throw e;
  }
}

/** `HH:MM` in `timeZone`, on a weekday as cron counts it (0 = Sunday) or every day. */
export function cronAt(at: string, weekday: number | 'daily', timeZone: string): Cron {
  const [h, m] = at.split(':').map(Number);
  return new Cron(`${m} ${h} * * ${weekday === 'daily' ? '*' : weekday}`, { timezone: timeZone, paused: true });
}

/** The last time `cron` was due at or before `at`, looking back no further than `floor` (ms). */
export function lastDueAt(cron: Cron, at: Date, floor: number): Date | null {
  let t = cron.nextRun(new Date(floor));
  let last: Date | null = null;
  while (t && t.getTime() <= at.getTime()) {
    last = t;
    t = cron.nextRun(t);
  }
  return last;
}
