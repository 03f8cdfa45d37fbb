// 数据库 The database a host runs on (issue 15 §1, "the Electron app's
// settings"): the embedded SQLite file of the data folder, or a PostgreSQL
// server several hosts share. The administrator sees which one this host runs
// on and chooses the one it opens at its next start; the desktop app has no
// command line, so this writes the data folder's database.url. Moving the
// site's data is `cangwu db migrate-to-postgres` (README), not this setting.
import { z } from 'zod';
import { none, spec } from './spec';

export type DatabaseKind = 'sqlite' | 'postgres';

/** A database as it may be shown: the SQLite file's path, or the server's URL without its password. */
export type DatabasePlace = { kind: DatabaseKind; where: string };

export type DatabaseStatus = {
  /** What this host runs on now. */
  running: DatabasePlace;
  /** What it opens at its next start. */
  next: DatabasePlace;
  /**
   * Where `next` comes from: the host's command line (`serve --database`) or
   * CANGWU_DATABASE_URL, which the setting cannot change; the data folder's
   * file; or neither (the SQLite file).
   */
  source: 'commandLine' | 'environment' | 'setting' | 'default';
  /** `next` differs from `running`: the change needs the host restarted. */
  restartNeeded: boolean;
};

/** What the check of a PostgreSQL database found before it was chosen. */
export type DatabaseCheck = {
  serverVersion: string;
  /** The database's schema version; 0 = empty (a new site, or one to fill by migrate-to-postgres). */
  schemaVersion: number;
};

export type DatabaseConfigured = DatabaseStatus & { check: DatabaseCheck | null };

export const databaseUrl = z
  .string()
  .trim()
  .max(2000)
  .regex(/^postgres(ql)?:\/\/\S+$/);

export const databaseSettingsRequests = {
  'database.status': spec<DatabaseStatus>()({ input: none, access: ['admin'], write: false }),
  // Not a write transaction: it reaches the server, then writes a file of the data folder.
  'database.configure': spec<DatabaseConfigured>()({
    input: z.object({ url: databaseUrl.nullable() }).strict(),
    access: ['admin'],
    write: false,
  }),
};
