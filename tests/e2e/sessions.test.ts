// Login, sessions and the administrator's user actions as people meet them
// (issue 10): the lockout message says when to come back; the administrator
// disables a user and that user's open window returns to the login saying
// why; a user changes their own password from the top bar.
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, startStation, type Station } from './harness';
import { LoginPage, Shell } from './pages/ConsolePage';
import { ScanStationPage } from './pages/ScanStationPage';

let browser: Browser;
let station: Station;
beforeAll(async () => {
  browser = await launchBrowser();
  station = await startStation({ init: ['--demo'] });
});
afterAll(async () => {
  await station?.stop();
  if (station) fs.rmSync(station.dataDir, { recursive: true, force: true });
  await browser?.close();
});

describe('sessions in the console', () => {
  it('shows the lockout with the time to try again after repeated wrong passwords', async () => {
    const page = await newPage(browser);
    try {
      await page.goto(station.url);
      await page.getByTestId('login-screen').waitFor();
      const login = new LoginPage(page);
      for (let i = 0; i < 5; i++) {
        await login.logIn('supervisor', `wrong-${i}`);
        await expect.poll(() => page.getByTestId('login-error').getAttribute('data-code')).not.toBe('');
        if (i < 4) await expect.poll(() => page.getByTestId('login-error').innerText()).toContain(String(4 - i));
      }
      await expect.poll(() => page.getByTestId('login-error').getAttribute('data-code')).toBe('auth.lockedOut');
      // "请于 HH:MM …（1 分钟后）再试"
      expect(await page.getByTestId('login-error').innerText()).toMatch(/\d{1,2}:\d{2}.*1 分钟/);
      await screenshot(page, 'auth-01-lockout');
    } finally {
      await page.close();
    }
  });

  it('sends a disabled user back to the login screen with the reason, and lets them in again once enabled', async () => {
    const keeperPage = await newPage(browser);
    const adminPage = await newPage(browser);
    try {
      await new LoginPage(keeperPage).openAs(station.url, 'keeper2');
      await new LoginPage(adminPage).openAs(station.url, 'admin');
      await new Shell(adminPage).go('users');
      await adminPage.getByTestId('users-grid').locator('.ag-row', { hasText: 'keeper2' }).click();
      await adminPage.getByTestId('user-toggle-active').click();
      await adminPage.getByTestId('user-action-reason').fill('调岗');
      await adminPage.getByTestId('user-action-submit').click();
      await adminPage.getByTestId('user-disabled').waitFor();
      await expect
        .poll(() => adminPage.getByTestId('users-grid').locator('.ag-row', { hasText: 'keeper2' }).innerText())
        .toContain('已停用');
      await screenshot(adminPage, 'auth-02-users-disabled');

      await keeperPage.getByTestId('login-screen').waitFor();
      expect(await keeperPage.getByTestId('login-notice').innerText()).toContain('停用');
      await screenshot(keeperPage, 'auth-03-ended-elsewhere');

      await adminPage.getByTestId('user-toggle-active').click();
      await adminPage.getByTestId('user-action-reason').fill('回岗');
      await adminPage.getByTestId('user-action-submit').click();
      await expect.poll(() => adminPage.getByTestId('user-disabled').count()).toBe(0);
      await new LoginPage(keeperPage).logIn('keeper2', 'demo1234');
      await keeperPage.getByTestId('topbar').waitFor();
    } finally {
      await keeperPage.close();
      await adminPage.close();
    }
  });

  it('lets a user change their own password from the top bar; their other window returns to the login', async () => {
    const page = await newPage(browser);
    const other = await newPage(browser);
    try {
      await new LoginPage(page).openAs(station.url, 'dispatcher');
      await new LoginPage(other).openAs(station.url, 'dispatcher');
      await page.getByTestId('change-password').click();
      await page.getByTestId('password-old').fill('not-it');
      await page.getByTestId('password-next').fill('new-password-1');
      await page.getByTestId('password-again').fill('new-password-1');
      await page.getByTestId('password-submit').click();
      await expect.poll(() => page.getByTestId('password-error').innerText()).toContain('密码');
      await page.getByTestId('password-old').fill('demo1234');
      await page.getByTestId('password-submit').click();
      await expect.poll(() => page.getByTestId('password-dialog').count()).toBe(0);
      // This window stays logged in (on its new session) and keeps working after a reload.
      await page.reload();
      await page.getByTestId('topbar').waitFor();
      await other.getByTestId('login-screen').waitFor();
      expect(await other.getByTestId('login-notice').innerText()).toContain('密码');
      await new LoginPage(other).logIn('dispatcher', 'new-password-1');
      await other.getByTestId('topbar').waitFor();
    } finally {
      await page.close();
      await other.close();
    }
  });

  it('names each browser its own station: two keepers at one host keep their own tasks', async () => {
    const dock = await newPage(browser);
    const returnsDesk = await newPage(browser);
    try {
      // Chosen once on this device's login screen, kept across reloads.
      const name = async (page: typeof dock, stationName: string) => {
        await page.goto(station.url);
        await page.getByTestId('login-screen').waitFor();
        await page.getByTestId('station-name-change').click();
        await page.getByTestId('station-name-input').fill('/');
        await page.getByTestId('station-name-save').click();
        await page.getByTestId('station-name-form').getByRole('alert').waitFor();
        await page.getByTestId('station-name-input').fill(stationName);
        await page.getByTestId('station-name-save').click();
        await expect.poll(() => page.getByTestId('login-station').innerText()).toContain(stationName);
      };
      await name(dock, 'Dock 2');
      await screenshot(dock, 'auth-04-station-named');
      await name(returnsDesk, '退货台');
      await new LoginPage(dock).logIn('keeper', 'demo1234');
      await new LoginPage(returnsDesk).logIn('keeper2', 'demo1234');
      expect(await dock.getByTestId('topbar-station').innerText()).toContain('Dock 2');
      expect(await returnsDesk.getByTestId('topbar-station').innerText()).toContain('退货台');

      const dockStation = new ScanStationPage(dock);
      await dockStation.open();
      await dock.getByTestId('station-task-receipt').click();
      await expect.poll(() => dock.getByTestId('station-task-receipt').getAttribute('aria-pressed')).toBe('true');
      // The other keeper's station is still free: their own task, taken without a refusal.
      const deskStation = new ScanStationPage(returnsDesk);
      await deskStation.open();
      expect(await returnsDesk.getByTestId('station-task-lookup').getAttribute('aria-pressed')).toBe('true');
      await returnsDesk.getByTestId('station-task-receipt').click();
      await expect
        .poll(() => returnsDesk.getByTestId('station-task-receipt').getAttribute('aria-pressed'))
        .toBe('true');
      expect(await returnsDesk.getByRole('alert').count()).toBe(0);
      await screenshot(returnsDesk, 'auth-05-second-station');

      // A reload comes back as the same station, with its task.
      await dock.reload();
      await dockStation.open();
      expect(await dock.getByTestId('topbar-station').innerText()).toContain('Dock 2');
      expect(await dock.getByTestId('station-task-receipt').getAttribute('aria-pressed')).toBe('true');
    } finally {
      await dock.close();
      await returnsDesk.close();
    }
  });
});
