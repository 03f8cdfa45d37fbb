// The `cangwu` command line, run as a real process on a real data folder.
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleForNode } from '../../helpers/bundle';
import { openCore } from '../../../electron/core/core';
import { claimDataDir } from '../../../electron/core/dataDirLock';
import { tempDataDir } from '../fixtures';

const execFileP = promisify(execFile);
let cliBundle: string;

async function cangwu(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await execFileP(process.execPath, [cliBundle, ...args], { maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

let demoDir: string;
beforeAll(async () => {
  cliBundle = await bundleForNode('electron/cli.ts');
  demoDir = tempDataDir('cli-demo');
  const r = await cangwu('init', '--demo', '--json', '--data-dir', demoDir);
  expect(r.code).toBe(0);
});

describe('cangwu CLI', () => {
  it('init --demo builds the demo warehouse and prints its logins', async () => {
    const db = new Database(path.join(demoDir, 'cangwu.db'), { readonly: true });
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT COUNT(*) AS n FROM products')).toBeGreaterThanOrEqual(800);
    expect(count("SELECT COUNT(*) AS n FROM barcodes WHERE level = 'case'")).toBeGreaterThanOrEqual(800);
    expect(count('SELECT COUNT(*) AS n FROM products WHERE replaced_by_id IS NOT NULL')).toBeGreaterThan(0);
    expect(count('SELECT COUNT(*) AS n FROM vehicles')).toBe(30);
    expect(count('SELECT COUNT(*) AS n FROM customers')).toBeGreaterThanOrEqual(800);
    // Issue 11: the next working day's orders at the reference scale.
    expect(count('SELECT COUNT(*) AS n FROM orders')).toBeGreaterThanOrEqual(5200);
    expect(count('SELECT COUNT(*) AS n FROM order_lines')).toBeGreaterThan(18_000);
    expect(count('SELECT COUNT(DISTINCT status) AS n FROM balances WHERE qty > 0')).toBe(3);
    expect(count('SELECT COUNT(DISTINCT role) AS n FROM user_roles')).toBe(7);
    expect(
      count("SELECT COUNT(DISTINCT substr(at, 1, 10)) AS n FROM movements WHERE type = 'dispatchIssue'"),
    ).toBeGreaterThanOrEqual(27);
    db.close();
  });

  it('check passes on a sound database and fails with exit 1 and the finding when balances drift from the ledger', async () => {
    const dir = tempDataDir('cli-check');
    fs.copyFileSync(path.join(demoDir, 'cangwu.db'), path.join(dir, 'cangwu.db'));
    const ok = await cangwu('check', '--json', '--data-dir', dir);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, findings: [] });
    const db = new Database(path.join(dir, 'cangwu.db'));
    const b = db.prepare('SELECT product_id, status, location_id FROM balances WHERE qty > 5 LIMIT 1').get() as {
      product_id: number;
      status: string;
      location_id: number;
    };
    db.prepare('UPDATE balances SET qty = qty - 5 WHERE product_id = ? AND status = ? AND location_id = ?').run(
      b.product_id,
      b.status,
      b.location_id,
    );
    db.close();
    const bad = await cangwu('check', '--json', '--data-dir', dir);
    expect(bad.code).toBe(1);
    const report = JSON.parse(bad.stdout) as { findings: { kind: string; ledgerQty: number; balanceQty: number }[] };
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]!.kind).toBe('ledgerMismatch');
    expect(report.findings[0]!.ledgerQty - report.findings[0]!.balanceQty).toBe(5);
  });

  it('import products refuses a bad file whole, listing every bad line, and exits 1', async () => {
    const dir = tempDataDir('cli-import');
    fs.copyFileSync(path.join(demoDir, 'cangwu.db'), path.join(dir, 'cangwu.db'));
    const file = path.join(dir, 'products.csv');
    fs.writeFileSync(file, 'code,name_zh,unit,case_pack,unit_cost\nX1,好,个,6,1.00\nX2,,个,6,1.00\nX3,坏,个,-1,1.00\n');
    const r = await cangwu('import', 'products', file, '--data-dir', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('import.invalidRows');
    expect(r.stderr).toMatch(/line 3 \[name_zh\]: required/);
    expect(r.stderr).toMatch(/line 4 \[case_pack\]: notPositiveInteger/);
    fs.writeFileSync(file, 'code,name_zh,unit,case_pack,unit_cost\nX1,好,个,6,1.00\n');
    const good = await cangwu('import', 'products', file, '--json', '--data-dir', dir);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ imported: 1, updated: 0 });
  });

  it('exports balances as CSV (with a BOM for Excel) and movements as JSON', async () => {
    const csv = await cangwu('export', 'balances', '--data-dir', demoDir);
    expect(csv.code).toBe(0);
    expect(csv.stdout.startsWith('\uFEFFproduct_code,name_zh,name_en,category,old_code,status,location,qty')).toBe(
      true,
    );
    const json = await cangwu('export', 'movements', '--format', 'json', '--data-dir', demoDir);
    const rows = JSON.parse(json.stdout) as { qty: number; amount: string }[];
    expect(rows.length).toBeGreaterThan(10_000);
    expect(rows[0]!.amount).toMatch(/^-?\d+\.\d{2}$/);
  });

  it('backs up online and restores, keeping the replaced database', async () => {
    const dir = tempDataDir('cli-backup');
    fs.copyFileSync(path.join(demoDir, 'cangwu.db'), path.join(dir, 'cangwu.db'));
    const file = path.join(dir, 'out', 'backup.db');
    expect((await cangwu('backup', '--to', file, '--data-dir', dir)).code).toBe(0);
    const db = new Database(path.join(dir, 'cangwu.db'));
    db.prepare("UPDATE products SET name_zh = '改过' WHERE id = 1").run();
    db.close();
    const r = await cangwu('restore', '--from', file, '--json', '--data-dir', dir);
    expect(r.code).toBe(0);
    expect(fs.existsSync(JSON.parse(r.stdout).previous)).toBe(true);
    const after = new Database(path.join(dir, 'cangwu.db'), { readonly: true });
    expect((after.prepare('SELECT name_zh FROM products WHERE id = 1').get() as { name_zh: string }).name_zh).not.toBe(
      '改过',
    );
    after.close();
  });

  it('refuses to restore over a folder a running console holds, and a file that is not a Cangwu database', async () => {
    const dir = tempDataDir('cli-restore');
    const release = claimDataDir(dir, 'a running console');
    const held = await cangwu('restore', '--from', path.join(demoDir, 'cangwu.db'), '--data-dir', dir);
    release();
    expect(held.code).toBe(1);
    expect(held.stderr).toContain(`pid ${process.pid}`);
    fs.writeFileSync(path.join(dir, 'junk.db'), 'not a database');
    const junk = await cangwu('restore', '--from', path.join(dir, 'junk.db'), '--data-dir', dir);
    expect(junk.code).toBe(1);
    expect(junk.stderr).toContain('db.notADatabase');
    expect(junk.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('explains usage errors in one line with exit 2', async () => {
    const r = await cangwu('export', 'everything');
    expect(r.code).toBe(2);
    const [first, ...usage] = r.stderr.trim().split('\n');
    expect(first).toBe('cangwu: cannot export "everything": balances or movements (只能导出库存或流水)');
    expect(usage.join('\n')).toMatch(/^usage:\n {2}cangwu export balances\|movements \[--format csv\|json\]/);
  });

  it('init --time-zone sets the warehouse zone its business days follow; an unknown zone, or a new zone for a warehouse with documents, is refused', async () => {
    const dir = tempDataDir('cli-zone');
    expect((await cangwu('init', '--time-zone', 'Etc/GMT+10', '--data-dir', dir)).code).toBe(0);
    const core = await openCore({ dataDir: dir, station: 'test', log: () => {} });
    try {
      const status = await core.dispatch(core.newCaller('test'), 'setup.status', {});
      expect(status.ok && (status.value as { timeZone: string }).timeZone).toBe('Etc/GMT+10');
    } finally {
      await core.close();
    }
    const bad = await cangwu('init', '--time-zone', 'Mars/Olympus', '--data-dir', tempDataDir('cli-zone-bad'));
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toContain('Mars/Olympus');
    // The demo warehouse has documents dated in Asia/Shanghai: they keep it.
    const moved = await cangwu('init', '--time-zone', 'Europe/Berlin', '--data-dir', demoDir);
    expect(moved.code).toBe(2);
    expect(moved.stderr).toContain('Asia/Shanghai');
  });
});
