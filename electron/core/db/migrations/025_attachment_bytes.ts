// Attachments become part of the data (issue 13 §Damage 1, the review): the
// bytes of each attached file live in the database beside their row, so a
// backup (a copy of the SQLite file) and a restore carry them, and the row and
// its bytes are written in one transaction — no orphan file after a crash, no
// file left behind by a refused or rolled-back request.
//
// The files earlier versions wrote to <data folder>/attachments/ are moved in
// here, in the migration's transaction, each only when its content still has
// the sha256 its row recorded. The files themselves are left where they are:
// the backup taken before this migration (db/open.ts) still refers to them,
// and a restore of it moves them in again. A row whose file is gone keeps no
// bytes; opening it says so (attachments.missing).
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Migration } from './index';

function moveFilesIn(db: Database.Database, dataDir: string): void {
  const dir = path.join(dataDir, 'attachments');
  if (!fs.existsSync(dir)) return;
  const rows = db.prepare('SELECT id, stored_name AS storedName, sha256 FROM attachments').all() as {
    id: number;
    storedName: string;
    sha256: string;
  }[];
  const insert = db.prepare('INSERT INTO attachment_bytes (attachment_id, bytes) VALUES (?, ?)');
  for (const r of rows) {
    const file = path.join(dir, path.basename(r.storedName));
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      continue;
    }
    if (createHash('sha256').update(bytes).digest('hex') !== r.sha256) continue;
    insert.run(r.id, bytes);
  }
}

export const attachmentBytes: Migration = {
  version: 25,
  name: 'attachment_bytes',
  sql: `
-- One row per attachment that has its bytes (all of them, but for a file an
-- earlier version lost before this migration). Kept apart from attachments so
-- the registers' lists and counts never read the blobs.
CREATE TABLE attachment_bytes (
  attachment_id INTEGER PRIMARY KEY REFERENCES attachments(id),
  bytes BLOB NOT NULL CHECK (length(bytes) > 0)
) STRICT;
`,
  data: moveFilesIn,
};
