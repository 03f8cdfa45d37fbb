// The order's transition table (electron/core/orders/states.ts, issue 11 §9).
import { describe, expect, it } from 'vitest';
import { orderStates, type OrderState } from '../../../shared/contract';
import { assertEditable, canTransition, transitions } from '../../../electron/core/orders/states';

describe('order states', () => {
  it('may be cancelled from every state before loading, and from none after', () => {
    const before: OrderState[] = [
      'received',
      'held',
      'awaitingConfirmation',
      'qualified',
      'short',
      'released',
      'assigned',
      'picking',
    ];
    for (const s of orderStates) expect([s, canTransition(s, 'cancelled')]).toEqual([s, before.includes(s)]);
  });

  it('reaches released only from qualified or short (R1: never held or unconfirmed), or back from a trip', () => {
    const into = orderStates.filter((s) => canTransition(s, 'released'));
    // assigned and picking: back to the pool — unassigned, or taken off a trip short at the dock (R8).
    expect(into.sort()).toEqual(['assigned', 'picking', 'qualified', 'short']);
  });

  it('goes short (the confirmation list) from a trip only before it is loaded', () => {
    const into = orderStates.filter((s) => s !== 'short' && canTransition(s, 'short'));
    expect(into.sort()).toEqual(['assigned', 'picking', 'qualified']);
  });

  it('ends delivered, refused and cancelled orders for good', () => {
    for (const s of ['delivered', 'refused', 'cancelled'] as const) expect(transitions[s]).toEqual([]);
  });

  it('names the order and both states in an illegal transition, and asks to take a released order back first', () => {
    expect(() => assertEditable({ number: 'SO-1', state: 'released' })).toThrow(
      expect.objectContaining({ code: 'orders.takeBackFirst', details: { number: 'SO-1' } }),
    );
    expect(() => assertEditable({ number: 'SO-2', state: 'loaded' })).toThrow(
      expect.objectContaining({ code: 'orders.notEditable', details: { number: 'SO-2', state: 'loaded' } }),
    );
  });
});
