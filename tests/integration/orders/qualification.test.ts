// R1: every order is qualified at entry and after every change; each rule
// alone holds the order with that reason, and every failing reason is listed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../fixtures';
import { orderWarehouse, type OrderWarehouse } from './orderFixtures';

let ow: OrderWarehouse;
beforeAll(async () => {
  ow = await orderWarehouse();
  // P003 ships in whole cases of 12 only; P002 is discontinued.
  await ow.w.core.database.db.updateTable('products').set({ case_only: 1 }).where('code', '=', 'P003').execute();
  await call(ow.w.core, ow.op, 'products.update', { id: ow.product('P002'), active: false });
});
afterAll(async () => ow.w.core.close());

const reasons = (o: { issues: { reason: string }[] }) => o.issues.map((i) => i.reason);

describe('qualification (R1)', () => {
  it('a clean order of a known customer is qualified', async () => {
    const o = await ow.order({ lines: [{ productCode: 'P001', qty: 5 }] });
    expect(o.state).toBe('qualified');
    expect(o.issues).toEqual([]);
    expect(o.firstTimeQualified).toBe(true);
    expect(o.lines[0]).toMatchObject({ qty: 5, priceFen: 150, amountFen: 750 });
  });

  it('holds an order of an unknown customer', async () => {
    const o = await ow.order({ customerCode: 'C404', lines: [{ productCode: 'P001', qty: 6 }] });
    expect([o.state, reasons(o)]).toEqual(['held', ['unknownCustomer']]);
  });

  it('holds an order of a blocked customer', async () => {
    const o = await ow.order({ customerCode: 'C009', lines: [{ productCode: 'P001', qty: 7 }] });
    expect([o.state, reasons(o)]).toEqual(['held', ['blockedCustomer']]);
  });

  it('holds a line of an unknown product, naming its line', async () => {
    const o = await ow.order({
      lines: [
        { productCode: 'P001', qty: 8 },
        { productCode: 'NOPE', qty: 1 },
      ],
    });
    expect(o.issues).toEqual([{ reason: 'unknownProduct', lineNo: 2, productCode: 'NOPE' }]);
  });

  it('holds a line of a discontinued product', async () => {
    const o = await ow.order({ lines: [{ productCode: 'P002', qty: 2 }] });
    expect(reasons(o)).toEqual(['inactiveProduct']);
  });

  it('holds an old code naming its successor, and switching the line qualifies the order (R13)', async () => {
    const o = await ow.order({ lines: [{ productCode: 'P000', qty: 9 }] });
    expect(o.issues).toEqual([{ reason: 'oldCode', lineNo: 1, productCode: 'P000', successorCode: 'P001' }]);
    const switched = await call(ow.w.core, ow.op, 'orders.switchLine', { orderId: o.id, lineId: o.lines[0]!.id });
    expect([switched.state, switched.lines[0]!.productCode, switched.lines[0]!.qty]).toEqual(['qualified', 'P001', 9]);
    expect(switched.events.map((e) => e.kind)).toEqual(['received', 'switchedCode']);
  });

  it('holds a quantity that is not a positive whole number', async () => {
    for (const qty of [0, -3, 2.5]) {
      const o = await ow.order({ lines: [{ productCode: 'P001', qty }] });
      expect([qty, reasons(o)]).toEqual([qty, ['notWholeNumber']]);
    }
  });

  it('holds a case-only product ordered in loose units, and takes case lines as case-pack units', async () => {
    const loose = await ow.order({ lines: [{ productCode: 'P003', qty: 13 }] });
    expect(reasons(loose)).toEqual(['notWholeCases']);
    const cases = await ow.order({ lines: [{ productCode: 'P003', qty: 2, per: 'case' }] });
    expect([cases.state, cases.lines[0]!.qty, cases.cases, cases.looseUnits]).toEqual(['qualified', 24, 2, 0]);
  });

  it('holds a line without a price, and a gift line needs none (R2)', async () => {
    await call(ow.w.core, ow.op, 'products.import', {
      csv: 'code,name_zh,unit,case_pack,unit_cost\nP777,无价商品,个,6,1.00\n',
    });
    const o = await ow.order({ lines: [{ productCode: 'P777', qty: 6 }] });
    expect(o.issues).toEqual([{ reason: 'missingPrice', lineNo: 1, productCode: 'P777' }]);
    const gift = await ow.order({ lines: [{ productCode: 'P777', qty: 6, gift: true }] });
    expect([gift.state, gift.lines[0]!.priceFen, gift.amountFen]).toEqual(['qualified', 0, 0]);
  });

  it('takes a customer-specific price valid on the order date over the list price', async () => {
    await call(ow.w.core, ow.op, 'prices.set', {
      productId: ow.product('P001'),
      customerId: ow.customer('C002'),
      priceFen: 120,
      validFrom: '2020-01-01',
    });
    const o = await ow.order({ customerCode: 'C002', lines: [{ productCode: 'P001', qty: 10 }] });
    expect([o.lines[0]!.priceFen, o.amountFen]).toEqual([120, 1200]);
  });

  it('holds a missing dispatch date and a past one', async () => {
    const missing = await ow.order({ dispatchDate: null, lines: [{ productCode: 'P001', qty: 11 }] });
    expect(missing.issues).toContainEqual({ reason: 'missingDate', field: 'dispatchDate' });
    const past = await ow.order({
      orderDate: '2020-01-01',
      dispatchDate: '2020-01-02',
      deliveryDate: '2020-01-03',
      lines: [{ productCode: 'P001', qty: 12 }],
    });
    expect(reasons(past)).toEqual(['pastDate', 'pastDate']);
  });

  it('defaults the dispatch date to the next working day and delivery to the day after', async () => {
    const o = await call(ow.w.core, ow.op, 'orders.create', {
      channel: 'desk',
      customerCode: 'C001',
      lines: [{ productCode: 'P001', qty: 13 }],
    });
    expect(o.dispatchDate! > ow.today).toBe(true);
    expect(new Date(`${o.dispatchDate}T00:00:00Z`).getUTCDay()).not.toBe(0);
    expect(o.state).toBe('qualified');
  });

  it('holds a likely duplicate of an open order of the same customer, naming it', async () => {
    const first = await ow.order({ lines: [{ productCode: 'P001', qty: 14 }] });
    const second = await ow.order({ lines: [{ productCode: 'P001', qty: 14 }] });
    expect(second.issues).toEqual([{ reason: 'likelyDuplicate', duplicateOf: first.number }]);
  });

  it('lists every failing reason of an order at once', async () => {
    const o = await ow.order({
      customerCode: 'C009',
      lines: [
        { productCode: 'NOPE', qty: 1 },
        { productCode: 'P001', qty: 1.5 },
      ],
    });
    expect(reasons(o)).toEqual(['blockedCustomer', 'unknownProduct', 'notWholeNumber']);
  });

  it('requalifies after a change: a corrected held order becomes qualified, keeping its first-time flag false', async () => {
    const o = await ow.order({ lines: [{ productCode: 'P001', qty: 0 }] });
    const fixed = await call(ow.w.core, ow.op, 'orders.update', {
      orderId: o.id,
      lines: [{ productCode: 'P001', qty: 15 }],
    });
    expect([fixed.state, fixed.firstTimeQualified]).toEqual(['qualified', false]);
    expect(fixed.events.map((e) => [e.kind, e.toState])).toEqual([
      ['received', 'held'],
      ['changed', 'qualified'],
    ]);
  });

  it('requalifies held orders once master data are corrected (a price added)', async () => {
    await call(ow.w.core, ow.op, 'products.import', {
      csv: 'code,name_zh,unit,case_pack,unit_cost\nP778,新品,个,6,1.00\n',
    });
    const o = await ow.order({ lines: [{ productCode: 'P778', qty: 6 }] });
    expect(reasons(o)).toEqual(['missingPrice']);
    await call(ow.w.core, ow.op, 'prices.set', {
      productId: (await call(ow.w.core, ow.op, 'products.list', {})).find((p) => p.code === 'P778')!.id,
      customerId: null,
      priceFen: 199,
      validFrom: '2020-01-01',
    });
    const r = await call(ow.w.core, ow.op, 'orders.requalify', { orderIds: [o.id] });
    expect([r.qualified, r.held]).toEqual([1, 0]);
    const v = await call(ow.w.core, ow.op, 'orders.get', { orderId: o.id });
    expect([v.state, v.lines[0]!.priceFen]).toEqual(['qualified', 199]);
  });

  it('records the qualified order rate per day and week', async () => {
    const rate = await call(ow.w.core, ow.op, 'orders.qualifiedRate', { from: ow.today, to: ow.today });
    const day = rate.days.find((d) => d.period === ow.today)!;
    expect(day.received).toBeGreaterThan(day.firstTimeQualified);
    expect(day.rate).toBeCloseTo(day.firstTimeQualified / day.received);
    expect(rate.weeks).toHaveLength(1);
    expect(rate.weeks[0]!.received).toBe(day.received);
  });
});
