// End-to-end harness: the real station host (the built `cangwu serve`) on a
// temporary data folder and a free port, driven by Debian's Chromium.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { tempDir } from '../helpers/tempDirs';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');
const cli = path.join(repoRoot, 'dist', 'electron', 'cli.cjs');

export type Station = { url: string; dataDir: string; process: ChildProcess; stop(): Promise<void> };

/** Starts `cangwu serve` on a free port; `init` runs first when asked (e.g. the demo). */
export async function startStation(opts: { dataDir?: string; init?: string[] } = {}): Promise<Station> {
  if (!fs.existsSync(cli)) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  const dataDir = opts.dataDir ?? tempDir('e2e');
  if (opts.init) {
    await new Promise<void>((resolve, reject) => {
      const p = spawn(process.execPath, [cli, 'init', ...opts.init!, '--data-dir', dataDir], { stdio: 'ignore' });
      p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`cangwu init exited ${code}`))));
    });
  }
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--station', 'E2E-1', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
