import { afterEach, describe, expect, it } from 'vitest';
import { call, openTestCore, openWarehouse, password, refusal, type Warehouse } from '../fixtures';
import type { Core } from '../../../electron/core/core';

let w: Warehouse | undefined;
let core: Core | undefined;
afterEach(async () => {
  await w?.core.close();
  await core?.close();
  w = undefined;
  core = undefined;
});

describe('first run', () => {
  it('offers setup until an administrator exists, then refuses a second setup', async () => {
    core = await openTestCore();
    const c = core.newCaller('c');
    expect(await call(core, c, 'setup.status', {})).toMatchObject({
      initialized: false,
      demo: false,
      station: 'test-station',
    });
    const s = await call(core, c, 'setup.createAdmin', {
      username: 'boss',
      displayName: '老板',
      password: 'long-enough',
    });
    expect(s.user.roles).toEqual(['admin']);
    expect(await call(core, c, 'setup.status', {})).toMatchObject({ initialized: true, demo: false });
    expect(
      (
        await refusal(core, core.newCaller('d'), 'setup.createAdmin', {
          username: 'evil',
          displayName: 'x',
          password: 'long-enough',
        })
      ).code,
    ).toBe('setup.alreadyInitialized');
    expect((await refusal(core, core.newCaller('d'), 'setup.loadDemo', {})).code).toBe('setup.alreadyInitialized');
    // Demo logins are shown only for demo data.
    expect(await call(core, c, 'setup.demoLogins', {})).toEqual({ logins: [] });
  });

  it('stores only a slow hash of the password', async () => {
    core = await openTestCore();
    await call(core, core.newCaller('c'), 'setup.createAdmin', {
      username: 'boss',
      displayName: '老板',
      password: 'long-enough',
    });
    const row = await core.database.db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain('long-enough');
  });
});

describe('login', () => {
  it('logs in by password or PIN and resumes a session by its token on a new connection', async () => {
    w = await openWarehouse();
    await call(w.core, w.admin, 'users.create', {
      username: 'keeper',
      displayName: '张',
      roles: ['warehouseKeeper'],
      pin: '4321',
    });
    const c = w.core.newCaller('scanner-station');
    const s = await call(w.core, c, 'auth.login', { username: 'keeper', secret: '4321' });
    expect(s.user.roles).toEqual(['warehouseKeeper']);
    const again = w.core.newCaller('reloaded-page');
    expect((await call(w.core, again, 'auth.resume', { token: s.token })).user.username).toBe('keeper');
    await call(w.core, again, 'auth.logout', {});
    expect((await refusal(w.core, w.core.newCaller('x'), 'auth.resume', { token: s.token })).code).toBe(
      'auth.sessionExpired',
    );
  });

  it('locks the account after 5 failed attempts, even with the right password, and says for how long', async () => {
    w = await openWarehouse();
    await w.as('operator');
    const c = w.core.newCaller('c');
    for (let i = 1; i <= 4; i++) {
      expect(await refusal(w.core, c, 'auth.login', { username: 'u-operator', secret: 'wrong' })).toMatchObject({
        code: 'auth.badCredentials',
        details: { attemptsLeft: 5 - i },
      });
    }
    expect(await refusal(w.core, c, 'auth.login', { username: 'u-operator', secret: 'wrong' })).toMatchObject({
      code: 'auth.lockedOut',
      details: { retryAfterSeconds: 60 },
    });
    expect((await refusal(w.core, c, 'auth.login', { username: 'u-operator', secret: password })).code).toBe(
      'auth.lockedOut',
    );
  });

  it('lets the lockout expire and resets the count on success', async () => {
    let now = new Date('2026-11-23T08:00:00Z');
    w = await openWarehouse({ now: () => now });
    await w.as('operator');
    const c = w.core.newCaller('c');
    for (let i = 0; i < 5; i++) await refusal(w.core, c, 'auth.login', { username: 'u-operator', secret: 'wrong' });
    now = new Date(now.getTime() + 61_000);
    expect((await call(w.core, c, 'auth.login', { username: 'u-operator', secret: password })).user.username).toBe(
      'u-operator',
    );
    const row = await w.core.database.db
      .selectFrom('users')
      .select('failed_logins')
      .where('username', '=', 'u-operator')
      .executeTakeFirstOrThrow();
    expect(row.failed_logins).toBe(0);
  });

  it('ends a session after its lifetime', async () => {
    let now = new Date('2026-11-23T08:00:00Z');
    w = await openWarehouse({ now: () => now });
    const op = await w.as('operator');
    expect((await w.core.dispatch(op, 'stock.balances', {})).ok).toBe(true);
    now = new Date(now.getTime() + 13 * 3600_000);
    expect((await refusal(w.core, op, 'stock.balances', {})).code).toBe('auth.sessionExpired');
  });

  it('saves the language per user', async () => {
    w = await openWarehouse();
    const op = await w.as('operator');
    expect((await call(w.core, op, 'auth.setLocale', { locale: 'en' })).locale).toBe('en');
    const again = w.core.newCaller('again');
    expect((await call(w.core, again, 'auth.login', { username: 'u-operator', secret: password })).user.locale).toBe(
      'en',
    );
  });

  it('writes every state change to the audit log with who and before → after', async () => {
    w = await openWarehouse();
    const op = await w.as('operator');
    const p = w.products[0]!;
    await call(w.core, op, 'products.update', { id: p.id, unitCostFen: 123 });
    const manager = await w.as('csManager');
    const audit = await call(w.core, manager, 'audit.list', { offset: 0, limit: 50 });
    const entry = audit.rows.find((r) => r.request === 'products.update')!;
    expect(entry).toMatchObject({ userName: 'operator', entity: 'product', entityId: String(p.id) });
    expect(JSON.parse(entry.before!).unitCostFen).toBe(p.unitCostFen);
    expect(JSON.parse(entry.after!).unitCostFen).toBe(123);
  });
});
