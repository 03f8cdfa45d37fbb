// Tomorrow's board from the demo day (issue 12): 30 vehicles typed by their
// capacity, the lead dispatcher holding the override right, and the released
// day's orders in the pool with their loads, which the fleet can carry.
import { demoVehicleTypes } from '../../../electron/core/setup/demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import type { Caller } from '../../../electron/core/context';
import { call, openDemoCore } from '../fixtures';

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

describe('the demo’s board', () => {
  it('has 30 vans whose capacities in cases and kg match their type', async () => {
    const vehicles = await call(core, await login('dispatcher'), 'vehicles.list', {});
    expect(vehicles).toHaveLength(30);
    const mismatched = vehicles.filter((v) => {
      const size = demoVehicleTypes.find((d) => d.type === v.vehicleType);
      return !size || v.capacityCases !== size.cases || Math.abs(v.capacityKg - size.kg) > size.kg * 0.05 + 50; // ±5 %, rounded to 100 kg
    });
    expect(mismatched).toEqual([]);
    // Every type is in the fleet, so a day needs a mix of small and large vans.
    expect(new Set(vehicles.map((v) => v.vehicleType)).size).toBe(demoVehicleTypes.length);
  });

  it('lets the lead dispatcher force beyond capacity and not the dispatcher', async () => {
    const rows = await call(core, await login('operator'), 'orders.list', {});
    const date = rows[0]!.dispatchDate!;
    expect((await call(core, await login('dispatchlead'), 'dispatch.board', { dispatchDate: date })).canOverride).toBe(
      true,
    );
    expect((await call(core, await login('dispatcher'), 'dispatch.board', { dispatchDate: date })).canOverride).toBe(
      false,
    );
  });

  it('shows the released day in the pool without a release by hand, weighed, emergency orders first', async () => {
    const op = await login('operator');
    const date = (await call(core, op, 'orders.list', {}))[0]!.dispatchDate!;
    const board = await call(core, await login('dispatcher'), 'dispatch.board', { dispatchDate: date });
    expect(board.orders.length).toBeGreaterThan(4800);
    expect(board.vehicles).toHaveLength(30);
    expect(board.orders.every((o) => o.tripId === null && o.state === 'released')).toBe(true);
    const firstPlain = board.orders.findIndex((o) => !o.emergency);
    expect(board.orders.slice(firstPlain).some((o) => o.emergency)).toBe(false);
    expect(board.orders.filter((o) => o.weightG > 0 && o.loadCases > 0).length).toBe(board.orders.length);
  });

  it('has a fleet that carries the whole released day, in cases and in kg', async () => {
    const op = await login('operator');
    const date = (await call(core, op, 'orders.list', {}))[0]!.dispatchDate!;
    const board = await call(core, await login('dispatcher'), 'dispatch.board', { dispatchDate: date });
    const cases = board.orders.reduce((s, o) => s + o.loadCases, 0);
    const kg = board.orders.reduce((s, o) => s + o.weightG, 0) / 1000;
    expect(cases).toBeGreaterThan(15_000);
    expect(cases).toBeLessThan(board.vehicles.reduce((s, v) => s + v.capacityCases, 0));
    expect(kg).toBeLessThan(board.vehicles.reduce((s, v) => s + v.capacityKg, 0));
  });
});
