// The dispatch board in Chromium against the station host (issue 12 §3): the
// demo warehouse's tomorrow (≈5,200 released orders, 30 vehicles) opened by the
// dispatcher; trips created; one order dragged onto a lane and another onto a
// second lane, then moved between lanes and seen on the dock's wall screen (a
// second browser, logged in separately as the keeper) without a reload; a
// the whole pool (Ctrl+A, then one selected order dragged) onto one vehicle refused, naming the vehicle; one order
// assigned by keyboard alone; one sent back to the pool; the rest planned by
// 自动排车 and accepted; a lane's stops reordered by drag, then sorted by route
// sequence; an overload forced by the lead dispatcher holding the override right. A screenshot of each
// step goes to test-results/screenshots.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, startStation, type Station } from './harness';
import { LoginPage } from './pages/ConsolePage';
import { DispatchBoardPage } from './pages/DispatchBoardPage';
import { requestAs } from './pages/VehiclesPage';

let browser: Browser;
let station: Station;
let dispatcherPage: Page;
let wallPage: Page;
let board: DispatchBoardPage;
let wall: DispatchBoardPage;

beforeAll(async () => {
  browser = await launchBrowser();
  station = await startStation({ init: ['--demo'] });
  dispatcherPage = await newPage(browser);
  wallPage = await newPage(browser);
  await new LoginPage(dispatcherPage).openAs(station.url, 'dispatcher');
  await new LoginPage(wallPage).openAs(station.url, 'keeper');
  // A small van first in the fleet (plates sort it first): the demo's vans carry the released pool
  // whole, so the overload steps need a vehicle the pool cannot fit.
  const van = await requestAs(dispatcherPage, 'dispatcher', 'vehicles.save', {
    plate: '粤A·A0001',
    vehicleType: '小面包车',
    capacityCases: 60,
    capacityKg: 400,
    driverName: '马小车',
  });
  expect(van.ok).toBe(true);
  board = new DispatchBoardPage(dispatcherPage);
  wall = new DispatchBoardPage(wallPage);
}, 180_000);
afterAll(async () => {
  await dispatcherPage?.close();
  await wallPage?.close();
  await browser?.close();
  await station?.stop();
});

describe('the dispatch board', () => {
  let first = '';
  let second = '';
  let plateA = '';
  let plateB = '';

  it("opens tomorrow's board from the demo day with the released orders in the pool", async () => {
    await board.open();
    await wall.open();
    expect(await board.poolCount()).toBeGreaterThan(50);
    await expect.poll(() => board.poolOrderAt(0).isVisible()).toBe(true);
    // The wall screen looks on: no drag, no buttons.
    expect(await wallPage.getByTestId('board-new-trip').count()).toBe(0);
    await screenshot(dispatcherPage, 'dispatch-01-board-opened');
  });

  it('creates two trips, each a lane with empty fill bars', async () => {
    const before = await board.lanes.count();
    await board.newTrip('07:30', 0);
    await board.newTrip('08:00', 0);
    await expect.poll(() => board.lanes.count()).toBe(before + 2);
    plateA = (await board.laneAt(0).getAttribute('data-plate'))!;
    plateB = (await board.laneAt(1).getAttribute('data-plate'))!;
    expect(plateA).not.toBe(plateB);
    expect(await board.laneAt(0).getByTestId('fill-cases').getAttribute('data-level')).toBe('ok');
    await wall.lane(plateB).waitFor();
    await screenshot(dispatcherPage, 'dispatch-02-trips-created');
  });

  it('drags one order onto a lane and another onto a second lane', async () => {
    first = (await board.poolOrderAt(0).getAttribute('data-number'))!;
    await board.drag(board.poolOrder(first), board.lane(plateA));
    await board.chip(board.lane(plateA), first).waitFor();
    expect(await board.poolOrder(first).count()).toBe(0);

    second = (await board.poolOrderAt(0).getAttribute('data-number'))!;
    await board.drag(board.poolOrder(second), board.lane(plateB));
    await board.chip(board.lane(plateB), second).waitFor();
    // The core's reply puts each on its customer's stop (no pending mark left).
    await expect.poll(() => board.lane(plateA).locator('.chip-pending').count()).toBe(0);
    await screenshot(dispatcherPage, 'dispatch-03-dragged-onto-lanes');
  });

  it('moves an order to another vehicle and the wall screen shows it without a reload', async () => {
    await board.drag(board.chip(board.lane(plateA), first), board.lane(plateB));
    await board.chip(board.lane(plateB), first).waitFor();
    expect(await board.chip(board.lane(plateA), first).count()).toBe(0);
    // The second browser: the order on the other vehicle's lane, within the wait.
    await wall.chip(wall.lane(plateB), first).waitFor({ timeout: 5000 });
    expect(await wall.chip(wall.lane(plateA), first).count()).toBe(0);
    expect(await wall.lane(plateB).getAttribute('data-orders')).toBe('2');
    await screenshot(dispatcherPage, 'dispatch-04-moved-between-lanes');
    await screenshot(wallPage, 'dispatch-04-wall-screen-live');
  });

  it('refuses the whole pool on one vehicle, naming the vehicle, and assigns nothing', async () => {
    const poolBefore = await board.poolCount();
    await board.selectAll();
    await board.drag(board.poolOrderAt(0), board.lane(plateA));
    await board.refusal.waitFor();
    expect(await board.refusal.innerText()).toContain(plateA);
    expect(await board.lane(plateA).getAttribute('data-orders')).toBe('0');
    expect(await board.poolCount()).toBe(poolBefore);
    await screenshot(dispatcherPage, 'dispatch-05-over-capacity-refused');
    await dispatcherPage.getByTestId('board-refusal-close').click();
  });

  it('assigns an order by keyboard alone: select, Enter, the trip number, Enter', async () => {
    const trip = (await board.lane(plateA).getAttribute('data-trip'))!;
    const number = await board.assignByKeyboard(trip);
    await board.chip(board.lane(plateA), number).waitFor();
    expect(await board.poolOrder(number).count()).toBe(0);
    await wall.chip(wall.lane(plateA), number).waitFor({ timeout: 5000 });
    await screenshot(dispatcherPage, 'dispatch-06-keyboard-assigned');
  });

  it('sends an order back to the pool with Delete on its chip', async () => {
    const chip = board.chip(board.lane(plateB), second);
    await chip.focus();
    await dispatcherPage.keyboard.press('Delete');
    await expect.poll(() => board.chip(board.lane(plateB), second).count()).toBe(0);
    expect(await board.lane(plateB).getAttribute('data-orders')).toBe('1');
    await expect.poll(() => wall.chip(wall.lane(plateB), second).count(), { timeout: 5000 }).toBe(0);
    await screenshot(dispatcherPage, 'dispatch-07-unassigned');
  });

  it('plans the rest of the pool with 自动排车, and accepting it fills the lanes on both screens', async () => {
    const poolBefore = await board.poolCount();
    await dispatcherPage.getByTestId('board-auto-assign').click();
    await dispatcherPage.getByTestId('auto-assign-summary').waitFor();
    await screenshot(dispatcherPage, 'dispatch-09-auto-assign-preview');
    // The preview says how many it places ("4,942 / 4,942", grouped digits): the pool left after accepting it.
    const placedText = await dispatcherPage.getByTestId('auto-assign-placed').innerText();
    const placed = Number(placedText.split('/')[0]!.replace(/\D/g, ''));
    await dispatcherPage.getByTestId('auto-assign-accept').click();
    await dispatcherPage.getByTestId('auto-assign-dialog').waitFor({ state: 'detached' });
    // A whole day of assignments (~4,900 orders) to write and show: more than the poll's default wait on a busy machine.
    await expect.poll(() => board.poolCount(), { timeout: 20_000 }).toBe(poolBefore - placed);
    await expect.poll(() => wall.poolCount(), { timeout: 20_000 }).toBe(poolBefore - placed);
    // Both screens end with the same orders on each lane.
    const seen = async (b: DispatchBoardPage) => [
      await b.poolCount(),
      await b.lanes.evaluateAll((els) =>
        els.map((e) => `${e.getAttribute('data-plate')}:${e.getAttribute('data-orders')}`),
      ),
    ];
    await expect
      .poll(async () => JSON.stringify(await seen(wall)), { timeout: 20_000 })
      .toBe(JSON.stringify(await seen(board)));
    await screenshot(dispatcherPage, 'dispatch-10-auto-assigned');
    await screenshot(wallPage, 'dispatch-10-wall-auto-assigned');
  });

  it('reorders the stops of a lane by dragging one, and sorts them by the driving order with its button, live on the wall screen', async () => {
    const lane = board.lanes.filter({ has: dispatcherPage.getByTestId('lane-stop').nth(2) }).first();
    const plate = (await lane.getAttribute('data-plate'))!;
    const stops = lane.getByTestId('lane-stop');
    const order = (l: typeof lane) =>
      l.getByTestId('lane-stop').evaluateAll((els) => els.map((e) => e.getAttribute('data-customer')));
    const sorted = await order(lane);
    await board.drag(stops.nth(1).locator('.stop-head'), stops.nth(0).locator('.stop-head'), 0.25);
    const dragged = [sorted[1], sorted[0], ...sorted.slice(2)];
    await expect.poll(() => order(lane)).toEqual(dragged);
    await expect.poll(() => order(wall.lane(plate)), { timeout: 5000 }).toEqual(dragged);
    await screenshot(dispatcherPage, 'dispatch-11-stop-reordered');

    // The core's driving order (route sequence; nearest neighbour from the depot where customers have coordinates,
    // as the demo's do): a second sort changes nothing, and the wall screen follows.
    const sort = lane.getByTestId('lane-sort');
    await sort.click();
    await expect.poll(() => sort.getAttribute('aria-busy')).toBe('false');
    const driving = await order(lane);
    await sort.click();
    await expect.poll(() => sort.getAttribute('aria-busy')).toBe('false');
    expect(await order(lane)).toEqual(driving);
    await expect.poll(() => order(wall.lane(plate)), { timeout: 5000 }).toEqual(driving);
    await screenshot(dispatcherPage, 'dispatch-12-sorted-by-route');
  });

  it('lets the lead dispatcher (override right) force an overload, recorded, and the lane turns red on every screen', async () => {
    const leadPage = await newPage(browser);
    try {
      await new LoginPage(leadPage).openAs(station.url, 'dispatchlead');
      const lead = new DispatchBoardPage(leadPage);
      await lead.open();
      // Stop by stop from the second vehicle onto the first, until the first would be overloaded (the day's
      // cases are more than one vehicle carries).
      for (let i = 0; i < 60 && !(await lead.refusal.isVisible()); i++) {
        const before = await lead.lane(plateB).getAttribute('data-orders');
        await lead.drag(lead.lane(plateB).getByTestId('lane-stop').first().locator('.stop-head'), lead.lane(plateA));
        await expect
          .poll(
            async () =>
              (await lead.refusal.isVisible()) || (await lead.lane(plateB).getAttribute('data-orders')) !== before,
          )
          .toBe(true);
      }
      expect(await lead.refusal.innerText()).toContain(plateA);
      await screenshot(leadPage, 'dispatch-13-override-offered');
      await lead.refusal.getByTestId('board-force').click();
      await expect.poll(() => lead.lane(plateA).getByTestId('fill-cases').getAttribute('data-level')).toBe('over');
      // The core's reply marks the forced orders.
      await expect.poll(() => lead.lane(plateA).locator('.chip.forced').count()).toBeGreaterThan(0);
      await expect
        .poll(() => wall.lane(plateA).getByTestId('fill-cases').getAttribute('data-level'), { timeout: 5000 })
        .toBe('over');
      await screenshot(leadPage, 'dispatch-14-forced-over-capacity');
    } finally {
      await leadPage.close();
    }
  });
});
