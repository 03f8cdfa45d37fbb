// Vehicles in Chromium against the station host (issue 12 §1): the dispatcher
// sees the demo's 30 vehicles with their types, adds one, sets it off the road
// for tomorrow with a reason — and a trip for it that day is refused; a
// vehicle that already has a trip that day cannot be set off the road, and
// the page says why. A screenshot of each step goes to test-results/screenshots.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, startStation, dispatchDay, type Station } from './harness';
import { LoginPage } from './pages/ConsolePage';
import { requestAs, VehiclesPage } from './pages/VehiclesPage';

let browser: Browser;
let station: Station;
let dispatcher: Page;

const tomorrow = dispatchDay();

beforeAll(async () => {
  browser = await launchBrowser();
  station = await startStation({ init: ['--demo'] });
  dispatcher = await newPage(browser);
  await new LoginPage(dispatcher).openAs(station.url, 'dispatcher');
});
afterAll(async () => {
  await dispatcher?.close();
  await browser?.close();
  await station?.stop();
});

describe('vehicles', () => {
  it('adds a vehicle, sets it off the road for tomorrow, and a trip for it that day is refused', async () => {
    const vehicles = new VehiclesPage(dispatcher);
    await vehicles.open();
    await expect.poll(() => vehicles.count()).toBe(30);
    expect(await vehicles.grid.innerText()).toMatch(/(4\.2|6\.8|9\.6)米厢式/);
    await screenshot(dispatcher, 'vehicles-01-list');

    await vehicles.add({
      plate: '粤A·E2E01',
      vehicleType: '4.2米厢式',
      cases: 280,
      kg: 1800,
      driver: '黄师傅',
      phone: '13800001111',
    });
    await expect.poll(() => vehicles.count()).toBe(31);
    await screenshot(dispatcher, 'vehicles-02-added');

    await vehicles.select('粤A·E2E01');
    expect(await dispatcher.getByTestId('vehicles-date').inputValue()).toBe(tomorrow);
    await vehicles.setOffRoad('年检');
    await expect.poll(() => vehicles.offRoadCell('粤A·E2E01').innerText()).toBe('停运：年检');
    await screenshot(dispatcher, 'vehicles-03-off-road');

    const list = (await requestAs(dispatcher, 'dispatcher', 'vehicles.list', { date: tomorrow })).value as {
      id: number;
      plate: string;
    }[];
    const added = list.find((v) => v.plate === '粤A·E2E01')!;
    const refused = await requestAs(dispatcher, 'dispatcher', 'dispatch.createTrip', {
      dispatchDate: tomorrow,
      vehicleId: added.id,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'dispatch.vehicleOffRoad' } });
  });

  it('refuses to set off the road a vehicle with a trip that day, saying which trip', async () => {
    const vehicles = new VehiclesPage(dispatcher);
    const list = (await requestAs(dispatcher, 'dispatcher', 'vehicles.list', { date: tomorrow })).value as {
      id: number;
      plate: string;
    }[];
    const busy = list.find((v) => v.plate !== '粤A·E2E01')!;
    const trip = await requestAs(dispatcher, 'dispatcher', 'dispatch.createTrip', {
      dispatchDate: tomorrow,
      vehicleId: busy.id,
    });
    expect(trip.ok).toBe(true);
    const number = (trip.value as { number: string }).number;

    await vehicles.select(busy.plate);
    await vehicles.setOffRoad('司机请假');
    const failure = dispatcher.getByTestId('offroad-error');
    await failure.waitFor();
    expect(await failure.innerText()).toContain(number);
    expect(await vehicles.offRoadCell(busy.plate).innerText()).toBe('');
    await screenshot(dispatcher, 'vehicles-04-has-trip');
  });
});
