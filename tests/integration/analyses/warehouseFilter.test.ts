// The warehouse filter of both monthly analyses (a site with two warehouses):
// each warehouse's analysis holds only what happened in its bins, reconciles
// with the ledger's movements there, and the two add up to the site's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTimeZone } from '../../../electron/core/clock';
import { today } from '../../../electron/core/orders/dates';
import { createLayout } from '../../../electron/core/setup/layout';
import { call, newKey, refusal } from '../fixtures';
import { orderWarehouse, type OrderWarehouse } from '../orders/orderFixtures';

let ow: OrderWarehouse;
let main: number;
let second: number;
let secondBin: number;
const month = () => today(new Date(), defaultTimeZone).slice(0, 7);

beforeAll(async () => {
  ow = await orderWarehouse();
  const { w, keeper } = ow;
  // A second warehouse beside the one a new data folder starts with.
  const bins = await createLayout(w.core.database.db, { code: 'WH2', name: '二号仓' }, [
    { code: 'B', name: '二号仓常温区', bins: 1 },
  ]);
  secondBin = bins.get('B')![0]!;
  const warehouses = (await call(w.core, w.admin, 'locations.list', {})).filter((l) => l.kind === 'warehouse');
  main = warehouses.find((l) => l.code !== 'WH2')!.id;
  second = warehouses.find((l) => l.code === 'WH2')!.id;
  await call(w.core, keeper, 'receipts.post', {
    deliveryNote: 'QS-WH',
    arrivedAt: new Date().toISOString(),
    idempotencyKey: newKey(),
    lines: [
      { productId: ow.product('P001'), status: 'good', locationId: w.bins[0]!.id, qty: 240 },
      { productId: ow.product('P001'), status: 'good', locationId: secondBin, qty: 240 },
    ],
  });
});
afterAll(async () => ow?.w.core.close());

describe('warehouse filter', () => {
  it('damage analysis: each warehouse shows the reports and disposals of its bins, reconciled', async () => {
    const { w, keeper, manager, op } = ow;
    const p = ow.product('P001');
    const report = async (locationId: number, qty: number, cause: string) => {
      const r = await call(w.core, keeper, 'damage.report', {
        productId: p,
        fromStatus: 'good',
        locationId,
        qty,
        whereFound: 'bin',
        cause,
        suggestion: 'scrap',
        idempotencyKey: newKey(),
      });
      await call(w.core, manager, 'damage.approve', { reportId: r.id });
      return r;
    };
    await report(w.bins[0]!.id, 10, 'crushed');
    const wet = await report(secondBin, 6, 'wet');
    const d = await call(w.core, keeper, 'disposals.propose', {
      kind: 'scrap',
      lines: [{ productId: p, locationId: secondBin, qty: 4, damageReportId: wet.id }],
      idempotencyKey: newKey(),
    });
    await call(w.core, manager, 'disposals.approve', { disposalId: d.id });

    const site = await call(w.core, op, 'analyses.damage', { month: month() });
    const one = await call(w.core, op, 'analyses.damage', { month: month(), warehouseId: main });
    const two = await call(w.core, op, 'analyses.damage', { month: month(), warehouseId: second });
    expect(site.warehouse).toBeNull();
    expect(two.warehouse).toEqual({ id: second, code: 'WH2', name: '二号仓' });
    expect(two.causes.map((c) => [c.cause, c.qty])).toEqual([['wet', 6]]);
    expect(two.disposals.map((x) => [x.kind, x.qty])).toEqual([['scrap', 4]]);
    expect(two.products[0]).toMatchObject({ qty: 6, disposed: { scrap: 4 }, openQty: 2 });
    expect(one.causes.map((c) => [c.cause, c.qty])).toEqual([['crushed', 10]]);
    expect(one.disposals).toEqual([]);
    expect(one.total.qty + two.total.qty).toBe(site.total.qty);
    expect(one.total.amountFen + two.total.amountFen).toBe(site.total.amountFen);
    expect(two.trend.at(-1)!.qty).toBe(6);
    for (const a of [one, two, site]) expect(a.reconciliation.every((r) => r.reconciled)).toBe(true);
  });

  it('return analysis: a return is in the warehouse its note put the goods into, reconciled', async () => {
    const { w, sales1, manager, keeper, op } = ow;
    const p = ow.product('P001');
    const back = async (qty: number, locationId: number) => {
      const r = await call(w.core, sales1, 'returns.report', {
        customerId: ow.customer('C001'),
        lines: [{ productId: p, qty, reason: 'expired' }],
        idempotencyKey: newKey(),
      });
      await call(w.core, manager, 'returns.approve', { returnId: r.id });
      await call(w.core, keeper, 'returns.check', {
        returnId: r.id,
        casesChecked: 1,
        lines: [{ productId: p, qty, reason: 'expired' }],
      });
      await call(w.core, op, 'returns.issueNote', {
        returnId: r.id,
        lines: [{ lineNo: 1, qtyGood: qty, qtyDamaged: 0, goodLocationId: locationId }],
        idempotencyKey: newKey(),
      });
    };
    await back(24, w.bins[0]!.id);
    await back(12, secondBin);

    const site = await call(w.core, op, 'analyses.returns', { month: month() });
    const one = await call(w.core, op, 'analyses.returns', { month: month(), warehouseId: main });
    const two = await call(w.core, op, 'analyses.returns', { month: month(), warehouseId: second });
    const report = (a: typeof site) => a.kinds.find((k) => k.kind === 'report')!;
    expect([report(one).returns, report(one).qty]).toEqual([1, 24]);
    expect([report(two).returns, report(two).qty]).toEqual([1, 12]);
    expect(report(one).creditFen + report(two).creditFen).toBe(report(site).creditFen);
    expect(two.salespeople.map((s) => [s.salespersonName, s.reportQty])).toEqual([['sales1', 12]]);
    for (const a of [one, two, site]) expect(a.reconciliation.every((r) => r.reconciled)).toBe(true);
  });

  it('refuses a location that is not a warehouse', async () => {
    const e = await refusal(ow.w.core, ow.op, 'analyses.returns', { month: month(), warehouseId: secondBin });
    expect(e).toMatchObject({ code: 'analyses.unknownWarehouse', details: { warehouseId: secondBin } });
  });
});
