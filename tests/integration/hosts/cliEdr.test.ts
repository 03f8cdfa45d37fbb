// `cangwu report edr --week W --out DIR` as a real process over the demo
// warehouse (issue 17 §2): the week's CSV and XLSX land in DIR, the export is
// logged with their paths (as the operator), a second run is a re-send, a week
// not over needs --draft, and a refusal (exit 1, the console's error code)
// writes and logs nothing. The scorecard's PDF needs the console build and
// Chromium: tests/e2e/edr.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../../electron/core/db/open';
import { defaultTimeZone } from '../../../electron/core/clock';
import { today as warehouseToday } from '../../../electron/core/orders/dates';
import { isoWeekOf, lastFullWeek, weekDays } from '../../../shared/reports/weeks';
import { tempDir } from '../../helpers/tempDirs';
import { buildCli, type Cli } from './cliProcess';

let cli: Cli;
let dataDir: string;

beforeAll(async () => {
  cli = await buildCli();
  dataDir = path.join(tempDir('cli-edr'), 'data');
  const init = await cli.run(['init', '--demo', '--data-dir', dataDir]);
  expect([init.code, init.stderr]).toEqual([0, expect.any(String)]);
}, 180_000);
afterAll(() => cli?.close());

const log = () => {
  const db = new Database(databasePath(dataDir), { readonly: true });
  try {
    return db
      .prepare(
        'SELECT e.week, e.format, e.draft, e.resend_of AS resendOf, e.path, u.username FROM edr_exports e JOIN users u ON u.id = e.exported_by ORDER BY e.id',
      )
      .all() as {
      week: string;
      format: string;
      draft: number;
      resendOf: number | null;
      path: string;
      username: string;
    }[];
  } finally {
    db.close();
  }
};

/** Today in the data folder's zone (`cangwu init` without --time-zone: the default). */
const today = () => warehouseToday(new Date(), defaultTimeZone);

describe('cangwu report edr', () => {
  it("writes a closed week's CSV and XLSX into the folder, logged with their paths; again, a re-send", async () => {
    const out = tempDir('cli-edr-out');
    const week = lastFullWeek(today());
    const r = await cli.run(['report', 'edr', '--week', week, '--out', out, '--data-dir', dataDir]);
    expect([r.code, r.stderr]).toEqual([0, expect.any(String)]);
    const csv = path.join(out, `EDR-${week}-FINAL.csv`);
    const xlsx = path.join(out, `EDR-${week}-FINAL.xlsx`);
    expect(r.stdout).toContain(csv);
    expect(fs.readFileSync(csv, 'utf8').split('\r\n')[0]).toBe(
      '\uFEFFrecord,week,send,principal_code,product_code,product_name,customer_code,customer_name,area,status,qty,amount',
    );
    expect(fs.readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    expect(log()).toEqual([
      { week, format: 'csv', draft: 0, resendOf: null, path: csv, username: 'operator' },
      { week, format: 'xlsx', draft: 0, resendOf: null, path: xlsx, username: 'operator' },
    ]);
    // A day of the week names the same week; the second run says it is a re-send.
    const day = weekDays(week).from;
    const again = await cli.run(['report', 'edr', '--week', day, '--out', out, '--data-dir', dataDir, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      send: 'RESEND',
      files: [expect.stringContaining('RESEND.csv'), expect.any(String)],
    });
    expect(fs.readdirSync(out).sort()).toEqual(
      [`EDR-${week}-FINAL.csv`, `EDR-${week}-FINAL.xlsx`, `EDR-${week}-RESEND.csv`, `EDR-${week}-RESEND.xlsx`].sort(),
    );
  });

  it('refuses a week not over without --draft (exit 1, nothing written or logged), and writes it with --draft', async () => {
    const out = tempDir('cli-edr-open');
    const week = isoWeekOf(today());
    const before = log().length;
    const r = await cli.run(['report', 'edr', '--week', week, '--out', out, '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('edr.weekOpen');
    expect(fs.readdirSync(out)).toEqual([]);
    expect(log().length).toBe(before);
    const draft = await cli.run(['report', 'edr', '--week', week, '--out', out, '--draft', '--data-dir', dataDir]);
    expect([draft.code, draft.stderr]).toEqual([0, expect.any(String)]);
    expect(fs.readdirSync(out).sort()).toEqual([`EDR-${week}-DRAFT.csv`, `EDR-${week}-DRAFT.xlsx`]);
    expect(
      log()
        .slice(before)
        .map((e) => [e.draft, e.path]),
    ).toEqual([
      [1, path.join(out, `EDR-${week}-DRAFT.csv`)],
      [1, path.join(out, `EDR-${week}-DRAFT.xlsx`)],
    ]);
  });
});
