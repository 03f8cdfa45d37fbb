// Page object for the vehicles page (issue 12 §1), in the dispatcher's words:
// add a vehicle, pick one, set it off the road for the date shown.
import type { Locator, Page } from 'playwright-core';

export class VehiclesPage {
  constructor(readonly page: Page) {}
  get grid(): Locator {
    return this.page.getByTestId('vehicles-grid');
  }
  async open() {
    await this.page.getByTestId('nav-vehicles').click();
    await this.page.getByTestId('vehicles').waitFor();
  }
  async count(): Promise<number> {
    return Number(await this.page.getByTestId('vehicles-count').getAttribute('data-rows'));
  }
  async add(v: { plate: string; vehicleType: string; cases: number; kg: number; driver: string; phone: string }) {
    await this.page.getByTestId('vehicles-new').click();
    await this.page.getByTestId('vehicle-plate').fill(v.plate);
    await this.page.getByTestId('vehicle-vehicleType').fill(v.vehicleType);
    await this.page.getByTestId('vehicle-capacityCases').fill(String(v.cases));
    await this.page.getByTestId('vehicle-capacityKg').fill(String(v.kg));
    await this.page.getByTestId('vehicle-driverName').fill(v.driver);
    await this.page.getByTestId('vehicle-driverPhone').fill(v.phone);
    await this.page.getByTestId('vehicle-save').click();
  }
  async select(plate: string) {
    await this.page.getByTestId('quick-filter').fill(plate);
    await this.grid.locator('.ag-row [col-id="plate"]').filter({ hasText: plate }).first().click();
    await this.page.getByTestId('offroad-form').waitFor();
  }
  async setOffRoad(reason: string) {
    await this.page.getByTestId('offroad-reason').fill(reason);
    await this.page.getByTestId('offroad-toggle').click();
  }
  offRoadCell(plate: string): Locator {
    return this.grid.locator('.ag-row').filter({ hasText: plate }).locator('[col-id="offRoad"]');
  }
}

/**
 * Another dispatcher's window asking the station host for something the
 * board page (not this page) does — a new trip — over its own connection.
 * Answers the request's result: { ok, value } or { ok: false, error }.
 */
export async function requestAs(
  page: Page,
  username: string,
  name: string,
  input: unknown,
): Promise<{ ok: boolean; value?: unknown; error?: { code: string; details?: Record<string, unknown> } }> {
  return page.evaluate(
    ([username, name, input]) =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(`ws://${location.host}/ws`);
        const send = (id: number, n: string, i: unknown) => ws.send(JSON.stringify({ id, name: n, input: i }));
        ws.onerror = () => reject(new Error('socket failed'));
        ws.onopen = () => send(1, 'auth.login', { username, secret: 'demo1234' });
        ws.onmessage = (m) => {
          const msg = JSON.parse(String(m.data)) as { id?: number; result?: { ok: boolean } };
          if (msg.id === 1) {
            if (!msg.result?.ok) reject(new Error('login failed'));
            else send(2, name, input);
          } else if (msg.id === 2) {
            ws.close();
            resolve(msg.result as never);
          }
        };
      }),
    [username, name, input] as const,
  );
}
