// Attachments of a damage report (issue 13 §Damage 1) are part of the data:
// their bytes live in the database (migration 25), so a backup and a restore
// carry them, and a refusal leaves neither a row nor a file.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { attachmentMaxBytes } from '../../../shared/contract';
import { restoreDatabase } from '../../../electron/core/db/backup';
import { migrate } from '../../../electron/core/db/migrate';
import { databasePath, openDatabase } from '../../../electron/core/db/open';
import {
  call,
  newKey,
  openTestCore,
  onPostgres,
  openWarehouse,
  password,
  receive,
  refusal,
  tempDataDir,
  type Warehouse,
} from '../fixtures';

const opened: { close(): Promise<void> | void }[] = [];
afterEach(async () => {
  for (const c of opened.splice(0)) await c.close();
});

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 7)]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A warehouse with 48 good in bin 0 and a damage report of 24 by the keeper. */
async function setup() {
  const w = await openWarehouse();
  opened.push(w.core);
  const keeper = await w.as('warehouseKeeper');
  await receive(w, keeper, [{ product: 0, bin: 0, qty: 48 }]);
  const report = await call(w.core, keeper, 'damage.report', {
    productId: w.products[0]!.id,
    fromStatus: 'good',
    locationId: w.bins[0]!.id,
    qty: 24,
    whereFound: 'bin',
    cause: 'crushed',
    suggestion: 'scrap',
    idempotencyKey: newKey(),
  });
  return { w, keeper, report };
}

const auditTotal = async (w: Warehouse) => (await call(w.core, w.admin, 'audit.list', { offset: 0, limit: 1 })).total;
const stored = async (w: Warehouse) =>
  (
    await sql<{
      rows: number;
      blobs: number;
    }>`SELECT (SELECT COUNT(*) FROM attachments) AS rows, (SELECT COUNT(*) FROM attachment_bytes) AS blobs`.execute(
      w.core.database.db,
    )
  ).rows[0];

describe('attachments', () => {
  it('stores a photo checked by its content, with its sha256, and gives the same bytes back', async () => {
    const { w, keeper, report } = await setup();
    const a = await call(w.core, keeper, 'damage.attach', {
      reportId: report.id,
      fileName: 'crushed.png',
      dataBase64: png.toString('base64'),
    });
    expect(a).toMatchObject({ mime: 'image/png', sizeBytes: png.length, sha256: sha256(png) });
    const back = await call(w.core, keeper, 'damage.attachment', { attachmentId: a.id });
    expect(Buffer.from(back.dataBase64, 'base64').equals(png)).toBe(true);
    expect((await call(w.core, keeper, 'damage.get', { reportId: report.id })).attachments).toHaveLength(1);
    // Nothing outside the database: the data folder has no attachments folder.
    expect(fs.existsSync(path.join(w.core.dataDir, 'attachments'))).toBe(false);
  });

  it('refuses a file that is too large or not an image/PDF by content, and writes nothing', async () => {
    const { w, keeper, report } = await setup();
    const before = await auditTotal(w);
    const big = Buffer.concat([png, Buffer.alloc(attachmentMaxBytes)]);
    const attach = (fileName: string, b: Buffer) =>
      refusal(w.core, keeper, 'damage.attach', { reportId: report.id, fileName, dataBase64: b.toString('base64') });
    expect(await attach('big.png', big)).toMatchObject({
      code: 'attachments.tooLarge',
      details: { maxBytes: attachmentMaxBytes },
    });
    expect(await attach('photo.jpg', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]))).toMatchObject({
      code: 'attachments.type',
      details: { fileName: 'photo.jpg' },
    });
    expect(
      await refusal(w.core, keeper, 'damage.attach', {
        reportId: report.id + 99,
        fileName: 'x.png',
        dataBase64: png.toString('base64'),
      }),
    ).toMatchObject({ code: 'damage.unknownReport' });
    expect(await stored(w)).toEqual({ rows: 0, blobs: 0 });
    expect(fs.existsSync(path.join(w.core.dataDir, 'attachments'))).toBe(false);
    expect(await auditTotal(w)).toBe(before);
  });

  // The backups are SQLite files of the data folder; a PostgreSQL server is backed up by its own tools.
  it.skipIf(onPostgres())(
    'travels in a backup: restored into a fresh folder, the attachment opens with the same sha256',
    async () => {
      const { w, keeper, report } = await setup();
      const photo = Buffer.concat([png, Buffer.from('a photo of a crushed case')]);
      const a = await call(w.core, keeper, 'damage.attach', {
        reportId: report.id,
        fileName: '压坏.png',
        dataBase64: photo.toString('base64'),
      });
      const status = await call(w.core, w.admin, 'backups.runNow', {});
      const backup = path.join(status.folder, status.backups[0]!.name);

      const fresh = tempDataDir('attachments-restore');
      await restoreDatabase(fresh, backup);
      const restored = await openTestCore({ dataDir: fresh });
      opened.push(restored);
      const keeperThere = restored.newCaller('u-warehousekeeper');
      await call(restored, keeperThere, 'auth.login', { username: 'u-warehousekeeper', secret: password });
      const detail = await call(restored, keeperThere, 'damage.get', { reportId: report.id });
      expect(detail.attachments).toEqual([
        expect.objectContaining({ id: a.id, fileName: '压坏.png', sha256: a.sha256 }),
      ]);
      const file = await call(restored, keeperThere, 'damage.attachment', { attachmentId: a.id });
      expect(sha256(Buffer.from(file.dataBase64, 'base64'))).toBe(sha256(photo));
    },
  );
});

describe('migration 25', () => {
  it('moves the files of the attachments folder into the database, keeping no bytes for one already lost', () => {
    const dir = tempDataDir('attachments-migrate');
    const raw = new Database(databasePath(dir));
    expect(migrate(raw, 19)).toBe(19);
    raw.prepare("INSERT INTO users (id, username, display_name, created_at) VALUES (7, 'k', '仓管员', 'x')").run();
    const kept = Buffer.concat([png, Buffer.from('kept')]);
    const row = raw.prepare(
      `INSERT INTO attachments (owner, owner_id, file_name, stored_name, mime, size_bytes, sha256, uploaded_by, uploaded_at)
       VALUES ('damageReport', 1, ?, ?, 'image/png', ?, ?, 7, '2026-11-30T02:00:00.000Z')`,
    );
    row.run('kept.png', 'a.png', kept.length, sha256(kept));
    row.run('lost.png', 'b.png', png.length, sha256(png));
    raw.close();
    fs.mkdirSync(path.join(dir, 'attachments'));
    fs.writeFileSync(path.join(dir, 'attachments', 'a.png'), kept);

    const { sqlite } = openDatabase(dir);
    const rows = sqlite
      .prepare(
        'SELECT a.file_name AS fileName, b.bytes FROM attachments a LEFT JOIN attachment_bytes b ON b.attachment_id = a.id ORDER BY a.id',
      )
      .all() as { fileName: string; bytes: Buffer | null }[];
    sqlite.close();
    expect(rows.map((r) => [r.fileName, r.bytes && sha256(r.bytes)])).toEqual([
      ['kept.png', sha256(kept)],
      ['lost.png', null],
    ]);
  });
});
