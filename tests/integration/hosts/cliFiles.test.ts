// Files as Chinese offices make them, and exports that open safely in Excel
// (issue 10 §4), through the real `cangwu` process on a real data folder:
// GBK "CSV" and UTF-16 "Unicode text" (tab-separated) import the right
// Chinese names; a stray invalid byte or a replacement character is refused
// by line, nothing stored; an exported name like =HYPERLINK(…) stays text and
// a negative quantity stays a number.
import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, newKey, openWarehouse, post, receive, tempDataDir, type Warehouse } from '../fixtures';
import { buildCli, type Cli } from './cliProcess';

let cli: Cli;
let dir: string;
const header = 'code,name_zh,unit,case_pack,unit_cost';
const name = '老师傅红烧牛肉面';

beforeAll(async () => {
  cli = await buildCli();
  dir = tempDataDir('cangwu-cli-files');
  // A warehouse with formula-looking product names, stock, and a movement out of stock (-5).
  const w: Warehouse = await openWarehouse({ dataDir: dir });
  await call(w.core, w.admin, 'products.import', {
    csv: `${header}\nF1,"=HYPERLINK(""http://x"",""y"")",个,1,1.00\nF2,@SUM(1),个,1,1.00\nF3,-5,个,1,1.00\n`,
  });
  const keeper = await w.as('warehouseKeeper');
  const ids = (await call(w.core, w.admin, 'products.list', {})).filter((p) => p.code.startsWith('F'));
  await call(w.core, keeper, 'receipts.post', {
    deliveryNote: 'QS-F',
    arrivedAt: new Date().toISOString(),
    idempotencyKey: newKey(),
    lines: ids.map((p) => ({ productId: p.id, status: 'good' as const, locationId: w.bins[0]!.id, qty: 10 })),
  });
  await receive(w, keeper, [{ product: 0, bin: 0, qty: 10 }]);
  await post(w, keeper, {
    type: 'dispatchIssue',
    idempotencyKey: newKey(),
    lines: [{ productId: w.products[0]!.id, status: 'good', locationId: w.bins[0]!.id, qty: -5 }],
  });
  await w.core.close();
});
afterAll(() => {
  cli?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const nameOf = (code: string): string | undefined => {
  const db = new Database(path.join(dir, 'cangwu.db'), { readonly: true });
  try {
    return (db.prepare('SELECT name_zh FROM products WHERE code = ?').get(code) as { name_zh: string } | undefined)
      ?.name_zh;
  } finally {
    db.close();
  }
};
const productCount = (): number => {
  const db = new Database(path.join(dir, 'cangwu.db'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM products').get() as { n: number }).n;
  } finally {
    db.close();
  }
};
const importFile = async (file: string, bytes: Buffer) => {
  const full = path.join(dir, file);
  fs.writeFileSync(full, bytes);
  return cli.run(['import', 'products', full, '--data-dir', dir]);
};
const rows = (code: string, sep = ',') =>
  `${header.replaceAll(',', sep)}\r\n${[code, name, '箱', '6', '2.50'].join(sep)}\r\n`;

describe('cangwu import: files as Chinese offices make them', () => {
  it.each([
    ['UTF-8', 'E1', (s: string) => Buffer.from(s, 'utf8'), ','],
    ['UTF-8 with BOM', 'E2', (s: string) => Buffer.from(`\uFEFF${s}`, 'utf8'), ','],
    [
      'UTF-16 LE with BOM, tab-separated (Excel "Unicode text")',
      'E3',
      (s: string) => iconv.encode(s, 'utf-16le', { addBOM: true }),
      '\t',
    ],
    ['UTF-16 BE with BOM', 'E4', (s: string) => iconv.encode(s, 'utf-16be', { addBOM: true }), '\t'],
    ['GBK (Excel "CSV" in a Chinese locale)', 'E5', (s: string) => iconv.encode(s, 'gbk'), ','],
  ])('imports %s with the right Chinese name', async (_label, code, encode, sep) => {
    const r = await importFile(`${code}.csv`, encode(rows(code, sep)));
    expect([r.stderr, r.code]).toEqual([r.stderr, 0]);
    expect(r.stdout).toContain('imported 1 new products');
    expect(nameOf(code)).toBe(name);
  });

  it('refuses a file with a stray invalid byte, naming its line, and stores nothing', async () => {
    const before = productCount();
    const bytes = Buffer.concat([
      iconv.encode(`${rows('B1')}B2,康师傅,袋,6,1.00\r\nB3,`, 'gbk'),
      Buffer.from([0xff]),
      iconv.encode(',袋,6,1.00\r\n', 'gbk'),
    ]);
    const r = await importFile('bad-byte.csv', bytes);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('import.undecodable');
    expect(r.stderr).toMatch(/line 4: cannot be decoded/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(productCount()).toBe(before);
    expect(nameOf('B1')).toBeUndefined();
  });

  it('refuses a replacement character (a file decoded wrongly before) by line and field, storing nothing', async () => {
    const before = productCount();
    const r = await importFile('fffd.csv', Buffer.from(`${rows('R1')}R2,��ʦ��,袋,6,1.00\r\n`, 'utf8'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 3 \[name_zh\]: replacementChar/);
    expect(productCount()).toBe(before);
  });
});

describe('cangwu export: CSV that opens safely in Excel', () => {
  it('keeps formula-looking names as text and negative quantities as numbers', async () => {
    const [balances, movements] = await Promise.all([
      cli.run(['export', 'balances', '--data-dir', dir]),
      cli.run(['export', 'movements', '--data-dir', dir]),
    ]);
    expect(balances.code).toBe(0);
    expect(balances.stdout).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(balances.stdout).toContain(`"'@SUM(1)"`);
    // A name that is a number ("-5") stays as the user typed it.
    expect(balances.stdout).toMatch(/\r\nF3,-5,/);
    const parsed = Papa.parse<Record<string, string>>(balances.stdout.replace(/^\uFEFF/, ''), { header: true });
    expect(parsed.data.find((b) => b.product_code === 'F1')?.name_zh).toBe(`'=HYPERLINK("http://x","y")`);

    expect(movements.code).toBe(0);
    const lines = Papa.parse<Record<string, string>>(movements.stdout.replace(/^\uFEFF/, ''), { header: true }).data;
    const issue = lines.find((m) => m.type === 'dispatchIssue');
    expect(issue?.qty).toBe('-5'); // unquoted in the file, no apostrophe: a number to Excel
    expect(movements.stdout).toMatch(/,-5,-?\d+\.\d{2},/);
    expect(movements.stdout).not.toContain("'-5");
  });
});
