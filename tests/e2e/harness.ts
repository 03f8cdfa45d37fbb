// End-to-end harness: the real station host (the built `cangwu serve`) on a
// temporary data folder and a free port, driven by Debian's Chromium.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { tempDir } from '../helpers/tempDirs';
import { nextWorkingDay } from '../../shared/workingDays';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');
const cli = path.join(repoRoot, 'dist', 'electron', 'cli.cjs');

/**
 * The warehouse time zone of this run (vitest.config.mts picks one where it is
 * morning now), given to every host this harness starts. Business dates in a
 * test come from here, never from the machine's clock in a fixed zone.
 */
export const warehouseZone = process.env.CANGWU_E2E_TIME_ZONE ?? 'Asia/Shanghai';

/** The warehouse's calendar day `offsetDays` from today, 'YYYY-MM-DD'. */
export function warehouseDay(offsetDays = 0): string {
  const today = new Date().toLocaleDateString('en-CA', { timeZone: warehouseZone });
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + offsetDays)).toISOString().slice(0, 10);
}

/**
 * The day the demo's order file is for, and the console's default dispatch
 * date: the warehouse's next working day (Monday when the run falls on a
 * Saturday; the calendar tomorrow would then be an empty Sunday).
 */
export function dispatchDay(): string {
  return nextWorkingDay(warehouseDay());
}

/** A working day after the demo's: for a test that writes its own day of orders beside the demo's. */
export function dayAfterDispatch(): string {
  return nextWorkingDay(dispatchDay());
}

export type Station = { url: string; dataDir: string; process: ChildProcess; stop(): Promise<void> };

/**
 * `cangwu init` with the run's warehouse zone (and e.g. `--demo`). A test that
 * fills a folder itself (openCore, raw SQL) calls this first, so the folder's
 * business days are the run's.
 */
export async function initDataDir(dataDir: string, args: string[] = []): Promise<void> {
  if (!fs.existsSync(cli)) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  // The demo was built once for the run (demoTemplate.ts): a copy is the same warehouse.
  const template = args.length === 1 && args[0] === '--demo' ? inject('demoTemplate') : undefined;
  if (template) {
    fs.cpSync(template, dataDir, { recursive: true });
    return;
  }
  const line = [cli, 'init', ...args, '--time-zone', warehouseZone, '--data-dir', dataDir];
  await new Promise<void>((resolve, reject) => {
    const p = spawn(process.execPath, line, { stdio: 'ignore' });
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`cangwu init exited ${code}`))));
  });
}

/**
 * Starts `cangwu serve` on a free port; `init` runs first when asked (e.g. the demo).
 * `database`: a PostgreSQL URL the host uses instead of the data folder's SQLite file.
 */
export async function startStation(
  opts: { dataDir?: string; init?: string[]; database?: string; station?: string } = {},
): Promise<Station> {
  if (!fs.existsSync(cli)) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  const dataDir = opts.dataDir ?? tempDir('e2e');
  // A folder a test prepared itself was made by initDataDir already.
  if (opts.init || !opts.dataDir) await initDataDir(dataDir, opts.init);
  const args = ['serve', '--port', '0', '--station', opts.station ?? 'E2E-1', '--data-dir', dataDir];
  if (opts.database) args.push('--database', opts.database);
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`station host did not start: ${stderr}`)), 30_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`station host exited ${code}: ${stderr}`)));
  });
  return {
    url,
    dataDir,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        // A host that does not stop in time must not hang the suite.
        setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export async function newPage(browser: Browser, locale = 'zh-CN'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale });
  const page = await context.newPage();
  // Each page has its own context: closing the page ends its connections too.
  page.once('close', () => void context.close().catch(() => undefined));
  page.on('pageerror', (e) => console.error('page error:', e.message));
  // Error toasts and console errors reach the test log, so a red CI run says what the user saw.
  page.on('console', (m) => {
    if (m.type() === 'error' || m.text().startsWith('[toast]')) console.error(`page ${m.type()}:`, m.text());
  });
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
