// The principal's weekly data (issue 17 §2) over the demo warehouse: the
// week's sell-out equals the delivered order lines net of refusals computed
// here line by line, the stock on hand equals the live balances for the
// current week, the returns equal the checked return lines; a week not over
// goes out only as a draft, a second final export is a re-send of the first,
// and the principal's codes replace ours.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import type { Caller } from '../../../electron/core/context';
import { startOfDay } from '../../../electron/core/clock';
import { addDays, isoWeek, today } from '../../../electron/core/orders/dates';
import { mondayOfWeek } from '../../../electron/core/reports/period';
import { tempDir } from '../../helpers/tempDirs';
import { call, openDemoCore, refusal } from '../fixtures';

let core: Core;
let op: Caller;
let zone: string;
let thisWeek: string;
/** The week of the demo's delivered trip (two days ago). */
let deliveredWeek: string;

beforeAll(async () => {
  // The run's demo warehouse, copied (built by the first file that asks).
  core = await openDemoCore();
  op = core.newCaller('operator');
  await call(core, op, 'auth.login', { username: 'operator', secret: 'demo1234' });
  zone = core.timeZone;
  const day = today(core.now(), zone);
  thisWeek = isoWeek(day);
  deliveredWeek = isoWeek(addDays(day, -2));
}, 120_000);
afterAll(async () => core.close());

const db = () => core.database.db;
/** How many exports the log holds. */
const logged = async () =>
  Number(
    (
      await db()
        .selectFrom('edr_exports')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the EDR week', () => {
  it("sells out the week's delivered lines net of refusals, gifts apart, per product and customer", async () => {
    const week = await call(core, op, 'edr.week', { week: deliveredWeek });
    const from = mondayOfWeek(deliveredWeek)!;
    const to = addDays(from, 6);
    // Independent: every delivered line, its refused units subtracted one by one.
    const { rows: lines } = await sql<{ product: string; customer: string; id: number; qty: number; price: number }>`
      SELECT p.code AS product, c.code AS customer, l.id, l.qty, l.price_fen AS price
        FROM order_outcomes oc JOIN orders o ON o.id = oc.order_id JOIN order_lines l ON l.order_id = o.id
        JOIN products p ON p.id = l.product_id JOIN customers c ON c.id = o.customer_id
       WHERE oc.delivered_date BETWEEN ${from} AND ${to} AND oc.outcome <> 'refused' AND l.gift = 0`.execute(db());
    const expected = new Map<string, { qty: number; amountFen: number }>();
    for (const l of lines) {
      const refused = await db().selectFrom('refused_lines').select('qty').where('line_id', '=', l.id).execute();
      const back = refused.reduce((s, r) => s + r.qty, 0);
      const key = `${l.product}|${l.customer}`;
      const e = expected.get(key) ?? { qty: 0, amountFen: 0 };
      e.qty += l.qty - back;
      e.amountFen += (l.qty - back) * l.price;
      expected.set(key, e);
    }
    for (const [k, v] of expected) if (v.qty === 0) expected.delete(k);
    expect(lines.length).toBeGreaterThan(0);
    expect(
      new Map(week.sellOut.map((r) => [`${r.productCode}|${r.customerCode}`, { qty: r.qty, amountFen: r.amountFen }])),
    ).toEqual(expected);
    // The demo's partly refused order leaves less than was ordered.
    const ordered = lines.reduce((s, l) => s + l.qty, 0);
    expect(week.sellOut.reduce((s, r) => s + r.qty, 0)).toBeLessThan(ordered);
  });

  it("holds the current week's stock on hand equal to the live balances", async () => {
    const week = await call(core, op, 'edr.week', { week: thisWeek });
    expect(week.closed).toBe(false);
    const { rows: balances } = await sql<{ k: string; qty: number }>`
      SELECT p.code || '|' || b.status AS k, SUM(b.qty) AS qty FROM balances b JOIN products p ON p.id = b.product_id
       GROUP BY b.product_id, b.status, p.code HAVING SUM(b.qty) <> 0`.execute(db());
    expect(new Map(week.stock.map((r) => [`${r.productCode}|${r.status}`, r.qty]))).toEqual(
      new Map(balances.map((b) => [b.k, b.qty])),
    );
  });

  it('lists the return lines checked in during the week at their price', async () => {
    const start = startOfDay(mondayOfWeek(thisWeek)!, zone).toISOString();
    const end = startOfDay(addDays(mondayOfWeek(thisWeek)!, 7), zone).toISOString();
    const expected = (
      await sql<{ qty: number; fen: number }>`
        SELECT COALESCE(SUM(rl.qty_checked), 0) AS qty, COALESCE(SUM(rl.qty_checked * rl.unit_price_fen), 0) AS fen
          FROM returns r JOIN return_lines rl ON rl.return_id = r.id
         WHERE r.checked_at >= ${start} AND r.checked_at < ${end} AND rl.qty_checked > 0`.execute(db())
    ).rows[0]!;
    // The demo checks returns in at the station today.
    expect(expected.qty).toBeGreaterThan(0);
    const week = await call(core, op, 'edr.week', { week: thisWeek });
    expect(week.returns.reduce((s, r) => s + r.qty, 0)).toBe(expected.qty);
    expect(week.returns.reduce((s, r) => s + r.amountFen, 0)).toBe(expected.fen);
  });
});

describe('EDR exports', () => {
  it('refuses a final export of a week not over, writing nothing, and logs it as a draft', async () => {
    const before = await logged();
    const r = await refusal(core, op, 'edr.recordExport', { week: thisWeek, format: 'csv' });
    expect(r.code).toBe('edr.weekOpen');
    expect(await logged()).toBe(before);
    const { logged: draft } = await call(core, op, 'edr.recordExport', { week: thisWeek, format: 'xlsx', draft: true });
    expect(draft).toMatchObject({ week: thisWeek, draft: true, resendOf: null, format: 'xlsx' });
  });

  it('marks a second final export of a closed week as a re-send of the first', async () => {
    const lastWeek = isoWeek(addDays(mondayOfWeek(thisWeek)!, -7));
    const { logged: first, data: week } = await call(core, op, 'edr.recordExport', { week: lastWeek, format: 'csv' });
    expect(first).toMatchObject({ draft: false, resendOf: null });
    // The log counts exactly the tables answered for the file.
    expect(first.sellOutRows).toBe(week.sellOut.length);
    expect(first.sellOutFen).toBe(week.sellOut.reduce((s, r) => s + r.amountFen, 0));
    const { logged: again } = await call(core, op, 'edr.recordExport', { week: lastWeek, format: 'xlsx' });
    expect(again.resendOf).toBe(first.id);
    expect((await call(core, op, 'edr.log', {})).slice(0, 2).map((e) => e.id)).toEqual([again.id, first.id]);
  });

  it("writes the principal's code for a mapped product, and refuses one code for two products", async () => {
    const week = await call(core, op, 'edr.week', { week: deliveredWeek });
    const row = week.sellOut[0]!;
    const codes = await call(core, op, 'edr.codes', {});
    const product = codes.find((c) => c.productCode === row.productCode)!;
    await call(core, op, 'edr.setCode', { productId: product.productId, principalCode: 'PG-80001' });
    const mapped = await call(core, op, 'edr.week', { week: deliveredWeek });
    expect(
      mapped.sellOut.filter((r) => r.productCode === row.productCode).every((r) => r.principalCode === 'PG-80001'),
    ).toBe(true);
    const other = codes.find((c) => c.productId !== product.productId)!;
    const r = await refusal(core, op, 'edr.setCode', { productId: other.productId, principalCode: 'PG-80001' });
    expect(r).toMatchObject({ code: 'edr.codeTaken', details: { productCode: row.productCode } });
    await call(core, op, 'edr.setCode', { productId: product.productId, principalCode: null });
    expect((await call(core, op, 'edr.week', { week: deliveredWeek })).sellOut[0]!.principalCode).toBe(row.productCode);
  });
});

/** A folder this process cannot write: a read-only temp folder, or (as root, who writes anyway) /sys; null when none. */
function unwritableFolder(): string | null {
  const dir = tempDir('edr-ro');
  fs.chmodSync(dir, 0o555);
  for (const d of [dir, '/sys']) {
    try {
      fs.writeFileSync(path.join(d, '.probe'), '');
      fs.rmSync(path.join(d, '.probe'), { force: true });
    } catch {
      return d;
    }
  }
  return null;
}

describe('the EDR written to a folder on the host', () => {
  let admin: Caller;
  let folder: string;
  beforeAll(async () => {
    admin = core.newCaller('admin');
    await call(core, admin, 'auth.login', { username: 'admin', secret: 'demo1234' });
    folder = tempDir('edr-out');
  });

  it('refuses a write with no folder set, and a folder missing, relative or not writable, logging nothing', async () => {
    const before = await logged();
    expect((await refusal(core, op, 'edr.writeToFolder', { week: deliveredWeek })).code).toBe('edr.folderUnset');
    const missing = path.join(folder, 'no-such');
    expect(await refusal(core, admin, 'edr.setFolder', { folder: missing })).toMatchObject({
      code: 'edr.folderMissing',
      details: { folder: missing },
    });
    expect((await refusal(core, admin, 'edr.setFolder', { folder: 'edr/out' })).code).toBe('edr.folderNotAbsolute');
    const file = path.join(folder, 'a-file.txt');
    fs.writeFileSync(file, 'x');
    expect((await refusal(core, admin, 'edr.setFolder', { folder: file })).code).toBe('edr.folderMissing');
    fs.rmSync(file);
    const readOnly = unwritableFolder();
    if (readOnly !== null)
      expect((await refusal(core, admin, 'edr.setFolder', { folder: readOnly })).code).toBe('edr.folderNotWritable');
    // Only the administrator names the folder.
    expect((await refusal(core, op, 'edr.setFolder', { folder })).code).toBe('auth.forbidden');
    expect(await call(core, op, 'edr.folder', {})).toEqual({ folder: null });
    expect(await logged()).toBe(before);
  });

  it('writes the CSV and the XLSX of a closed week there, each logged with its path; the next is a re-send', async () => {
    expect(await call(core, admin, 'edr.setFolder', { folder })).toEqual({ folder });
    expect(await call(core, op, 'edr.folder', {})).toEqual({ folder });
    const week = isoWeek(addDays(mondayOfWeek(thisWeek)!, -14));
    const { logged: rows, files } = await call(core, op, 'edr.writeToFolder', { week });
    const csv = path.join(folder, `EDR-${week}-FINAL.csv`);
    const xlsx = path.join(folder, `EDR-${week}-FINAL.xlsx`);
    expect(files).toEqual([csv, xlsx]);
    expect(rows.map((r) => [r.format, r.path, r.draft, r.resendOf])).toEqual([
      ['csv', csv, false, null],
      ['xlsx', xlsx, false, null],
    ]);
    const stored = await db()
      .selectFrom('edr_exports')
      .select(['format', 'path'])
      .where('id', 'in', [rows[0]!.id, rows[1]!.id])
      .orderBy('id')
      .execute();
    expect(stored).toEqual([
      { format: 'csv', path: csv },
      { format: 'xlsx', path: xlsx },
    ]);
    // The files carry what the log counted: one data row per sell-out, stock and return row.
    const data = await call(core, op, 'edr.week', { week });
    const total = data.sellOut.length + data.stock.length + data.returns.length;
    const lines = fs.readFileSync(csv, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFrecord,week,send,principal_code,product_code,product_name,customer_code,customer_name,area,status,qty,amount',
    );
    expect(lines.length - 1).toBe(total);
    expect(lines.slice(1).every((l) => l.includes(`,${week},FINAL,`))).toBe(true);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    expect(book.getWorksheet('EDR')!.rowCount - 1).toBe(total);
    expect(fs.readdirSync(folder).filter((f) => f.endsWith('.part') || f.startsWith('.cangwu'))).toEqual([]);
    // Written again: a re-send of the first, under its own names.
    const again = await call(core, op, 'edr.writeToFolder', { week });
    expect(again.files).toEqual([
      path.join(folder, `EDR-${week}-RESEND.csv`),
      path.join(folder, `EDR-${week}-RESEND.xlsx`),
    ]);
    expect(again.logged.map((r) => r.resendOf)).toEqual([rows[0]!.id, rows[0]!.id]);
  });

  it('writes a week not over only as a draft, and refuses a folder that went away, logging nothing', async () => {
    expect((await refusal(core, op, 'edr.writeToFolder', { week: thisWeek })).code).toBe('edr.weekOpen');
    const draft = await call(core, op, 'edr.writeToFolder', { week: thisWeek, draft: true });
    expect(draft.files.map((f) => path.basename(f))).toEqual([
      `EDR-${thisWeek}-DRAFT.csv`,
      `EDR-${thisWeek}-DRAFT.xlsx`,
    ]);
    const gone = tempDir('edr-gone');
    await call(core, admin, 'edr.setFolder', { folder: gone });
    fs.rmSync(gone, { recursive: true });
    const before = await logged();
    expect(await refusal(core, op, 'edr.writeToFolder', { week: deliveredWeek, draft: true })).toMatchObject({
      code: 'edr.folderMissing',
      details: { folder: gone },
    });
    expect(await logged()).toBe(before);
    // A folder named in the request is for callers on the host itself; cleared, none is set.
    await call(core, admin, 'edr.setFolder', { folder: null });
    expect(await call(core, op, 'edr.folder', {})).toEqual({ folder: null });
  });
});
