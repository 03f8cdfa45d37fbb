// An error opening the database names its real cause (it was always
// "db.corrupt", which sends the administrator to restore a backup over a
// sound database when the disk was merely full or another program held it).
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { databasePath, openDatabase } from '../../../electron/core/db/open';
import { tempDataDir } from '../fixtures';
import { mountSmallDisk } from './smallDisk';

const made: string[] = [];
const dir = () => {
  const d = tempDataDir('cangwu-open');
  made.push(d);
  return d;
};
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('opening the database', () => {
  it('reports db.notADatabase for a file that is not a database, naming the file', () => {
    const d = dir();
    fs.writeFileSync(databasePath(d), 'code,name\nP001,水\n'.repeat(200));
    expect(() => openDatabase(d)).toThrow(
      expect.objectContaining({ code: 'db.notADatabase', details: expect.objectContaining({ file: databasePath(d) }) }),
    );
  });

  it('reports db.cannotOpen with the OS reason when the data folder is a file', () => {
    const d = dir();
    const notAFolder = path.join(d, 'plain-file');
    fs.writeFileSync(notAFolder, 'x');
    expect(() => openDatabase(notAFolder)).toThrow(
      expect.objectContaining({
        code: 'db.cannotOpen',
        details: expect.objectContaining({ reason: expect.stringMatching(/EEXIST|ENOTDIR/) }),
      }),
    );
  });

  it('reports db.locked when another program holds the database exclusively', () => {
    const d = dir();
    openDatabase(d).sqlite.close();
    const other = new Database(databasePath(d));
    other.pragma('locking_mode = EXCLUSIVE');
    other.exec('BEGIN EXCLUSIVE');
    try {
      expect(() => openDatabase(d)).toThrow(expect.objectContaining({ code: 'db.locked' }));
    } finally {
      other.close();
    }
  });

  it('reports db.corrupt for a damaged database', () => {
    const d = dir();
    const { sqlite } = openDatabase(d);
    sqlite.exec(
      'CREATE TABLE filler (x TEXT) STRICT; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) INSERT INTO filler SELECT hex(randomblob(500)) FROM n',
    );
    sqlite.close();
    const fd = fs.openSync(databasePath(d), 'r+');
    fs.writeSync(fd, Buffer.alloc(4096 * 3, 0x5a), 0, 4096 * 3, 4096 * 2);
    fs.closeSync(fd);
    expect(() => openDatabase(d)).toThrow(expect.objectContaining({ code: 'db.corrupt' }));
  });

  // Room for a fresh database and its WAL (≈1.1 MB at schema 10) before the disk is filled or made read-only.
  const disk = mountSmallDisk(4 * 1024 * 1024);
  afterAll(() => disk?.remove());
  it.runIf(disk)('reports db.diskFull when a new database cannot be written on a full disk (real 4 MB tmpfs)', () => {
    disk!.fill();
    try {
      expect(() => openDatabase(path.join(disk!.dir, 'data'))).toThrow(
        expect.objectContaining({ code: 'db.diskFull' }),
      );
    } finally {
      disk!.unfill();
    }
  });

  it.runIf(disk)('reports db.readOnly for a data folder on a read-only disk (real tmpfs remounted read-only)', () => {
    const d = path.join(disk!.dir, 'ro');
    fs.rmSync(d, { recursive: true, force: true });
    openDatabase(d).sqlite.close();
    disk!.remount('ro');
    try {
      expect(() => openDatabase(d)).toThrow(expect.objectContaining({ code: 'db.readOnly' }));
    } finally {
      disk!.remount('rw');
    }
  });
});
