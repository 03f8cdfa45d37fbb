import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/core/db/migrate';
import { latestVersion, migrations } from '../../../electron/core/db/migrations';
import { databasePath, openDatabase } from '../../../electron/core/db/open';
import { tempDataDir } from '../fixtures';

describe('database', () => {
  it('creates a new database at the latest schema with WAL, foreign keys and STRICT tables', () => {
    const dir = tempDataDir();
    const { sqlite } = openDatabase(dir);
    expect(schemaVersion(sqlite)).toBe(latestVersion);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    const loose = sqlite
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE '%STRICT%'",
      )
      .all();
    expect(loose).toEqual([]);
    sqlite.close();
  });

  it('migrating twice is a no-op and records each version once', () => {
    const dir = tempDataDir();
    const { sqlite } = openDatabase(dir);
    expect(migrate(sqlite)).toBe(latestVersion);
    // One row per migration (numbers may have gaps while parallel branches merge).
    expect((sqlite.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(
      migrations.length,
    );
    sqlite.close();
  });

  it('refuses a database written by a newer version, naming both versions, and leaves it untouched', () => {
    const dir = tempDataDir();
    openDatabase(dir).sqlite.close();
    const raw = new Database(databasePath(dir));
    raw.prepare("INSERT INTO schema_migrations VALUES (999, 'future', 'x')").run();
    raw.close();
    const sizeBefore = fs.statSync(databasePath(dir)).size;
    expect(() => openDatabase(dir)).toThrow(
      expect.objectContaining({
        code: 'db.tooNew',
        details: { databaseVersion: 999, supportedVersion: latestVersion },
      }),
    );
    expect(fs.statSync(databasePath(dir)).size).toBe(sizeBefore);
  });

  it('refuses a corrupt file at start-up with db.corrupt instead of crashing', () => {
    const dir = tempDataDir();
    fs.writeFileSync(
      path.join(dir, 'cangwu.db'),
      Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 0xab)]),
    );
    expect(() => openDatabase(dir)).toThrow(expect.objectContaining({ code: 'db.corrupt' }));
  });

  it('migrates a version-1 database holding data to the latest version, keeping its data', () => {
    const dir = tempDataDir();
    const raw = new Database(databasePath(dir));
    expect(migrate(raw, 1)).toBe(1);
    raw.prepare("INSERT INTO users (username, display_name, created_at) VALUES ('old', '旧用户', 'x')").run();
    raw.close();
    const { sqlite } = openDatabase(dir);
    expect(schemaVersion(sqlite)).toBe(latestVersion);
    expect(sqlite.prepare('SELECT display_name FROM users').get()).toEqual({ display_name: '旧用户' });
    expect(sqlite.prepare("SELECT name FROM sqlite_schema WHERE name = 'scan_log'").get()).toEqual({
      name: 'scan_log',
    });
    sqlite.close();
  });

  it('rolls a failing migration back whole, keeping the previous version', () => {
    const dir = tempDataDir();
    const { sqlite } = openDatabase(dir);
    const broken = [
      {
        version: latestVersion + 1,
        name: 'broken',
        sql: 'CREATE TABLE half (x INTEGER) STRICT; SELECT * FROM no_such_table;',
      },
    ];
    expect(() => migrate(sqlite, latestVersion + 1, broken)).toThrow();
    expect(schemaVersion(sqlite)).toBe(latestVersion);
    expect(sqlite.prepare("SELECT name FROM sqlite_schema WHERE name = 'half'").get()).toBeUndefined();
    sqlite.close();
  });
});
