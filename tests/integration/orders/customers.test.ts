// Customers 客户档案 and prices: validation, all-or-nothing imports, export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, refusal } from '../fixtures';
import { orderWarehouse, type OrderWarehouse } from './orderFixtures';

let ow: OrderWarehouse;
beforeAll(async () => {
  ow = await orderWarehouse();
});
afterAll(async () => ow.w.core.close());

describe('customers', () => {
  it('saves a customer with its route, stop, salesperson and delivery days', async () => {
    const sales = await call(ow.w.core, ow.op, 'customers.salespeople', {});
    const c = await call(ow.w.core, ow.op, 'customers.save', {
      code: 'C100',
      name: '白云食杂店',
      area: '白云',
      route: 'BY-2',
      stopSeq: 7,
      salespersonId: sales.find((s) => s.displayName === 'sales2')!.id,
      deliveryDays: [5, 1, 3],
      lat: 23.16,
      lng: 113.27,
    });
    expect(c).toMatchObject({ route: 'BY-2', stopSeq: 7, salespersonName: 'sales2', deliveryDays: [1, 3, 5] });
  });

  it('keeps what an update leaves out (the phone stays when only the name changes)', async () => {
    const [c] = await call(ow.w.core, ow.op, 'customers.list', {}).then((l) => l.filter((x) => x.code === 'C001'));
    await call(ow.w.core, ow.op, 'customers.save', {
      id: c!.id,
      code: 'C001',
      name: 'x',
      area: c!.area,
      route: c!.route,
      phone: '020-1234',
    });
    const after = await call(ow.w.core, ow.op, 'customers.save', {
      id: c!.id,
      code: 'C001',
      name: '天河便利店',
      area: c!.area,
      route: c!.route,
    });
    expect([after.name, after.phone, after.salespersonName]).toEqual(['天河便利店', '020-1234', 'sales1']);
  });

  it('refuses a code already taken and a salesperson who is not one', async () => {
    expect(
      await refusal(ow.w.core, ow.op, 'customers.save', { code: 'C001', name: 'x', area: 'x', route: 'x' }),
    ).toMatchObject({ code: 'customers.codeTaken' });
    expect(
      await refusal(ow.w.core, ow.op, 'customers.save', {
        code: 'C101',
        name: 'x',
        area: 'x',
        route: 'x',
        salespersonId: ow.op.session!.userId,
      }),
    ).toMatchObject({ code: 'customers.notSalesperson' });
  });

  it('refuses blocking without a reason', async () => {
    const e = await refusal(ow.w.core, ow.op, 'customers.save', {
      code: 'C102',
      name: 'x',
      area: 'x',
      route: 'x',
      blocked: true,
    });
    expect(e.code).toBe('contract.invalidInput');
  });

  it('imports nothing from a file with bad rows, listing each by line', async () => {
    const before = (await call(ow.w.core, ow.op, 'customers.list', {})).length;
    const e = await refusal(ow.w.core, ow.op, 'customers.import', {
      csv: 'code,name,area,route,stop_seq,salesperson\nC200,好店,天河,TH-1,1,sales1\nC201,,天河,TH-1,x,nobody\n',
    });
    expect(e).toMatchObject({
      code: 'import.invalidRows',
      details: {
        errors: [
          { line: 3, reason: 'notPositiveInteger', field: 'stop_seq' },
          { line: 3, reason: 'unknownSalesperson', field: 'salesperson' },
          { line: 3, reason: 'required', field: 'name' },
        ],
      },
    });
    expect((await call(ow.w.core, ow.op, 'customers.list', {})).length).toBe(before);
  });

  it('exports customers in the import columns, and the export imports back unchanged', async () => {
    const { csv, rows } = await call(ow.w.core, ow.op, 'customers.export', {});
    expect(csv.split('\r\n')[0]).toBe(
      '\uFEFFcode,name,address,area,route,stop_seq,contact,phone,salesperson,delivery_days,blocked,blocked_reason,lat,lng',
    );
    const before = await call(ow.w.core, ow.op, 'customers.list', {});
    const r = await call(ow.w.core, ow.op, 'customers.import', { csv });
    expect([r.imported, r.updated]).toEqual([0, rows]);
    const after = await call(ow.w.core, ow.op, 'customers.list', {});
    expect(after.map(({ updatedAt: _u, ...c }) => c)).toEqual(before.map(({ updatedAt: _u, ...c }) => c));
  });
});

describe('prices', () => {
  it('a customer price with validity dates applies only inside them', async () => {
    await call(ow.w.core, ow.op, 'prices.set', {
      productId: ow.product('P003'),
      customerId: ow.customer('C001'),
      priceFen: 700,
      validFrom: '2020-01-01',
      validTo: '2020-12-31',
    });
    const o = await ow.order({ lines: [{ productCode: 'P003', qty: 1 }] });
    expect(o.lines[0]!.priceFen).toBe(800);
  });

  it('imports nothing from a price file with bad rows', async () => {
    const e = await refusal(ow.w.core, ow.op, 'prices.import', {
      csv: 'product_code,customer_code,price,valid_from\nP001,,1.2.3,2026-01-01\nNOPE,C404,1,2026-13-01\n',
    });
    expect(e).toMatchObject({ code: 'import.invalidRows' });
    expect((e.details as { errors: unknown[] }).errors).toHaveLength(4);
  });
});
