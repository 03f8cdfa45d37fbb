// The warehouse's time zone is a property of the data folder, not of the
// machine a host runs on: business days, the 16:30 cut-off and every time on
// screen follow it (GUIDE: days in the warehouse's zone). It is chosen when the
// folder is created (`cangwu init --time-zone`) and defaults to Asia/Shanghai.
import type { Kysely } from 'kysely';
import type { DB } from './db/schema';
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

export async function storedTimeZone(db: Kysely<DB>): Promise<string> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row && isTimeZone(row.value) ? row.value : defaultTimeZone;
}

export async function storeTimeZone(db: Kysely<DB>, timeZone: string): Promise<void> {
  if (!isTimeZone(timeZone)) throw new RangeError(`unknown time zone: ${timeZone}`);
  await db
    .insertInto('settings')
    .values({ key, value: timeZone })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: timeZone }))
    .execute();
}
