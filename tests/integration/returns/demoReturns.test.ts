// The demo's return chain (issue 13): each role logs in to a return waiting
// for them — the manager one to approve, the keeper one to check, the
// operator one to issue the note — and the register holds every state.
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
    // Each names an order its customer received: no flag, and the note credits the order lines' prices.
    expect(all.every((r) => !r.noDelivery && r.orderNumbers.length === 1)).toBe(true);
    const posted = await call(core, manager, 'returns.get', { returnId: all.find((r) => r.state === 'posted')!.id });
    const order = (await call(core, operator, 'orders.list', {})).find((o) => o.number === posted.orderNumbers[0])!;
    const prices = new Map(
      (await call(core, operator, 'orders.get', { orderId: order.id })).lines.map((l) => [l.id, l.priceFen ?? 0]),
    );
    const credit = posted.lines.reduce((s, l) => s + (l.qtyGood! + l.qtyDamaged!) * prices.get(l.orderLineId!)!, 0);
    expect(credit).toBeGreaterThan(0);
    expect(posted.returnNote!.creditFen).toBe(credit);
    // The salesperson's form finds that customer's delivered orders, and the keeper refused goods to take in.
    expect(
      (await call(core, operator, 'returns.returnable', { customerId: posted.customerId })).map((o) => o.number),
    ).toEqual(posted.orderNumbers);
    const keeper = await login('keeper');
    expect((await call(core, keeper, 'dispatch.awaitingReturn', {})).rows.length).toBeGreaterThan(0);
    // The salesperson sees their own returns.
    const sales = await login('sales');
    expect((await call(core, sales, 'returns.list', {})).length).toBe(5);
  });
});
