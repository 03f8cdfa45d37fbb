// The warehouse's time zone is a property of the data folder, not of the
// machine a host runs on: business days, the 16:30 cut-off and every time on
// screen follow it (GUIDE: days in the warehouse's zone). It is chosen when the
// folder is created (`cangwu init --time-zone`) and defaults to Asia/Shanghai.
import type Database from 'better-sqlite3';
import { defaultTimeZone } from './clock';

const key = 'warehouse.timeZone';

/** An IANA zone name this runtime knows (Intl throws a RangeError otherwise). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export function storedTimeZone(sqlite: Database.Database): string {
  const row = sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row && isTimeZone(row.value) ? row.value : defaultTimeZone;
}

export function storeTimeZone(sqlite: Database.Database, timeZone: string): void {
  if (!isTimeZone(timeZone)) throw new RangeError(`unknown time zone: ${timeZone}`);
  sqlite
    .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(key, timeZone);
}
