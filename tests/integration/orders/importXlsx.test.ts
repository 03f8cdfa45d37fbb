// An order file saved by Excel as a workbook (.xlsx): its first sheet is read
// as the same columns as the CSV, dates and numbers as Excel shows them, and
// a bad row is named by its Excel row number.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isXlsx, orderFileText } from '../../../renderer/pages/orders/orderFileText';
import { call } from '../fixtures';
import { orderWarehouse, type OrderWarehouse } from './orderFixtures';

let ow: OrderWarehouse;
beforeAll(async () => {
  ow = await orderWarehouse();
});
afterAll(async () => ow.w.core.close());

async function workbook(rows: unknown[][]): Promise<ArrayBuffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('订单');
  sheet.addRow([
    'order_ref',
    'customer_code',
    'product_code',
    'qty',
    'unit',
    'gift',
    'dispatch_date',
    'channel',
    'note',
  ]);
  for (const r of rows) sheet.addRow(r);
  wb.addWorksheet('说明').addRow(['this sheet is not read']);
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer).slice().buffer;
}

const fileOf = (buffer: ArrayBuffer) => ({ arrayBuffer: async () => buffer });

describe('order file as an Excel workbook', () => {
  it('imports the first sheet: numbers, a date cell, a formula’s result and Chinese text as Excel shows them', async () => {
    const [y, m, d] = ow.tomorrow.split('-').map(Number) as [number, number, number];
    const dispatch = new Date(Date.UTC(y, m - 1, d));
    const buffer = await workbook([
      ['X-1', 'C001', 'P001', 10, null, null, dispatch, null, '上午送'],
      ['X-1', 'C001', 'P002', { formula: '1+1', result: 2 }, '箱', null, dispatch, null, null],
      ['X-2', 'C002', 'P001', 5, null, null, dispatch, '电话', null],
    ]);
    expect(isXlsx(new Uint8Array(buffer))).toBe(true);
    const read = await orderFileText(fileOf(buffer));
    expect(read.encoding).toBe('xlsx');
    const r = await call(ow.w.core, ow.op, 'orders.import', { csv: read.text, fileName: 'day.xlsx' });
    expect(r).toMatchObject({ orders: 2, lines: 3, awaitingConfirmation: 1 });
    const rows = await call(ow.w.core, ow.op, 'orders.list', { dispatchDate: ow.tomorrow });
    const x1 = rows.find((o) => o.reference === 'X-1')!;
    const v = await call(ow.w.core, ow.op, 'orders.get', { orderId: x1.id });
    expect(v.lines.map((l) => [l.productCode, l.qty])).toEqual([
      ['P001', 10],
      ['P002', 48],
    ]);
    expect([x1.note, x1.dispatchDate]).toEqual(['上午送', ow.tomorrow]);
  });

  it('names a bad row by its row number in Excel, and imports nothing', async () => {
    const before = (await call(ow.w.core, ow.op, 'orders.list', {})).length;
    const buffer = await workbook([
      ['Y-1', 'C001', 'P001', 3, null, null, ow.tomorrow, null, null],
      [],
      ['Y-2', 'C001', 'P001', 'three', null, null, ow.tomorrow, null, null],
    ]);
    const read = await orderFileText(fileOf(buffer));
    const p = await call(ow.w.core, ow.op, 'orders.previewImport', { csv: read.text, fileName: 'bad.xlsx' });
    expect(p.errors).toEqual([{ line: 4, reason: 'notNumber', field: 'qty' }]);
    expect((await call(ow.w.core, ow.op, 'orders.list', {})).length).toBe(before);
  });

  it('refuses a file that only looks like a workbook, naming line 1', async () => {
    const junk = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]).buffer;
    await expect(orderFileText(fileOf(junk))).rejects.toMatchObject({
      code: 'import.undecodable',
      details: { line: 1 },
    });
  });
});
