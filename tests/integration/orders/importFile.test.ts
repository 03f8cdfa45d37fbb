// The order file: a preview that writes nothing, an import all or nothing
// per file, and a second import of the same file refused.
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeText } from '../../../shared/text/decodeText';
import { call, refusal } from '../fixtures';
import { orderWarehouse, type OrderWarehouse } from './orderFixtures';

let ow: OrderWarehouse;
beforeAll(async () => {
  ow = await orderWarehouse();
});
afterAll(async () => ow.w.core.close());

const file = (rows: string[]) =>
  ['order_ref,customer_code,product_code,qty,unit,gift,dispatch_date,channel,emergency,note', ...rows].join('\r\n');
const count = async () => (await call(ow.w.core, ow.op, 'orders.list', {})).length;

describe('order file', () => {
  const day = () => ow.tomorrow;
  const good = () =>
    file([
      `A-1,C001,P001,10,,,${day()},,,`,
      `A-1,C001,P002,2,case,,${day()},,,`,
      `A-1,C001,P003,1,,1,${day()},,,赠品`,
      `A-2,C002,P001,5,,,${day()},电话,1,`,
      `A-3,C404,P001,5,,,${day()},,,`,
    ]);

  it('previews orders, lines and why some are unqualified, writing nothing', async () => {
    const before = await count();
    const p = await call(ow.w.core, ow.op, 'orders.previewImport', { csv: good(), fileName: 'day.csv' });
    expect(p).toMatchObject({ rows: 5, orders: 3, lines: 5, qualified: 2, unqualified: 1, errors: [] });
    expect(p.reasonCounts).toEqual({ unknownCustomer: 1 });
    expect(p.unqualifiedOrders).toEqual([
      { reference: 'A-3', customerCode: 'C404', line: 6, lines: 1, issues: [{ reason: 'unknownCustomer' }] },
    ]);
    expect(await count()).toBe(before);
  });

  it('refuses a file with one bad row whole, listing every bad row by line', async () => {
    const before = await count();
    const bad = file([
      `B-1,C001,P001,10,,,${day()},,,`,
      `B-2,C001,P001,ten,,,${day()},,,`,
      `B-3,C001,,1,box,,2026-02-30,,,`,
    ]);
    const p = await call(ow.w.core, ow.op, 'orders.previewImport', { csv: bad, fileName: 'bad.csv' });
    expect(p.errors).toEqual([
      { line: 3, reason: 'notNumber', field: 'qty' },
      { line: 4, reason: 'required', field: 'product_code' },
      { line: 4, reason: 'badUnit', field: 'unit' },
      { line: 4, reason: 'badDate', field: 'dispatch_date' },
    ]);
    const e = await refusal(ow.w.core, ow.op, 'orders.import', { csv: bad, fileName: 'bad.csv' });
    expect(e).toMatchObject({ code: 'orders.invalidFile', details: { count: 4 } });
    expect(await count()).toBe(before);
  });

  it('imports a file whole: orders with their source rows, a phone order awaiting confirmation', async () => {
    const r = await call(ow.w.core, ow.op, 'orders.import', { csv: good(), fileName: 'day.csv' });
    expect(r).toMatchObject({ orders: 3, lines: 5, qualified: 1, unqualified: 1, awaitingConfirmation: 1 });
    const rows = await call(ow.w.core, ow.op, 'orders.list', { dispatchDate: day() });
    const a1 = rows.find((o) => o.reference === 'A-1')!;
    const v = await call(ow.w.core, ow.op, 'orders.get', { orderId: a1.id });
    expect(v.source).toEqual({ kind: 'file', importId: r.importId, fileName: 'day.csv', line: 2 });
    expect(v.lines.map((l) => [l.productCode, l.qty, l.gift, l.priceFen])).toEqual([
      ['P001', 10, false, 150],
      ['P002', 48, false, 320],
      ['P003', 1, true, 0],
    ]);
    const a2 = rows.find((o) => o.reference === 'A-2')!;
    expect([a2.channel, a2.state, a2.emergency]).toEqual(['phone', 'awaitingConfirmation', true]);
  });

  it('refuses the same file a second time, naming when it was imported', async () => {
    const before = await count();
    const e = await refusal(ow.w.core, ow.op, 'orders.import', { csv: good(), fileName: 'again.csv' });
    expect(e).toMatchObject({ code: 'orders.fileAlreadyImported', details: { fileName: 'day.csv' } });
    const p = await call(ow.w.core, ow.op, 'orders.previewImport', { csv: good(), fileName: 'again.csv' });
    expect(p.alreadyImported).not.toBeNull();
    expect(await count()).toBe(before);
  });

  it('refuses another file repeating an imported order reference of the same customer', async () => {
    const e = await refusal(ow.w.core, ow.op, 'orders.import', {
      csv: file([`A-1,C001,P001,11,,,${day()},,,`, `N-1,C001,P001,1,,,${day()},,,`]),
      fileName: 'edited.csv',
    });
    expect(e).toMatchObject({
      code: 'orders.invalidFile',
      details: { errors: [{ line: 2, reason: 'referenceImported', field: 'order_ref' }] },
    });
  });

  it('takes a GBK file as Chinese Excel saves it (decoded by the shared decoder), keeping its Chinese', async () => {
    const bytes = iconv.encode(file([`G-1,C001,P001,3,箱,,${day()},电话,,周五前送到`]), 'gbk');
    const decoded = decodeText(bytes);
    if (!decoded.ok) throw new Error('not decoded');
    expect(decoded.encoding).toBe('gb18030');
    const r = await call(ow.w.core, ow.op, 'orders.import', { csv: decoded.text, fileName: 'gbk.csv' });
    const row = (await call(ow.w.core, ow.op, 'orders.list', {})).find((o) => o.reference === 'G-1');
    expect([r.orders, row!.note, row!.channel, row!.units]).toEqual([1, '周五前送到', 'phone', 72]);
  });

  it('refuses a file holding a replacement character, naming its line, storing nothing', async () => {
    const before = await count();
    const csv = file([`H-1,C001,P001,3,,,${day()},,,\uFFFD\uFFFD`]);
    const p = await call(ow.w.core, ow.op, 'orders.previewImport', { csv, fileName: 'broken.csv' });
    expect(p.errors).toEqual([{ line: 2, reason: 'replacementChar', field: 'note' }]);
    expect(await refusal(ow.w.core, ow.op, 'orders.import', { csv, fileName: 'broken.csv' })).toMatchObject({
      code: 'orders.invalidFile',
    });
    expect(await count()).toBe(before);
  });
});
