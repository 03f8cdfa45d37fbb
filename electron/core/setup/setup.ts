// First run: a new data folder offers to create the administrator (who picks
// the password) or to load the demo warehouse. Both only while no user exists.
import type { DemoLogin, SessionView, SetupStatus } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { createUser, startSession } from '../auth/auth';
import type { ServiceContext } from '../context';
import type { Db } from '../db/schema';
import { createLayout, defaultZones } from './layout';
import { loadDemoWarehouse } from './demo';
import type { SetupGate } from './setupGate';

export async function isInitialized(db: Db): Promise<boolean> {
  return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
}

async function setting(db: Db, key: string): Promise<string | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

export async function setupStatus(ctx: ServiceContext, gate: SetupGate): Promise<SetupStatus> {
  const initialized = await isInitialized(ctx.db);
  const demo = (await setting(ctx.db, 'demo')) === '1';
  return {
    initialized,
    demo,
    station: ctx.caller.station,
    setupCodeRequired: !initialized && gate.codeRequired(ctx.caller),
    // Demo passwords are public: say so loudly when the console is reachable from the network.
    demoOnNetwork: demo && (gate.networkExposed || !ctx.caller.origin.local),
    timeZone: ctx.timeZone,
  };
}

/** Refuses a first-run step from the network without the host's one-time code. */
function admit(ctx: ServiceContext, gate: SetupGate, setupCode: string | undefined): void {
  const spend = gate.admit(ctx.caller, setupCode);
  ctx.afterCommit(spend);
}

export async function createAdmin(
  ctx: ServiceContext,
  gate: SetupGate,
  input: { username: string; displayName: string; password: string; setupCode?: string | undefined },
): Promise<SessionView> {
  if (await isInitialized(ctx.db)) throw new AppError('setup.alreadyInitialized');
  admit(ctx, gate, input.setupCode);
  const { setupCode: _code, ...admin } = input;
  await createLayout(ctx.db, { code: 'WH1', name: '主仓库' }, defaultZones);
  const user = await createUser(ctx, { ...admin, roles: ['admin'] });
  return startSession(ctx, user);
}

/** The demo's logins are shown only for demo data (and listed in the README). */
export async function demoLogins(ctx: ServiceContext): Promise<{ logins: DemoLogin[] }> {
  if ((await setting(ctx.db, 'demo')) !== '1') return { logins: [] };
  return { logins: JSON.parse((await setting(ctx.db, 'demo_logins')) ?? '[]') as DemoLogin[] };
}

export async function loadDemo(
  ctx: ServiceContext,
  gate: SetupGate,
  input: { setupCode?: string | undefined },
): Promise<{ logins: DemoLogin[] }> {
  if (await isInitialized(ctx.db)) throw new AppError('setup.alreadyInitialized');
  admit(ctx, gate, input.setupCode);
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
