// Automatic backups: the daily one at its local time (warehouse time zone) and
// a missed one at start-up, daily and weekly copies kept as configured, each
// verified; a failure reaches the admin (status + event) and the log; one
// before every migration; and `cangwu restore --from` any of them end to end.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupOutcome } from '../../../shared/contract/backups';
import { backupsFolder, listBackups } from '../../../electron/core/backups/files';
import { backupsToPrune } from '../../../electron/core/backups/retention';
import { migrate } from '../../../electron/core/db/migrate';
import { latestVersion } from '../../../electron/core/db/migrations';
import { databasePath, openDatabase } from '../../../electron/core/db/open';
import { call, openWarehouse, receive, refusal, tempDataDir, type Warehouse } from '../fixtures';
import { buildCli, type Cli } from './cliProcess';
import { mountSmallDisk } from './smallDisk';

let cli: Cli;
const made: string[] = [];
const cores: Warehouse[] = [];
beforeAll(async () => {
  cli = await buildCli('durable-autobackup');
});
afterAll(async () => {
  for (const w of cores) await w.core.close();
  cli.remove();
  made.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

/** A warehouse on a fake clock the test moves. */
async function warehouseAt(start: string, dataDir?: string) {
  const clock = { now: new Date(start) };
  const dir = dataDir ?? tempDataDir('cangwu-auto');
  made.push(dir);
  const w = await openWarehouse({ dataDir: dir, now: () => clock.now, timeZone: 'Asia/Shanghai' });
  cores.push(w);
  return { w, clock };
}

describe('automatic backups', () => {
  it('takes the daily backup at 02:30 Shanghai time, not before, and a missed one when due at start-up', async () => {
    // 02:00 in Shanghai on the 4th = 18:00 UTC on the 3rd.
    const { w, clock } = await warehouseAt('2026-12-03T18:00:00Z');
    await call(w.core, w.admin, 'backups.configure', { dailyAt: '02:30', keepDaily: 7, keepWeekly: 4 });
    // The last 02:30 was on the 3rd; a console that was closed then takes it now.
    const missed = await w.core.backups.runIfDue();
    expect(missed).toMatchObject({ ok: true, kind: 'daily' });
    expect(await w.core.backups.runIfDue()).toBeNull();
    clock.now = new Date('2026-12-03T18:29:00Z'); // 02:29 local
    expect(await w.core.backups.runIfDue()).toBeNull();
    clock.now = new Date('2026-12-03T18:31:00Z'); // 02:31 local
    expect(await w.core.backups.runIfDue()).toMatchObject({ ok: true, kind: 'daily' });
    const status = await call(w.core, w.admin, 'backups.status', {});
    expect(status.nextDailyAt).toBe('2026-12-04T18:30:00.000Z');
    // One per local day: the 02:31 one replaced the 02:00 catch-up of the same day.
    expect(status.backups.filter((b) => b.kind === 'daily').map((b) => b.at)).toEqual(['2026-12-03T18:31:00.000Z']);
    expect(status.lastSuccess).toMatchObject({ ok: true, bytes: expect.any(Number) });
    // Each one a verified, self-contained database.
    for (const b of status.backups) {
      const db = new Database(path.join(status.folder, b.name), { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
      db.close();
    }
    // Only the administrator sees or starts backups.
    const keeper = await w.as('warehouseKeeper');
    expect((await refusal(w.core, keeper, 'backups.status', {})).code).toBe('auth.forbidden');
  });

  it('keeps the newest of each of the last 7 days and of each of the last 4 weeks', async () => {
    const { w, clock } = await warehouseAt('2026-09-01T18:31:00Z');
    await call(w.core, w.admin, 'backups.configure', { dailyAt: '02:30', keepDaily: 7, keepWeekly: 4 });
    for (let day = 0; day < 60; day++) {
      clock.now = new Date(Date.UTC(2026, 8, 1, 18, 31) + day * 86_400_000);
      expect(await w.core.backups.runIfDue()).toMatchObject({ ok: true });
    }
    const daily = listBackups(w.core.dataDir).filter((b) => b.kind === 'daily');
    // 7 days, plus the newest of 3 earlier weeks (the 4th week is among the 7 days).
    const days = daily.map((b) => b.at.slice(0, 10));
    expect(days.slice(0, 7)).toEqual(
      Array.from({ length: 7 }, (_, i) => new Date(Date.UTC(2026, 8, 1 + 59 - i, 18, 31)).toISOString().slice(0, 10)),
    );
    expect(daily.length).toBeGreaterThanOrEqual(9);
    expect(daily.length).toBeLessThanOrEqual(11);
    expect(backupsToPrune(daily, { keepDaily: 7, keepWeekly: 4 }, 'Asia/Shanghai')).toEqual([]);
  });

  const disk = mountSmallDisk(16 * 1024 * 1024);
  afterAll(() => disk?.remove());
  it.runIf(disk)(
    'a daily backup that fails (full disk, real tmpfs) is shown to the admin and logged, never silent',
    async () => {
      const logged: string[] = [];
      const dir = path.join(disk!.dir, 'data');
      const clock = { now: new Date('2026-12-03T18:31:00Z') };
      const w = await openWarehouse({ dataDir: dir, now: () => clock.now, log: (m) => logged.push(m) });
      cores.push(w);
      const events: BackupOutcome[] = [];
      w.core.subscribe((e) => e.name === 'backups.changed' && events.push(e.payload));
      disk!.fill();
      try {
        const outcome = await w.core.backups.runIfDue();
        expect(outcome).toMatchObject({ ok: false, kind: 'daily', error: { code: 'db.diskFull' } });
      } finally {
        disk!.unfill();
      }
      expect(events).toEqual([expect.objectContaining({ ok: false })]);
      expect(logged.some((m) => /backup \(daily\) failed: db\.diskFull/.test(m))).toBe(true);
      const status = await call(w.core, w.admin, 'backups.status', {});
      expect(status.last).toMatchObject({ ok: false, error: { code: 'db.diskFull' } });
      // The supervisor's dashboard lists it among the failed scheduled runs, with its cause.
      const supervisor = await w.as('supervisor');
      expect(await call(w.core, supervisor, 'schedules.failures', {})).toEqual([
        expect.objectContaining({ kind: 'backup', ok: false, error: expect.objectContaining({ code: 'db.diskFull' }) }),
      ]);
      expect(fs.readdirSync(backupsFolder(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      // The admin's window gets the event; a keeper's does not.
      const keeper = await w.as('warehouseKeeper');
      expect(await w.core.eventFor(w.admin, { name: 'backups.changed', payload: events[0]! })).not.toBeNull();
      expect(await w.core.eventFor(keeper, { name: 'backups.changed', payload: events[0]! })).toBeNull();
    },
  );

  it('copies an existing database into backups/ before migrating it', () => {
    const dir = tempDataDir('cangwu-premig');
    made.push(dir);
    const raw = new Database(databasePath(dir));
    migrate(raw, 1);
    raw.prepare("INSERT INTO users (username, display_name, created_at) VALUES ('old', '旧用户', 'x')").run();
    raw.close();
    openDatabase(dir).sqlite.close();
    const copies = listBackups(dir).filter((b) => b.kind === 'preMigration');
    expect(copies).toHaveLength(1);
    const copy = new Database(path.join(backupsFolder(dir), copies[0]!.name), { readonly: true });
    expect(copy.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: 1 });
    expect(copy.prepare('SELECT display_name FROM users').get()).toEqual({ display_name: '旧用户' });
    copy.close();
    // Already at the latest version: no copy.
    openDatabase(dir).sqlite.close();
    expect(listBackups(dir).filter((b) => b.kind === 'preMigration')).toHaveLength(1);
    expect(latestVersion).toBeGreaterThan(1);
  });

  it('cangwu restore --from a daily, a manual and a pre-migration backup brings the data back and check passes', async () => {
    const { w, clock } = await warehouseAt('2026-12-03T18:31:00Z');
    const keeper = await w.as('warehouseKeeper');
    await receive(w, keeper, [{ product: 0, bin: 0, qty: 11 }], '2026-12-03T18:00:00Z');
    expect(await w.core.backups.runIfDue()).toMatchObject({ ok: true });
    clock.now = new Date('2026-12-03T19:00:00Z');
    await receive(w, keeper, [{ product: 0, bin: 0, qty: 22 }], '2026-12-03T18:50:00Z');
    await call(w.core, w.admin, 'backups.runNow', {});
    const backups = listBackups(w.core.dataDir);
    await w.core.close();
    cores.splice(cores.indexOf(w), 1);

    const premig = tempDataDir('cangwu-premig-src');
    made.push(premig);
    const raw = new Database(databasePath(premig));
    migrate(raw, 1);
    raw.close();
    openDatabase(premig).sqlite.close();
    const pre = listBackups(premig).find((b) => b.kind === 'preMigration')!;

    const cases = [
      { file: path.join(backupsFolder(w.core.dataDir), backups.find((b) => b.kind === 'daily')!.name), receipts: 1 },
      { file: path.join(backupsFolder(w.core.dataDir), backups.find((b) => b.kind === 'manual')!.name), receipts: 2 },
      { file: path.join(backupsFolder(premig), pre.name), receipts: 0 },
    ];
    for (const c of cases) {
      const target = tempDataDir('cangwu-restored');
      made.push(target);
      const r = await cli.run('restore', '--from', c.file, '--data-dir', target);
      expect(r.stderr, c.file).toBe('');
      expect(r.code).toBe(0);
      const check = await cli.run('check', '--json', '--data-dir', target);
      expect(check.code).toBe(0);
      expect(JSON.parse(check.stdout)).toMatchObject({ ok: true });
      const db = new Database(databasePath(target), { readonly: true });
      expect((db.prepare('SELECT COUNT(*) AS n FROM receipts').get() as { n: number }).n).toBe(c.receipts);
      db.close();
    }
  });
});
