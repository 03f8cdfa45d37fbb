// The demo's complaints (issue 16): the register holds a complaint at several
// steps, one past its first-response deadline, and the supervisor finds one
// waiting for their approval.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, openDemoCore } from '../fixtures';
import type { Core } from '../../../electron/core/core';
import type { Caller } from '../../../electron/core/context';

let core: Core;
const login = async (username: string): Promise<Caller> => {
  const c = core.newCaller(username);
  await call(core, c, 'auth.login', { username, secret: 'demo1234' });
  return c;
};
beforeAll(async () => {
  // The run's demo warehouse, copied (built by the first file that asks).
  core = await openDemoCore();
}, 120_000);
afterAll(async () => core.close());

describe('the demo complaints', () => {
  it('has complaints at each step, one overdue, and one waiting for the supervisor', async () => {
    const manager = await login('manager');
    const all = await call(core, manager, 'complaints.list', {});
    expect(all.map((c) => c.state).sort()).toEqual([
      'closed',
      'closed',
      'investigating',
      'proposed',
      'received',
      'received',
      'resolved',
    ]);
    expect((await call(core, manager, 'complaints.list', { deadline: 'overdue' })).map((c) => c.content)).toEqual([
      '送货司机态度不好，卸货时催促。',
    ]);
    const supervisor = await login('supervisor');
    const waiting = all.find((c) => c.state === 'proposed')!;
    const view = await call(core, supervisor, 'complaints.get', { complaintId: waiting.id });
    expect(view.orderNumber).not.toBeNull();
    const approved = await call(core, supervisor, 'complaints.approve', {
      complaintId: waiting.id,
      solutionId: view.solutions[1]!.id,
    });
    expect(approved.state).toBe('approved');
  });
});
