// The demo's return chain (issue 13): each role logs in to a return waiting
// for them — the manager one to approve, the keeper one to check, the
// operator one to issue the note — and the register holds every state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, openTestCore } from '../fixtures';
import type { Core } from '../../../electron/core/core';
import type { Caller } from '../../../electron/core/context';

let core: Core;
const login = async (username: string): Promise<Caller> => {
  const c = core.newCaller(username);
  await call(core, c, 'auth.login', { username, secret: 'demo1234' });
  return c;
};
beforeAll(async () => {
  core = await openTestCore();
  await call(core, core.newCaller('setup'), 'setup.loadDemo', {});
}, 120_000);
afterAll(async () => core.close());

describe('the demo return chain', () => {
  it('has a return at every step and work waiting for each role', async () => {
    const manager = await login('manager');
    const all = await call(core, manager, 'returns.list', {});
    expect(all.map((r) => r.state).sort()).toEqual(['approved', 'checked', 'posted', 'rejected', 'reported']);
    const waiting = all.find((r) => r.state === 'reported')!;
    expect((await call(core, manager, 'returns.approve', { returnId: waiting.id })).state).toBe('approved');
    const checked = all.find((r) => r.state === 'checked')!;
    expect(checked.hasDifferences).toBe(true);
    const operator = await login('operator');
    const view = await call(core, operator, 'returns.get', { returnId: checked.id });
    const note = await call(core, operator, 'returns.issueNote', {
      returnId: checked.id,
      lines: view.lines.map((l) => ({ lineNo: l.lineNo, qtyGood: l.qtyChecked!, qtyDamaged: 0 })),
      idempotencyKey: 'demo-test-note-1',
    });
    expect(note.state).toBe('posted');
    // The salesperson sees their own returns.
    const sales = await login('sales');
    expect((await call(core, sales, 'returns.list', {})).length).toBe(5);
  });
});
