// The order's states and the one table of legal transitions (issue 11 §9).
// Every state change goes through `assertTransition`; an illegal one is the
// typed error orders.illegalTransition naming the order and both states.
import type { OrderState } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';

export const transitions: Record<OrderState, readonly OrderState[]> = {
  // Entry: qualification decides at once (R1).
  received: ['held', 'awaitingConfirmation', 'qualified', 'cancelled'],
  // Unqualified 待处理: corrected and qualified again.
  held: ['held', 'awaitingConfirmation', 'qualified', 'cancelled'],
  // Phone order 待确认 (R1): the salesperson confirms or rejects; a correction may hold it.
  awaitingConfirmation: ['qualified', 'held', 'awaitingConfirmation', 'cancelled'],
  qualified: ['held', 'awaitingConfirmation', 'qualified', 'short', 'released', 'cancelled'],
  // On the daily confirmation list (R4): released when stock comes, or changed with consent.
  short: ['short', 'released', 'held', 'qualified', 'cancelled'],
  // Reserved (R5): taken back to change it, or picked up by dispatch.
  released: ['qualified', 'assigned', 'cancelled'],
  // Taken off a trip short (R8): back to the pool, or to the confirmation list.
  assigned: ['released', 'picking', 'cancelled', 'short'],
  picking: ['assigned', 'loaded', 'cancelled', 'released', 'short'],
  // Stock is issued at loading (R8: the whole order); no cancelling after that.
  loaded: ['departed'],
  departed: ['delivered', 'refused'],
  delivered: [],
  refused: [],
  cancelled: [],
};

export function canTransition(from: OrderState, to: OrderState): boolean {
  return transitions[from].includes(to);
}

export function assertTransition(order: { number: string; state: string }, to: OrderState): void {
  if (!canTransition(order.state as OrderState, to))
    throw new AppError('orders.illegalTransition', { number: order.number, from: order.state, to });
}

/** States whose lines may be edited (a released order is taken back first). */
export const editableStates: readonly OrderState[] = ['held', 'awaitingConfirmation', 'qualified', 'short'];

/** What stops an edit: a released order must be taken back; a later one is no longer the operator's. */
export function assertEditable(order: { number: string; state: string }): void {
  if (editableStates.includes(order.state as OrderState)) return;
  if (order.state === 'released') throw new AppError('orders.takeBackFirst', { number: order.number });
  throw new AppError('orders.notEditable', { number: order.number, state: order.state });
}
