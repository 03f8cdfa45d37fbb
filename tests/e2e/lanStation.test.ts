// The console on the warehouse network, as a dock browser on another computer
// meets it (this machine's LAN address stands for that computer): the first
// run asks for the setup code the host printed, and a demo database is
// announced in red on the login screen. Screenshots in test-results.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, repoRoot, screenshot } from './harness';
import { FirstRunPage } from './pages/ConsolePage';

const cli = path.join(repoRoot, 'dist', 'electron', 'cli.cjs');
const lanAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

type LanHost = { url: string; stdout: string; stderr: () => string; dataDir: string; stop(): Promise<void> };

/** `cangwu serve --host <LAN address> --insecure-http` on a free port (plain HTTP keeps Chromium free of certificate prompts). */
async function serveOnLan(dataDir: string): Promise<LanHost> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      cli,
      'serve',
      '--host',
      lanAddress!,
      '--port',
      '0',
      '--insecure-http',
      '--station',
      'LAN-1',
      '--data-dir',
      dataDir,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`station host did not start: ${stderr}`)), 30_000);
    child.stdout!.on('data', (d) => {
      stdout += d;
      const m = /(http:\/\/[\d.]+:\d+\/)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`station host exited ${code}: ${stderr}`)));
  });
  return {
    url,
    get stdout() {
      return stdout;
    },
    stderr: () => stderr,
    dataDir,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

let browser: Browser;
const folders: string[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  for (const f of folders) fs.rmSync(f, { recursive: true, force: true });
});
const tempFolder = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cangwu-e2e-lan-'));
  folders.push(dir);
  return dir;
};

describe('the build', () => {
  it('ships no source maps, so no host can serve the source', () => {
    const maps = (dir: string) =>
      (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.map'));
    expect(maps(path.join(repoRoot, 'dist', 'renderer'))).toEqual([]);
    expect(maps(path.join(repoRoot, 'dist', 'electron'))).toEqual([]);
  });
});

describe.skipIf(!lanAddress)('the console on the LAN', () => {
  it('asks another computer for the printed setup code before creating the administrator', async () => {
    const host = await serveOnLan(tempFolder());
    const page = await newPage(browser);
    try {
      // The setup-code line follows the URL line.
      await expect.poll(() => host.stdout).toMatch(/setup code: \w{4}-\w{4}-\w{4}/);
      const code = /setup code: (\w{4}-\w{4}-\w{4})/.exec(host.stdout)![1]!;
      expect(host.stderr()).toContain('WITHOUT TLS');
      const firstRun = new FirstRunPage(page);
      await firstRun.open(host.url);
      await page.getByTestId('firstrun-setupcode').waitFor();
      await firstRun.createAdmin('仓务管理员', 'boss', 'a-long-password');
      await expect.poll(() => page.getByTestId('firstrun-error').innerText()).toContain('设置码');
      await page.getByTestId('firstrun-setupcode').fill(code);
      await screenshot(page, '20-lan-first-run-setup-code');
      await page.getByTestId('firstrun-create').click();
      await page.getByTestId('topbar').waitFor();
      expect(await page.getByTestId('topbar-user').innerText()).toContain('仓务管理员');
    } finally {
      await page.close();
      await host.stop();
    }
  });

  it('shows a red banner on the login screen when the demo data is served on the network', async () => {
    const dataDir = tempFolder();
    await new Promise<void>((resolve, reject) => {
      const p = spawn(process.execPath, [cli, 'init', '--demo', '--data-dir', dataDir], { stdio: 'ignore' });
      p.on('exit', (c) => (c === 0 ? resolve() : reject(new Error(`cangwu init exited ${c}`))));
    });
    const host = await serveOnLan(dataDir);
    const page = await newPage(browser);
    try {
      expect(host.stderr()).toContain('DEMO warehouse');
      await page.goto(host.url);
      const banner = page.getByTestId('demo-network-banner');
      await banner.waitFor();
      expect(await banner.innerText()).toContain('不要在生产网络上使用');
      await screenshot(page, '21-lan-demo-banner');
    } finally {
      await page.close();
      await host.stop();
    }
  });
});
