// PDFs without a desktop: the station host and the CLI open the console's own
// print route (#/print/<doc>?…) in a headless system Chromium through
// playwright-core and print it with the shared layout (pdfLayout.ts). The page
// is the same React document the desktop prints, with the same stylesheet and
// fonts, so the three hosts write the same PDF. The page is logged in as the
// user the PDF is written for by a session that lives only for this print
// (created here, deleted after), handed to the page through sessionStorage
// before any of its scripts run — never in the address.
import { chromium, type Browser } from 'playwright-core';
import { AppError } from '../../shared/errors';
import { newToken, tokenHash } from '../core/auth/password';
import type { Core } from '../core/core';
import { playwrightPdfOptions } from './pdfLayout';

/** The system Chromium (Debian's package); CHROMIUM_PATH names another. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export type HeadlessPrint = {
  /** The station host's address serving the built renderer, e.g. http://127.0.0.1:5310/ */
  baseUrl: string;
  /** The print route after #/print/, e.g. "weeklyReport?from=2026-11-23&to=2026-11-29". */
  route: string;
  /** Whose session the page runs in: the PDF shows what this user may see and names them as printer. */
  userId: number;
  locale?: 'zh-CN' | 'en';
  /** How long the document may take to load its data, in ms. */
  timeoutMs?: number;
};

/** A short-lived session for a page that prints (expires in 10 minutes even if never deleted). */
export async function printSession(core: Core, userId: number): Promise<{ token: string; end(): Promise<void> }> {
  const token = newToken();
  const hash = tokenHash(token);
  const now = core.now();
  const db = core.database.db;
  await db
    .insertInto('sessions')
    .values({
      token_hash: hash,
      user_id: userId,
      station: 'print',
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + 10 * 60_000).toISOString(),
      last_active_at: now.toISOString(),
    })
    .execute();
  return {
    token,
    end: async () => void (await db.deleteFrom('sessions').where('token_hash', '=', hash).execute()),
  };
}

export async function launchPrintBrowser(): Promise<Browser> {
  try {
    return await chromium.launch({
      executablePath: chromiumPath(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
  } catch (e) {
    throw new AppError('print.noChromium', {
      path: chromiumPath(),
      reason: (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '',
    });
  }
}

/** The print route as a finished PDF (A4, page x of y). Opens and closes its own browser unless one is given. */
export async function printRouteToPdf(core: Core, job: HeadlessPrint, shared?: Browser): Promise<Buffer> {
  const browser = shared ?? (await launchPrintBrowser());
  const session = await printSession(core, job.userId);
  try {
    // The host prints from itself over loopback; its certificate (self-signed on a LAN) is its own.
    const context = await browser.newContext({ locale: job.locale ?? 'zh-CN', ignoreHTTPSErrors: true });
    try {
      await context.addInitScript((token: string) => {
        sessionStorage.setItem('cangwu.sessionToken', token);
      }, session.token);
      const page = await context.newPage();
      await page.emulateMedia({ media: 'print' });
      await page.goto(`${job.baseUrl.replace(/\/?$/, '/')}#/print/${job.route}`);
      // The sheet is drawn once its data has arrived (every print returns nothing before).
      await page.waitForSelector('.print-sheet[data-print-ready]', { timeout: job.timeoutMs ?? 60_000 });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      return await page.pdf(playwrightPdfOptions);
    } finally {
      await context.close();
    }
  } finally {
    await session.end().catch(() => undefined);
    if (!shared) await browser.close();
  }
}
