// Each role lands on the page it works on (issue 14 item 7).
import { describe, expect, it } from 'vitest';
import { landingPage } from '../../../renderer/app/routes';

describe('landing page', () => {
  it('puts each role on its own page', () => {
    expect(landingPage(['supervisor'])).toBe('dashboard');
    expect(landingPage(['csManager'])).toBe('dashboard');
    expect(landingPage(['operator'])).toBe('orders');
    expect(landingPage(['dispatcher'])).toBe('dispatchBoard');
    expect(landingPage(['salesperson'])).toBe('phoneOrders');
    expect(landingPage(['warehouseKeeper'])).toBe('station');
    expect(landingPage(['admin'])).toBe('users');
  });

  it('lands a person with several roles by the first of them that has a landing page', () => {
    expect(landingPage(['operator', 'supervisor'])).toBe('dashboard');
    expect(landingPage(['warehouseKeeper', 'dispatcher'])).toBe('dispatchBoard');
  });
});
