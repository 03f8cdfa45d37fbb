// Page object for the dispatch board 调度看板 (issue 12 §3): the pool of
// released orders, one lane per trip, drag and drop with the mouse and
// assignment by keyboard — in the dispatcher's words.
import type { Locator, Page } from 'playwright-core';

export class DispatchBoardPage {
  constructor(readonly page: Page) {}

  get board(): Locator {
    return this.page.getByTestId('dispatch-board');
  }
  get pool(): Locator {
    return this.page.getByTestId('pool-list');
  }
  get lanes(): Locator {
    return this.page.getByTestId('lane');
  }
  get refusal(): Locator {
    return this.page.getByTestId('board-refusal');
  }

  /** Opens the board from the nav (tomorrow by default) and waits until its rows are in. */
  async open(date?: string) {
    if (date) await this.page.goto(`${this.page.url().split('#')[0]}#/dispatchBoard?date=${date}`);
    else await this.page.getByTestId('nav-dispatchBoard').click();
    await this.page.locator('[data-testid="dispatch-board"][data-ready="true"]').waitFor();
  }

  async poolCount(): Promise<number> {
    return Number(await this.page.getByTestId('board-count').getAttribute('data-pool'));
  }

  /** A pool row of an order (in view: the list is windowed). */
  poolOrder(number: string): Locator {
    return this.pool.locator(`[data-testid="pool-order"][data-number="${number}"]`);
  }
  /** The n-th order row in view in the pool. */
  poolOrderAt(n: number): Locator {
    return this.pool.getByTestId('pool-order').nth(n);
  }
  poolGroup(level: 'emergency' | 'area' | 'route', n = 0): Locator {
    return this.pool.locator(`[data-testid="pool-group"][data-level="${level}"]`).nth(n);
  }

  lane(plate: string): Locator {
    return this.page.locator(`[data-testid="lane"][data-plate="${plate}"]`);
  }
  laneAt(n: number): Locator {
    return this.lanes.nth(n);
  }
  /** An order's chip on a lane. */
  chip(lane: Locator, number: string): Locator {
    return lane.locator(`[data-testid="lane-order"][data-number="${number}"]`);
  }

  /** "New trip": a vehicle (by its place in the list, or the first proposed) and a departure time. */
  async newTrip(departTime: string, vehicleIndex = 0) {
    await this.page.getByTestId('board-new-trip').click();
    const dialog = this.page.getByTestId('new-trip');
    await dialog.waitFor();
    const select = dialog.getByTestId('new-trip-vehicle');
    const value = await select.locator('option').nth(vehicleIndex).getAttribute('value');
    await select.selectOption(value!);
    await dialog.getByTestId('new-trip-time').fill(departTime);
    await dialog.getByTestId('new-trip-submit').click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** Drags with the mouse as a dispatcher does: press, move in steps (the drag starts after a few pixels), release. */
  async drag(from: Locator, to: Locator, toHeight = 0.5) {
    await from.scrollIntoViewIfNeeded();
    const a = await from.boundingBox();
    const b = await to.boundingBox();
    if (!a || !b) throw new Error('drag: source or target not on screen');
    const mouse = this.page.mouse;
    await mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await mouse.down();
    await mouse.move(a.x + a.width / 2 + 12, a.y + a.height / 2 + 6, { steps: 3 });
    await mouse.move(b.x + b.width / 2, b.y + Math.min(b.height * toHeight, 160), { steps: 8 });
    await mouse.up();
  }

  /** Ctrl+A in the pool: every order it shows. */
  async selectAll() {
    await this.pool.focus();
    await this.page.keyboard.press('Control+a');
  }

  /** Keyboard only: the pool focused, the selection cleared, the cursor moved to the first order, selected, Enter, the trip typed, Enter. */
  async assignByKeyboard(typed: string) {
    await this.pool.focus();
    // Escape: nothing selected before.
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Home');
    // The first rows are group heads: down to the first order row.
    for (let i = 0; i < 5; i++) {
      const cursor = this.pool.locator('.pool-row.cursor');
      if ((await cursor.getAttribute('data-testid')) === 'pool-order') break;
      await this.page.keyboard.press('ArrowDown');
    }
    const number = await this.pool.locator('.pool-row.cursor').getAttribute('data-number');
    await this.page.keyboard.press('Space');
    await this.page.keyboard.press('Enter');
    await this.page.getByTestId('trip-prompt').waitFor();
    await this.page.getByTestId('trip-prompt-input').fill(typed);
    await this.page.getByTestId('trip-prompt-input').press('Enter');
    await this.page.getByTestId('trip-prompt').waitFor({ state: 'detached' });
    return number!;
  }
}
