// Page objects for scanning: the station screen, the scanner test/settings
// screen and the scan log, in the keeper's and the administrator's words.
import type { Locator, Page } from 'playwright-core';

export class ScanStationPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-station').click();
    await this.page.getByTestId('station').waitFor();
    // The station's state has arrived when the task buttons are enabled.
    await this.page.getByTestId('station-task-lookup').and(this.page.locator(':enabled')).waitFor();
  }

  get banner(): Locator {
    return this.page.getByTestId('scan-banner');
  }
  get manualInput(): Locator {
    return this.page.getByTestId('station-manual-input');
  }
  get qty(): Locator {
    return this.page.getByTestId('station-qty');
  }
  rows(): Locator {
    return this.page.getByTestId('station-scan-row');
  }

  async bannerScanId(): Promise<number> {
    return Number((await this.banner.getAttribute('data-scan-id')) ?? 0);
  }

  /** Waits for the banner to show a scan newer than `afterId`; returns its outcome. */
  async nextScan(afterId: number): Promise<{ id: number; outcome: string; text: string }> {
    await this.page.waitForFunction(
      (after) =>
        Number(document.querySelector('[data-testid="scan-banner"]')?.getAttribute('data-scan-id') ?? 0) > after,
      afterId,
    );
    return {
      id: await this.bannerScanId(),
      outcome: (await this.banner.getAttribute('data-outcome')) ?? '',
      text: await this.banner.innerText(),
    };
  }

  /** Keys as a keyboard-wedge scanner sends them: fast, then Enter. */
  async wedgeScan(code: string, delayMs = 5) {
    await this.page.keyboard.type(code, { delay: delayMs });
    await this.page.keyboard.press('Enter');
  }

  /**
   * Keys as the OS delivers a real wedge scanner's: each stamped with the time
   * the scanner sent it, `gapMs` apart, however long the page takes to handle
   * the previous one. page.keyboard.type cannot do this: each of its keys is
   * stamped when Chromium receives it, which is after the page has finished
   * with the previous key — on a page doing work per key (a grid's quick
   * filter) that makes 5 ms keys 60–200 ms apart, slower than any person, and
   * unlike a USB keyboard, whose events queue up with their own timestamps.
   */
  async hardwareScan(code: string, gapMs = 5) {
    const cdp = await this.page.context().newCDPSession(this.page);
    try {
      const t0 = Date.now() / 1000;
      const keys = [...code, 'Enter'];
      for (const [i, key] of keys.entries()) {
        const timestamp = t0 + (i * gapMs) / 1000;
        const enter = key === 'Enter';
        const text = enter ? '\r' : key;
        const code = enter ? 'Enter' : /\d/.test(key) ? `Digit${key}` : `Key${key.toUpperCase()}`;
        const windowsVirtualKeyCode = enter ? 13 : key.toUpperCase().charCodeAt(0);
        await cdp.send('Input.dispatchKeyEvent', {
          type: 'keyDown',
          key,
          code,
          text,
          unmodifiedText: text,
          windowsVirtualKeyCode,
          timestamp,
        });
        await cdp.send('Input.dispatchKeyEvent', {
          type: 'keyUp',
          key,
          code,
          windowsVirtualKeyCode,
          timestamp: timestamp + 0.001,
        });
      }
    } finally {
      await cdp.detach();
    }
  }

  /** The wedge's verdict on the last burst ('scan', 'tooSlow', 'tooShort') and its gaps, from the station screen. */
  async lastWedge(): Promise<{ last: string; gaps: string }> {
    const chip = this.page.getByTestId('station-wedge');
    return {
      last: (await chip.getAttribute('data-last')) ?? '',
      gaps: (await chip.getAttribute('data-last-gaps')) ?? '',
    };
  }

  // ---- the count task (blind: what this counter counted, never the book)
  get countPanel(): Locator {
    return this.page.getByTestId('task-count');
  }
  /** The panel's heading: the task and the session counted into. */
  async countSession(): Promise<string> {
    return this.countPanel.locator('h2').innerText();
  }
  /** The current bin and the units counted in it ("A-18 · 1,234"), or the prompt to scan a bin label. */
  async countBin(): Promise<string> {
    const value = this.page.getByTestId('task-count-bin').locator('.task-bin-code, .task-bin-none');
    return (await value.innerText()).replace(/\s+/g, ' ').trim();
  }
  async countLines(): Promise<string> {
    return this.page.getByTestId('task-count-lines').innerText();
  }

  /** Takes the focus out of every field (digits then go to the quantity key). */
  async blur() {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  }
}

// A serial scanner on the host end of a socat pty pair: the one helper of the tests and benches.
export { SerialCable as SerialScanner } from '../../helpers/serialScanner';

export class ScannerTestPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-scannerTest').click();
    await this.page.getByTestId('scannerTest').waitFor();
  }

  async addScanner(opts: { name: string; port: string; station?: string; terminator?: string }) {
    await this.page.getByTestId('scanner-add').click();
    await this.page.getByTestId('scanner-form-name').fill(opts.name);
    if (opts.station) await this.page.getByTestId('scanner-form-station').fill(opts.station);
    await this.page.getByTestId('scanner-form-port').fill(opts.port);
    if (opts.terminator) await this.page.getByTestId('scanner-form-terminator').selectOption(opts.terminator);
    await this.page.getByTestId('scanner-form-save').click();
    await this.page.getByTestId('scanner-form').waitFor({ state: 'detached' });
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid^="scanner-row-"][data-name="${name}"]`);
  }
  get state(): Locator {
    return this.page.getByTestId('scannertest-state');
  }
}

export class ScanLogPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-scanLog').click();
    await this.page.getByTestId('scanLog').waitFor();
  }

  cell(rowIndex: number, colId: string): Locator {
    return this.page.getByTestId('scanLog').locator(`.ag-row[row-index="${rowIndex}"] [col-id="${colId}"]`);
  }
}
