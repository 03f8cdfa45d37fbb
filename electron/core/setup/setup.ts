// First run: a new data folder offers to create the administrator (who picks
// the password) or to load the demo warehouse. Both only while no user exists.
import type { DemoLogin, SessionView, SetupStatus } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { createUser, startSession } from '../auth/auth';
import type { ServiceContext } from '../context';
import type { Db } from '../db/schema';
import { createLayout, defaultZones } from './layout';
import { loadDemoWarehouse } from './demo';

export async function isInitialized(db: Db): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
}

async function setting(db: Db, key: string): Promise<string | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

export async function setupStatus(ctx: ServiceContext): Promise<SetupStatus> {
  return {
    initialized: await isInitialized(ctx.db),
    demo: (await setting(ctx.db, 'demo')) === '1',
    station: ctx.caller.station,
  };
}

export async function createAdmin(
  ctx: ServiceContext,
  input: { username: string; displayName: string; password: string },
): Promise<SessionView> {
  if (await isInitialized(ctx.db)) throw new AppError('setup.alreadyInitialized');
  await createLayout(ctx.db, { code: 'WH1', name: '主仓库' }, defaultZones);
  const user = await createUser(ctx, { ...input, roles: ['admin'] });
  return startSession(ctx, user);
}

/** The demo's logins are shown only for demo data (and listed in the README). */
export async function demoLogins(ctx: ServiceContext): Promise<{ logins: DemoLogin[] }> {
  if ((await setting(ctx.db, 'demo')) !== '1') return { logins: [] };
  return { logins: JSON.parse((await setting(ctx.db, 'demo_logins')) ?? '[]') as DemoLogin[] };
}

export async function loadDemo(ctx: ServiceContext): Promise<{ logins: DemoLogin[] }> {
  if (await isInitialized(ctx.db)) throw new AppError('setup.alreadyInitialized');
  const logins = await loadDemoWarehouse(ctx);
  await ctx.db
    .insertInto('settings')
    .values([
      { key: 'demo', value: '1' },
      { key: 'demo_logins', value: JSON.stringify(logins) },
    ])
    .execute();
  return { logins };
}
