// A complaint's letter or photo (issue 16 §1 "an attachment (letter, photo)
// allowed"), through the one attachment store the damage reports use: checked
// by content, stored in the database with its sha256, read back by the
// complaint's readers only; refused — writing nothing — for a wrong type, an
// empty file, a role that may not register complaints, a closed complaint, or
// a damage report's file asked for as a complaint's.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { call, newKey, receive, refusal } from '../fixtures';
import { orderWarehouse, type OrderWarehouse } from '../orders/orderFixtures';

let ow: OrderWarehouse;
afterEach(async () => ow?.w.core.close());

const pdf = Buffer.from('%PDF-1.4\n% a customer letter, scanned\n%%EOF\n');
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function setup() {
  ow = await orderWarehouse();
  const c = await call(ow.w.core, ow.op, 'complaints.register', {
    customerId: ow.customer('C001'),
    channel: 'letter',
    content: '来信：连续三次送货迟到',
    category: 'deliveryLate',
    idempotencyKey: newKey(),
  });
  return c;
}

const stored = async () =>
  (
    await sql<{
      rows: number;
      blobs: number;
    }>`SELECT (SELECT COUNT(*) FROM attachments) AS rows, (SELECT COUNT(*) FROM attachment_bytes) AS blobs`.execute(
      ow.w.core.database.db,
    )
  ).rows[0];

describe('complaint attachments', () => {
  it('keeps the letter and a photo on the complaint, and gives the same bytes back to its readers', async () => {
    const c = await setup();
    const letter = await call(ow.w.core, ow.sales1, 'complaints.attach', {
      complaintId: c.id,
      fileName: 'C:\\scans\\来信.pdf',
      dataBase64: pdf.toString('base64'),
    });
    expect(letter).toMatchObject({
      fileName: '来信.pdf',
      mime: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: sha256(pdf),
    });
    await call(ow.w.core, ow.op, 'complaints.attach', {
      complaintId: c.id,
      fileName: 'photo.jpg',
      dataBase64: jpeg.toString('base64'),
    });
    const view = await call(ow.w.core, ow.manager, 'complaints.get', { complaintId: c.id });
    expect(view.attachments.map((a) => [a.fileName, a.mime])).toEqual([
      ['来信.pdf', 'application/pdf'],
      ['photo.jpg', 'image/jpeg'],
    ]);
    const file = await call(ow.w.core, ow.manager, 'complaints.attachment', { attachmentId: letter.id });
    expect(sha256(Buffer.from(file.dataBase64, 'base64'))).toBe(sha256(pdf));
  });

  it('refuses a file that is not an image or PDF, an empty one and a role that may not, writing nothing', async () => {
    const c = await setup();
    const keeper = await ow.w.as('warehouseKeeper');
    const before = await stored();
    const exe = Buffer.from('MZ\x90\x00 this is a program').toString('base64');
    expect(
      (
        await refusal(ow.w.core, ow.op, 'complaints.attach', {
          complaintId: c.id,
          fileName: 'letter.pdf',
          dataBase64: exe,
        })
      ).code,
    ).toBe('attachments.type');
    expect(
      (await refusal(ow.w.core, ow.op, 'complaints.attach', { complaintId: c.id, fileName: 'x.pdf', dataBase64: '' }))
        .code,
    ).toBe('attachments.empty');
    expect(
      (
        await refusal(ow.w.core, keeper, 'complaints.attach', {
          complaintId: c.id,
          fileName: 'x.pdf',
          dataBase64: pdf.toString('base64'),
        })
      ).code,
    ).toBe('auth.forbidden');
    expect(await stored()).toEqual(before);
  });

  it("refuses a closed complaint, and never hands out a damage report's photo as a complaint's", async () => {
    const c = await setup();
    const keeper = await ow.w.as('warehouseKeeper');
    await receive(ow.w, keeper, [{ product: 0, bin: 0, qty: 24 }]);
    const report = await call(ow.w.core, keeper, 'damage.report', {
      productId: ow.w.products[0]!.id,
      fromStatus: 'good',
      locationId: ow.w.bins[0]!.id,
      qty: 24,
      whereFound: 'bin',
      cause: 'crushed',
      suggestion: 'scrap',
      idempotencyKey: newKey(),
    });
    const photo = await call(ow.w.core, keeper, 'damage.attach', {
      reportId: report.id,
      fileName: 'crushed.jpg',
      dataBase64: jpeg.toString('base64'),
    });
    expect((await refusal(ow.w.core, ow.op, 'complaints.attachment', { attachmentId: photo.id })).code).toBe(
      'attachments.unknown',
    );

    // Judged not valid: answered and closed at once.
    await call(ow.w.core, ow.op, 'complaints.judge', { complaintId: c.id, valid: false, reply: '经核实送货准时' });
    const r = await refusal(ow.w.core, ow.op, 'complaints.attach', {
      complaintId: c.id,
      fileName: 'late.pdf',
      dataBase64: pdf.toString('base64'),
    });
    expect(r).toMatchObject({ code: 'complaints.closedForAttachments', details: { number: c.number } });
  });
});
