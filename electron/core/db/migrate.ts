import type Database from 'better-sqlite3';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { latestVersion, migrations, type Migration } from './migrations';

export function schemaVersion(db: Database.Database): number {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!hasTable) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Brings the database to `target` (the latest by default). A database written
 * by a newer Cangwu is refused rather than guessed at (Signal's updateSchema).
 */
export function migrate(
  db: Database.Database,
  target = latestVersion,
  list: readonly Migration[] = migrations,
): number {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT',
  );
  const current = schemaVersion(db);
  if (current > latestVersion) {
    throw new AppError('db.tooNew', { databaseVersion: current, supportedVersion: latestVersion });
  }
  for (const m of list) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      db.exec(m.sql);
      if (m.data && !db.memory) m.data(db, path.dirname(db.name));
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
    }).immediate();
  }
  return schemaVersion(db);
}
