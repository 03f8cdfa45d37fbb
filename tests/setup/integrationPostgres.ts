// Global setup of the integration suite on PostgreSQL (issue 15: "the
// integration suite runs on both dialects"): one throwaway server for the run
// (tests/helpers/postgres.ts) and a migrated template database. Each core a
// test opens gets a database of its own copied from the template
// (tests/integration/fixtures.ts), so every test starts as on SQLite — empty,
// at the latest schema — in a few milliseconds instead of a migration run.
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPostgres } from '../../electron/core/db/pgDialect';
import { migratePostgres } from '../../electron/core/db/pgMigrate';
import { startPostgres } from '../helpers/postgres';
import { removeTempDirs } from '../helpers/tempDirs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's server, as a URL of its `postgres` database; empty on SQLite. */
    postgresUrl: string;
  }
}

export const templateDatabase = 'cangwu_template';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  const admin = new pg.Client({ connectionString: server.url('postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${templateDatabase}`);
  await admin.end();
  const { db } = openPostgres(server.url(templateDatabase), { max: 1 });
  try {
    await migratePostgres(db);
  } finally {
    await db.destroy();
  }
  project.provide('postgresUrl', server.url('postgres'));
  return async () => {
    server.stop();
    removeTempDirs();
  };
}
