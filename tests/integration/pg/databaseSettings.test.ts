// The administrator chooses the database the host opens next (issue 15 §1,
// "the Electron app's settings"): a PostgreSQL URL is checked against a real
// server before it is written to the data folder's database.url; a wrong one
// is told in words and changes nothing; the password is never answered back;
// the next start of a core on that folder runs on the server.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/core';
import { configuredDatabase, databaseSettingFile } from '../../../electron/core/dataDir';
import { configureDatabase, databaseStatus } from '../../../electron/core/databaseSettings/settings';
import { databasePath } from '../../../electron/core/db/open';
import { startPostgres, type TestPostgres } from '../../helpers/postgres';
import { call, openWarehouse, password, refusal, type Warehouse } from '../fixtures';

let server: TestPostgres;
let w: Warehouse;
const setting = () => path.join(w.core.dataDir, databaseSettingFile);

beforeAll(async () => {
  server = await startPostgres();
  w = await openWarehouse({ database: undefined });
});
afterAll(async () => {
  await w?.core.close();
  server?.stop();
});

describe('database settings', () => {
  it('shows the SQLite file the host runs on, to the administrator only', async () => {
    const status = await call(w.core, w.admin, 'database.status', {});
    expect(status).toEqual({
      running: { kind: 'sqlite', where: databasePath(w.core.dataDir) },
      next: { kind: 'sqlite', where: databasePath(w.core.dataDir) },
      source: 'default',
      restartNeeded: false,
    });
    const keeper = await w.as('warehouseKeeper');
    expect((await refusal(w.core, keeper, 'database.status', {})).code).toBe('auth.forbidden');
    expect((await refusal(w.core, keeper, 'database.configure', { url: null })).code).toBe('auth.forbidden');
  });

  it('refuses a server it cannot reach, a login the server refuses and a missing database, writing nothing', async () => {
    const good = new URL(await server.createDatabase());
    const unreachable = `postgres://cangwu:pw-unreachable@127.0.0.1:1/${good.pathname.slice(1)}`;
    const r1 = await refusal(w.core, w.admin, 'database.configure', { url: unreachable });
    expect(r1.code).toBe('db.pgUnreachable');
    expect(JSON.stringify(r1)).not.toContain('pw-unreachable');
    const unknownRole = new URL(good);
    unknownRole.username = 'nobody';
    expect((await refusal(w.core, w.admin, 'database.configure', { url: unknownRole.toString() })).code).toBe(
      'db.pgLoginRefused',
    );
    const missing = new URL(good);
    missing.pathname = '/no_such_database';
    expect((await refusal(w.core, w.admin, 'database.configure', { url: missing.toString() })).code).toBe(
      'db.pgNoDatabase',
    );
    expect(fs.existsSync(setting())).toBe(false);
  });

  it('writes a checked URL for the next start, shows it without its password, and the next start runs on it', async () => {
    const url = new URL(await server.createDatabase());
    url.password = 'pw-secret-1';
    const r = await call(w.core, w.admin, 'database.configure', { url: url.toString() });
    expect(r.check).toMatchObject({ schemaVersion: 0 });
    expect(r.check?.serverVersion).toMatch(/^\d+/);
    expect(r.next.kind).toBe('postgres');
    expect(r.next.where).toContain(url.host);
    expect(JSON.stringify(r)).not.toContain('pw-secret-1');
    expect(r).toMatchObject({ source: 'setting', restartNeeded: true, running: { kind: 'sqlite' } });
    // The file holds the password, for this account alone.
    expect(fs.readFileSync(setting(), 'utf8').trim()).toBe(url.toString());
    if (process.platform !== 'win32') expect(fs.statSync(setting()).mode & 0o077).toBe(0);

    // The next start: the folder's setting opens the server, and the setting agrees with what runs.
    const dataDir = w.core.dataDir;
    await w.core.close();
    const next = await openCore({ dataDir, database: configuredDatabase(dataDir), station: 'next', log: () => {} });
    try {
      const admin = next.newCaller('admin-next');
      // A new site on the server: its own first administrator (the SQLite data stays in its file).
      await call(next, admin, 'setup.createAdmin', { username: 'admin', displayName: '管理员', password });
      const status = await call(next, admin, 'database.status', {});
      expect(status).toMatchObject({ running: { kind: 'postgres' }, source: 'setting', restartNeeded: false });
      expect(status.running.where).toBe(r.next.where);
      // A database written by this version now: checked again, it is accepted with its schema version.
      const again = await call(next, admin, 'database.configure', { url: url.toString() });
      expect(again.check?.schemaVersion).toBeGreaterThan(0);
      // Back to the SQLite file for the start after.
      const back = await call(next, admin, 'database.configure', { url: null });
      expect(back).toMatchObject({ next: { kind: 'sqlite', where: databasePath(dataDir) }, restartNeeded: true });
      expect(fs.existsSync(path.join(dataDir, databaseSettingFile))).toBe(false);
    } finally {
      await next.close();
    }
    w = await openWarehouseAgain(dataDir);
  });

  it('cannot change a database the command line names (cangwu serve --database)', async () => {
    const opened = { running: { kind: 'postgres' as const, where: 'postgres://cangwu@db/site' }, commandLine: true };
    expect(databaseStatus(w.core.dataDir, opened)).toEqual({
      running: opened.running,
      next: opened.running,
      source: 'commandLine',
      restartNeeded: false,
    });
    await expect(configureDatabase(w.core.dataDir, opened, null)).rejects.toMatchObject({
      code: 'database.setByCommandLine',
    });
  });

  it('cannot change a database the environment names, and says which variable', async () => {
    process.env.CANGWU_DATABASE_URL = server.url('postgres');
    try {
      const r = await refusal(w.core, w.admin, 'database.configure', { url: null });
      expect(r).toEqual({ code: 'database.setByEnvironment', details: { variable: 'CANGWU_DATABASE_URL' } });
      expect((await call(w.core, w.admin, 'database.status', {})).source).toBe('environment');
    } finally {
      delete process.env.CANGWU_DATABASE_URL;
    }
  });
});

/** The SQLite warehouse of `dataDir` again, its administrator logged in. */
async function openWarehouseAgain(dataDir: string): Promise<Warehouse> {
  const core = await openCore({ dataDir, station: 'again', log: () => {} });
  const admin = core.newCaller('admin-again');
  await call(core, admin, 'auth.login', { username: 'admin', secret: password });
  return { ...w, core, admin };
}
