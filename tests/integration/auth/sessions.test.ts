// Sessions end everywhere they are used (issue 10): logout, disabling the user
// and a password change end every connection of that session or user, those
// windows hear why; idleness and an absolute maximum end a session too.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../../shared/contract';
import type { Caller } from '../../../electron/core/context';
import { openCore, type Core } from '../../../electron/core/core';
import { call, childEnv, onPostgres, openWarehouse, password, refusal, tempDataDir, type Warehouse } from '../fixtures';

let w: Warehouse | undefined;
afterEach(async () => {
  await w?.core.close();
  if (w) fs.rmSync(w.core.dataDir, { recursive: true, force: true });
  w = undefined;
});

/** What a host would deliver to `caller`'s window, as it arrives. */
function inbox(core: Core, caller: Caller): EventMessage[] {
  const got: EventMessage[] = [];
  core.subscribe((msg) => {
    void Promise.resolve(core.eventFor(caller, msg)).then((shown) => shown && got.push(shown));
  });
  return got;
}
const ended = (box: EventMessage[]) => box.filter((e) => e.name === 'auth.sessionEnded').map((e) => e.payload);
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('sessions', () => {
  it('logging out ends every connection that resumed with the same token, and tells those windows', async () => {
    w = await openWarehouse();
    const op = await w.as('operator');
    const second = w.core.newCaller('second-tab');
    await call(w.core, second, 'auth.resume', { token: op.session!.token });
    const bystander = await w.as('csManager');
    const secondBox = inbox(w.core, second);
    const bystanderBox = inbox(w.core, bystander);
    expect((await w.core.dispatch(second, 'stock.balances', {})).ok).toBe(true);

    await call(w.core, op, 'auth.logout', {});
    await tick();
    expect((await refusal(w.core, second, 'stock.balances', {})).code).toBe('auth.required');
    expect(ended(secondBox)).toEqual([{ reason: 'loggedOut', clientIds: ['second-tab'] }]);
    expect(ended(bystanderBox)).toEqual([]);
    expect((await w.core.dispatch(bystander, 'stock.balances', {})).ok).toBe(true);
  });

  it('disabling a user ends all their connections, refuses their login, and is audited with the reason', async () => {
    w = await openWarehouse();
    const keeper = await w.as('warehouseKeeper');
    const id = keeper.session!.userId;
    const other = await w.as('warehouseKeeper');
    const box = inbox(w.core, other);
    const row = await call(w.core, w.admin, 'users.setActive', { userId: id, active: false, reason: '调岗' });
    expect(row.active).toBe(false);
    await tick();
    expect((await refusal(w.core, keeper, 'stock.balances', {})).code).toBe('auth.required');
    expect((await refusal(w.core, other, 'stock.balances', {})).code).toBe('auth.required');
    expect(ended(box)).toEqual([{ reason: 'disabled', clientIds: [other.clientId] }]);
    expect(
      (await refusal(w.core, w.core.newCaller('x'), 'auth.login', { username: 'u-warehousekeeper', secret: password }))
        .code,
    ).toBe('auth.badCredentials');
    // The admin cannot lock themselves out by accident.
    expect(
      (
        await refusal(w.core, w.admin, 'users.setActive', {
          userId: w.admin.session!.userId,
          active: false,
          reason: 'x',
        })
      ).code,
    ).toBe('users.cannotDisableSelf');
    // Enabled again, the user logs in.
    await call(w.core, w.admin, 'users.setActive', { userId: id, active: true, reason: '回岗' });
    expect(
      (await call(w.core, w.core.newCaller('y'), 'auth.login', { username: 'u-warehousekeeper', secret: password }))
        .user.id,
    ).toBe(id);
    const audit = (await call(w.core, await w.as('csManager'), 'audit.list', { offset: 0, limit: 100 })).rows;
    const changes = audit.filter((r) => r.request === 'users.setActive').map((r) => JSON.parse(r.after!));
    expect(changes).toEqual(
      expect.arrayContaining([
        { active: false, reason: '调岗' },
        { active: true, reason: '回岗' },
      ]),
    );
  });

  it('a password change needs the old password, ends the other connections and keeps this one on a new token', async () => {
    w = await openWarehouse();
    const op = await w.as('operator');
    const oldToken = op.session!.token;
    const phone = w.core.newCaller('phone');
    await call(w.core, phone, 'auth.resume', { token: oldToken });
    const laptop = await w.as('operator');
    const phoneBox = inbox(w.core, phone);

    expect(
      (await refusal(w.core, op, 'auth.changePassword', { oldPassword: 'not-it', newPassword: 'new-password-1' })).code,
    ).toBe('auth.badCredentials');
    const s = await call(w.core, op, 'auth.changePassword', { oldPassword: password, newPassword: 'new-password-1' });
    await tick();
    expect(s.token).not.toBe(oldToken);
    expect((await w.core.dispatch(op, 'stock.balances', {})).ok).toBe(true);
    expect((await refusal(w.core, phone, 'stock.balances', {})).code).toBe('auth.required');
    expect((await refusal(w.core, laptop, 'stock.balances', {})).code).toBe('auth.required');
    expect(ended(phoneBox)).toEqual([{ reason: 'passwordChanged', clientIds: ['phone'] }]);
    expect((await refusal(w.core, w.core.newCaller('z'), 'auth.resume', { token: oldToken })).code).toBe(
      'auth.sessionExpired',
    );
    const again = w.core.newCaller('again');
    expect(
      (await call(w.core, again, 'auth.login', { username: 'u-operator', secret: 'new-password-1' })).user.id,
    ).toBe(op.session!.userId);
  });

  it('the administrator resets a password: the user is logged out everywhere and logs in with the new one', async () => {
    w = await openWarehouse();
    const op = await w.as('operator');
    const id = op.session!.userId;
    await call(w.core, w.admin, 'users.resetPassword', { userId: id, password: 'reset-pass-1', reason: '忘记密码' });
    expect((await refusal(w.core, op, 'stock.balances', {})).code).toBe('auth.required');
    expect(
      (await refusal(w.core, w.core.newCaller('a'), 'auth.login', { username: 'u-operator', secret: password })).code,
    ).toBe('auth.badCredentials');
    expect(
      (await call(w.core, w.core.newCaller('b'), 'auth.login', { username: 'u-operator', secret: 'reset-pass-1' })).user
        .id,
    ).toBe(id);
  });

  it('ends a session left idle for a shift, and any session a day after its login however busy', async () => {
    let now = new Date('2026-12-04T06:00:00Z');
    w = await openWarehouse({ now: () => now });
    const op = await w.as('operator');
    const idleToken = op.session!.token;
    const busy = await w.as('csManager');
    const hour = 3600_000;
    // Busy every hour: still in after 20 hours; the idle one ends after 9.
    for (let h = 1; h <= 20; h++) {
      now = new Date(now.getTime() + hour);
      expect((await w.core.dispatch(busy, 'stock.balances', {})).ok).toBe(true);
      if (h === 8) expect((await w.core.dispatch(op, 'stock.balances', {})).ok).toBe(true);
    }
    expect((await refusal(w.core, op, 'stock.balances', {})).code).toBe('auth.sessionExpired');
    // A resumed token that was idle is refused too (what the row and the memory recorded).
    expect((await refusal(w.core, w.core.newCaller('r'), 'auth.resume', { token: idleToken })).code).toBe(
      'auth.sessionExpired',
    );
    now = new Date(now.getTime() + 4 * hour + 1);
    expect((await refusal(w.core, busy, 'stock.balances', {})).code).toBe('auth.sessionExpired');
  });

  it('keeps activity across a restart without writing it on every request', async () => {
    let now = new Date('2026-12-04T06:00:00Z');
    w = await openWarehouse({ now: () => now, sessionIdleMs: 2 * 3600_000 });
    const op = await w.as('operator');
    const token = op.session!.token;
    const writes = async () =>
      (await w!.core.database.db.selectFrom('sessions').select('last_active_at').execute()).map(
        (r) => r.last_active_at,
      );
    const before = await writes();
    for (let i = 0; i < 50; i++) await w.core.dispatch(op, 'stock.balances', {});
    expect(await writes()).toEqual(before);
    now = new Date(now.getTime() + 90 * 60_000);
    expect((await w.core.dispatch(op, 'stock.balances', {})).ok).toBe(true);
    const dataDir = w.core.dataDir;
    await w.core.close();
    const { openTestCore } = await import('../fixtures');
    const core = await openTestCore({ dataDir, now: () => now, sessionIdleMs: 2 * 3600_000 });
    w = { ...w, core };
    // 90 min after the last request: the idle clock starts from it, not from the login.
    now = new Date(now.getTime() + 90 * 60_000);
    expect((await call(core, core.newCaller('back'), 'auth.resume', { token })).user.username).toBe('u-operator');
  });
});

// Two hosts on one PostgreSQL database (issue 15): a browser on host B resumed
// the session a window on host A logs out of, or belongs to a user host A
// disables. Host B ends it at once (the peers' events), not at its next resume.
describe.runIf(onPostgres())('sessions across hosts (PostgreSQL)', () => {
  let hostB: Core | undefined;
  afterEach(async () => {
    await hostB?.close();
    hostB = undefined;
  });

  async function openHostB(core: Core) {
    hostB = await openCore({
      dataDir: tempDataDir('host-b'),
      database: childEnv(core).CANGWU_DATABASE_URL!,
      station: 'host-b',
      log: () => {},
    });
    return hostB;
  }

  /** Polls `done` for up to 5 s: the events cross the server. */
  async function eventually(done: () => boolean | Promise<boolean>) {
    for (let i = 0; i < 250 && !(await done()); i++) await new Promise((r) => setTimeout(r, 20));
  }

  it('a logout on host A ends the same session on host B, and only that one', async () => {
    w = await openWarehouse();
    const b = await openHostB(w.core);
    const op = await w.as('operator');
    const onB = b.newCaller('browser-on-b');
    await call(b, onB, 'auth.resume', { token: op.session!.token });
    const colleague = b.newCaller('colleague-on-b');
    await call(b, colleague, 'auth.login', { username: 'u-operator', secret: password });
    const box = inbox(b, onB);
    const colleagueBox = inbox(b, colleague);

    await call(w.core, op, 'auth.logout', {});
    await eventually(() => ended(box).length > 0);
    expect(ended(box)).toEqual([{ reason: 'loggedOut', clientIds: ['browser-on-b'] }]);
    expect((await refusal(b, onB, 'stock.balances', {})).code).toBe('auth.required');
    // The same user's other session, on its own token, goes on.
    expect(ended(colleagueBox)).toEqual([]);
    expect((await b.dispatch(colleague, 'stock.balances', {})).ok).toBe(true);
    // No window hears the hosts' own message.
    expect(box.some((e) => (e.name as string) === 'auth.sessionsRevoked')).toBe(false);
  });

  it('disabling a user on host A ends their connections on host B', async () => {
    w = await openWarehouse();
    const b = await openHostB(w.core);
    const keeper = await w.as('warehouseKeeper');
    const onB = b.newCaller('keeper-on-b');
    await call(b, onB, 'auth.login', { username: 'u-warehousekeeper', secret: password });
    const box = inbox(b, onB);
    await call(w.core, w.admin, 'users.setActive', { userId: keeper.session!.userId, active: false, reason: '离职' });
    await eventually(() => ended(box).length > 0);
    expect(ended(box)).toEqual([{ reason: 'disabled', clientIds: ['keeper-on-b'] }]);
    expect((await refusal(b, onB, 'stock.balances', {})).code).toBe('auth.required');
  });
});
