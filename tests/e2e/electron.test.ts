// The Electron host itself, where its binary exists. On machines that cannot
// download Electron (this one, and CI) it is reported skipped with the reason;
// the same renderer and contract are covered through the station host.
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../scripts/electronBinary.mjs';
import { repoRoot, screenshot } from './harness';
import { tempDir } from '../helpers/tempDirs';

const binary = findElectronBinary(repoRoot);
const reason = binary
  ? ''
  : ' (skipped: the Electron binary is not installed and cannot be downloaded on this machine)';

describe('Electron host', () => {
  it.skipIf(!binary)(`opens one sandboxed window showing the first-run screen${reason}`, async () => {
    const dataDir = tempDir('electron');
    const app = await electron.launch({
      executablePath: binary!,
      args: [repoRoot, '--data-dir', dataDir],
      cwd: repoRoot,
    });
    try {
      const window = await app.firstWindow();
      await window.waitForSelector('[data-testid="firstrun-create-admin"]');
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const w = BrowserWindow.getAllWindows()[0]!;
        return { count: BrowserWindow.getAllWindows().length, url: w.webContents.getURL() };
      });
      expect(prefs.count).toBe(1);
      // Served from the app:// scheme, never file:// (electron/appProtocol.ts).
      expect(prefs.url).toMatch(/^app:\/\/cangwu\/index\.html/);
      expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe(
        'undefined',
      );
      await screenshot(window, 'electron-first-run');
    } finally {
      await app.close();
    }
  });
});
