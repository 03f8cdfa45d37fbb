// The database a host opens (issue 15 §1): read and chosen by the
// administrator. The choice is the data folder's database.url — the file
// configuredDatabase (dataDir.ts) reads at start — so it takes effect at the
// next start: a running core does not change its database under open windows.
// A PostgreSQL URL is checked before it is written (the server reached, the
// login accepted, the database there, not from a newer Cangwu), so a typo is
// told now and not as a host that fails to start tomorrow morning. The file
// holds a password: it is written for its owner alone (0600) and never
// answered back; the URL is shown without it.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type {
  DatabaseCheck,
  DatabaseConfigured,
  DatabasePlace,
  DatabaseStatus,
} from '../../../shared/contract/databaseSettings';
import { AppError } from '../../../shared/errors';
import { configuredDatabase, databaseSettingFile } from '../dataDir';
import { postgresConnectError } from '../db/copyToPostgres';
import { redactedUrl } from '../db/coreDatabase';
import { latestVersion } from '../db/migrations';
import { databasePath } from '../db/open';

export const databaseEnvVariable = 'CANGWU_DATABASE_URL';

/** What the core opened, and whether its command line named it (`cangwu serve --database`). */
export type Opened = { running: DatabasePlace; commandLine: boolean };

/** Where a host of `dataDir` runs now and what it opens next. */
export function databaseStatus(dataDir: string, opened: Opened, env: NodeJS.ProcessEnv = process.env): DatabaseStatus {
  const { running } = opened;
  // The next start is assumed to be given the same command line.
  if (opened.commandLine) return { running, next: running, source: 'commandLine', restartNeeded: false };
  const url = configuredDatabase(dataDir, env);
  const next: DatabasePlace = url
    ? { kind: 'postgres', where: redactedUrl(url) }
    : { kind: 'sqlite', where: databasePath(dataDir) };
  return {
    running,
    next,
    source: env[databaseEnvVariable] ? 'environment' : url ? 'setting' : 'default',
    restartNeeded: next.kind !== running.kind || next.where !== running.where,
  };
}

/** Chooses the database the next start opens: a checked PostgreSQL URL, or null for the SQLite file. */
export async function configureDatabase(
  dataDir: string,
  opened: Opened,
  url: string | null,
  env: NodeJS.ProcessEnv = process.env,
): Promise<DatabaseConfigured> {
  if (opened.commandLine) throw new AppError('database.setByCommandLine');
  if (env[databaseEnvVariable]) throw new AppError('database.setByEnvironment', { variable: databaseEnvVariable });
  const file = path.join(dataDir, databaseSettingFile);
  let check: DatabaseCheck | null = null;
  if (url === null) {
    fs.rmSync(file, { force: true });
  } else {
    check = await checkPostgres(url);
    // Written whole or not at all, readable by this account only (it holds the password).
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, `${url}\n`, { mode: 0o600 });
    fs.renameSync(temporary, file);
  }
  return { ...databaseStatus(dataDir, opened, env), check };
}

/** Reaches the server and reads the database's schema version, as a host's start would. */
export async function checkPostgres(url: string): Promise<DatabaseCheck> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw postgresConnectError(e, url);
  }
  try {
    const server = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    const exists = await client.query<{ t: string | null }>(`SELECT to_regclass('schema_migrations')::text AS t`);
    let schemaVersion = 0;
    if (exists.rows[0]?.t) {
      const max = await client.query<{ v: string | null }>('SELECT MAX(version)::text AS v FROM schema_migrations');
      schemaVersion = Number(max.rows[0]?.v ?? 0);
    }
    if (schemaVersion > latestVersion)
      throw new AppError('db.tooNew', { databaseVersion: schemaVersion, supportedVersion: latestVersion });
    return { serverVersion: server.rows[0]?.v ?? '', schemaVersion };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw postgresConnectError(e, url);
  } finally {
    await client.end().catch(() => undefined);
  }
}
