// Login throttling per client address (issue 10): a flood of wrong passwords
// from one machine locks that machine out, not the account everywhere; unknown
// names are answered and throttled exactly like real ones; the key derivation
// never holds the database while it runs.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../../electron/core/context';
import { call, openWarehouse, password, refusal, type Warehouse } from '../fixtures';

let w: Warehouse | undefined;
afterEach(async () => {
  await w?.core.close();
  if (w) fs.rmSync(w.core.dataDir, { recursive: true, force: true });
  w = undefined;
});

const from = (w: Warehouse, address: string): Caller =>
  w.core.newCaller(`client-${address}-${Math.random()}`, { address, local: false });

describe('login throttling', () => {
  it('answers an unknown name exactly as a real one, and throttles both', async () => {
    w = await openWarehouse();
    await w.as('operator');
    const c = from(w, '10.0.0.7');
    for (let i = 1; i <= 4; i++) {
      const real = await refusal(w.core, c, 'auth.login', { username: 'u-operator', secret: 'wrong' });
      const made = await refusal(w.core, c, 'auth.login', { username: 'nobody-here', secret: 'wrong' });
      expect(made).toEqual(real);
      expect(real).toEqual({ code: 'auth.badCredentials', details: { attemptsLeft: 5 - i } });
    }
    const realLock = await refusal(w.core, c, 'auth.login', { username: 'u-operator', secret: 'wrong' });
    const madeLock = await refusal(w.core, c, 'auth.login', { username: 'nobody-here', secret: 'wrong' });
    expect(madeLock).toEqual(realLock);
    expect(realLock).toEqual({ code: 'auth.lockedOut', details: { retryAfterSeconds: 60 } });
    // A disabled account is answered as an unknown name too, right password included.
    const op = await w.as('operator');
    const id = op.session!.userId;
    await call(w.core, w.admin, 'users.setActive', { userId: id, active: false, reason: '离职' });
    expect(
      await refusal(w.core, from(w, '10.0.0.8'), 'auth.login', { username: 'u-operator', secret: password }),
    ).toEqual({ code: 'auth.badCredentials', details: { attemptsLeft: 4 } });
  });

  it('lets the administrator log in from their own machine while another floods wrong passwords for admin', async () => {
    w = await openWarehouse();
    const flooder = from(w, '10.0.0.66');
    const codes = new Set<string>();
    for (let i = 0; i < 12; i++) {
      codes.add((await refusal(w.core, flooder, 'auth.login', { username: 'admin', secret: `guess-${i}` })).code);
    }
    expect(codes).toEqual(new Set(['auth.badCredentials', 'auth.lockedOut']));
    // The flooder is locked out even with the right password…
    expect((await refusal(w.core, flooder, 'auth.login', { username: 'admin', secret: password })).code).toBe(
      'auth.lockedOut',
    );
    // …the administrator at their own desk is not.
    const desk = from(w, '10.0.0.2');
    expect((await call(w.core, desk, 'auth.login', { username: 'admin', secret: password })).user.username).toBe(
      'admin',
    );
  });

  it('grows the lockout for a client that keeps failing, and locks a client flooding many names', async () => {
    let now = new Date('2026-12-04T08:00:00Z');
    w = await openWarehouse({ now: () => now });
    const c = from(w, '10.0.0.9');
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < (i === 0 ? 5 : 1); j++) {
        const r = await refusal(w.core, c, 'auth.login', { username: 'admin', secret: 'x' });
        if (r.code === 'auth.lockedOut' && j === (i === 0 ? 4 : 0)) waits.push(r.details!.retryAfterSeconds as number);
      }
      now = new Date(now.getTime() + waits.at(-1)! * 1000 + 1000);
    }
    expect(waits).toEqual([60, 120, 240]);
    // 20 wrong logins from one address over many names lock the address, for every name.
    const sprayer = from(w, '10.0.0.10');
    for (let i = 0; i < 19; i++) await refusal(w.core, sprayer, 'auth.login', { username: `name-${i}`, secret: 'x' });
    expect((await refusal(w.core, sprayer, 'auth.login', { username: 'name-x', secret: 'x' })).code).toBe(
      'auth.lockedOut',
    );
    expect((await refusal(w.core, sprayer, 'auth.login', { username: 'admin', secret: password })).code).toBe(
      'auth.lockedOut',
    );
    expect(
      (await call(w.core, from(w, '10.0.0.11'), 'auth.login', { username: 'admin', secret: password })).user.id,
    ).toBe(w.admin.session!.userId);
  });

  it('writes failed logins and lockouts to the audit log, shows the lock to the administrator, who can unlock', async () => {
    w = await openWarehouse();
    const op = await w.as('operator');
    const opId = op.session!.userId;
    const c = from(w, '10.0.0.5');
    for (let i = 0; i < 5; i++) await refusal(w.core, c, 'auth.login', { username: 'u-operator', secret: 'x' });
    const users = await call(w.core, w.admin, 'users.list', {});
    expect(users.find((u) => u.id === opId)!.lockedUntil).not.toBeNull();
    expect(users.find((u) => u.username === 'admin')!.lockedUntil).toBeNull();

    const manager = await w.as('csManager');
    const audit = (await call(w.core, manager, 'audit.list', { offset: 0, limit: 100 })).rows;
    const failures = audit.filter((r) => r.entity === 'login' && JSON.parse(r.after!).ok === false);
    expect(failures).toHaveLength(5);
    expect(JSON.parse(failures[0]!.after!)).toMatchObject({ username: 'u-operator', address: '10.0.0.5' });
    const lockout = audit.find((r) => r.entity === 'login.lockout')!;
    expect(JSON.parse(lockout.after!)).toMatchObject({
      username: 'u-operator',
      address: '10.0.0.5',
      retryAfterSeconds: 60,
    });

    const unlocked = await call(w.core, w.admin, 'users.unlock', { userId: opId });
    expect(unlocked.lockedUntil).toBeNull();
    expect((await call(w.core, c, 'auth.login', { username: 'u-operator', secret: password })).user.id).toBe(opId);
    expect(
      (await call(w.core, manager, 'audit.list', { offset: 0, limit: 100 })).rows.some(
        (r) => r.entity === 'user.unlock',
      ),
    ).toBe(true);
  });

  it('keeps the database free while wrong logins derive their keys: another client reads before they finish', async () => {
    w = await openWarehouse();
    const reader = await w.as('salesperson');
    let loginsDone = 0;
    const logins = Array.from({ length: 30 }, (_, i) =>
      w!.core
        .dispatch(from(w!, `10.1.0.${i}`), 'auth.login', {
          username: i % 2 ? 'admin' : `name-${i}`,
          secret: `wrong-${i}`,
        })
        .then((r) => {
          loginsDone++;
          return r;
        }),
    );
    const read = await w.core.dispatch(reader, 'products.list', {});
    const doneAtRead = loginsDone;
    const results = await Promise.all(logins);
    expect(read.ok).toBe(true);
    // Ordering, not time: the read did not queue behind the 30 key derivations.
    expect(doneAtRead).toBeLessThan(30);
    expect(results.filter((r) => !r.ok && r.error.code === 'auth.badCredentials')).toHaveLength(30);
  });
});
