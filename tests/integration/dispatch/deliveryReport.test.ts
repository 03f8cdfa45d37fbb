// R9: the daily dispatch report 每日发货报告 — filled and submitted by the
// warehouse keeper before the cut-off (16:30 in the warehouse's time zone by
// default), late at or after it, posted by the operator once.
import { afterEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../../electron/core/context';
import { call, openWarehouse, refusal, type Warehouse } from '../fixtures';
import { orderWarehouse, type OrderWarehouse } from '../orders/orderFixtures';

let w: Warehouse | undefined;
let ow: OrderWarehouse | undefined;
afterEach(async () => {
  await w?.core.close();
  await ow?.w.core.close();
  w = ow = undefined;
});

/** A warehouse in Asia/Shanghai on a clock the test moves. */
async function warehouseAt(start: string) {
  const clock = { now: new Date(start) };
  w = await openWarehouse({ now: () => clock.now, timeZone: 'Asia/Shanghai', sessionIdleMs: 60 * 86_400_000 });
  const keeper = await w.as('warehouseKeeper');
  const op = await w.as('operator');
  return { w, clock, keeper, op };
}

const submit = (w: Warehouse, keeper: Caller, dispatchDate: string) =>
  call(w.core, keeper, 'dispatch.submitReport', { dispatchDate, note: '正常发货' });

/** The keeper logs in anew on a later day (a session does not outlive its day). */
const keeperOn = (w: Warehouse) => w.as('warehouseKeeper');

describe('the cut-off of the daily dispatch report (Asia/Shanghai)', () => {
  it('counts a report submitted at 16:29:59 as on time, and one at 16:30:00 or 16:31 as late', async () => {
    // 16:29:59 in Shanghai on the 7th is 08:29:59 UTC.
    const { w, clock, keeper } = await warehouseAt('2026-12-07T08:29:59Z');
    const cutoff = await call(w.core, keeper, 'dispatch.cutoff', {});
    expect(cutoff).toMatchObject({
      time: '16:30',
      today: '2026-12-07',
      cutoffAt: '2026-12-07T08:30:00.000Z',
      todayState: 'new',
    });
    const before = await submit(w, keeper, '2026-12-07');
    expect([before.state, before.late, before.submittedAt]).toEqual(['submitted', false, '2026-12-07T08:29:59.000Z']);

    clock.now = new Date('2026-12-08T08:30:00Z');
    expect((await submit(w, await keeperOn(w), '2026-12-08')).late).toBe(true);
    clock.now = new Date('2026-12-09T08:31:00Z');
    const later = await keeperOn(w);
    expect((await submit(w, later, '2026-12-09')).late).toBe(true);
    expect((await call(w.core, later, 'dispatch.cutoff', {})).todayState).toBe('submitted');
    // The flag stays as submitted, whatever the clock says later.
    clock.now = new Date('2026-12-20T02:00:00Z');
    const reader = await keeperOn(w);
    const reports = await Promise.all(
      ['2026-12-07', '2026-12-08', '2026-12-09'].map((d) =>
        call(w.core, reader, 'dispatch.report', { dispatchDate: d }),
      ),
    );
    expect(reports.map((r) => r.late)).toEqual([false, true, true]);
  });

  it('takes the cut-off a CS manager sets, in the warehouse time zone; a keeper may not change it', async () => {
    const { w, clock, keeper } = await warehouseAt('2026-12-07T08:45:00Z'); // 16:45 local
    const manager = await w.as('csManager');
    expect((await refusal(w.core, keeper, 'dispatch.setCutoff', { time: '18:00' })).code).toBe('auth.forbidden');
    const set = await call(w.core, manager, 'dispatch.setCutoff', { time: '17:00' });
    expect([set.time, set.cutoffAt]).toEqual(['17:00', '2026-12-07T09:00:00.000Z']);
    expect((await submit(w, keeper, '2026-12-07')).late).toBe(false);
    clock.now = new Date('2026-12-08T09:00:00Z'); // 17:00 local
    expect((await submit(w, await keeperOn(w), '2026-12-08')).late).toBe(true);
  });
});

describe('submitting and posting the report', () => {
  it('the keeper submits, the operator posts once; posting twice is refused and writes nothing', async () => {
    const { w, keeper, op } = await warehouseAt('2026-12-07T06:00:00Z');
    const dispatcher = await w.as('dispatcher');
    const date = '2026-12-07';
    expect((await refusal(w.core, op, 'dispatch.postReport', { dispatchDate: date })).code).toBe(
      'delivery.reportNotSubmitted',
    );
    await call(w.core, keeper, 'dispatch.saveReport', { dispatchDate: date, note: '草稿' });
    expect((await call(w.core, op, 'dispatch.report', { dispatchDate: date })).state).toBe('draft');
    await submit(w, keeper, date);
    // The keeper's part is done: no more changes.
    expect((await refusal(w.core, keeper, 'dispatch.saveReport', { dispatchDate: date, note: 'x' })).code).toBe(
      'delivery.reportSubmitted',
    );
    // R9: posting is the operator's right.
    expect((await refusal(w.core, dispatcher, 'dispatch.postReport', { dispatchDate: date })).code).toBe(
      'auth.forbidden',
    );
    expect((await refusal(w.core, keeper, 'dispatch.postReport', { dispatchDate: date })).code).toBe('auth.forbidden');
    const posted = await call(w.core, op, 'dispatch.postReport', { dispatchDate: date });
    expect([posted.state, posted.postedBy, posted.submittedBy, posted.note]).toEqual([
      'posted',
      'operator',
      'warehouseKeeper',
      '正常发货',
    ]);
    const audit = (await call(w.core, w.admin, 'audit.list', { offset: 0, limit: 1 })).total;
    const twice = await refusal(w.core, op, 'dispatch.postReport', { dispatchDate: date });
    expect(twice).toMatchObject({ code: 'delivery.reportPosted', details: { dispatchDate: date } });
    expect((await call(w.core, w.admin, 'audit.list', { offset: 0, limit: 1 })).total).toBe(audit);
    expect(await call(w.core, op, 'dispatch.report', { dispatchDate: date })).toEqual(posted);
  });

  it('lets supervisors and CS managers read the report but not fill it', async () => {
    const { w } = await warehouseAt('2026-12-07T06:00:00Z');
    for (const role of ['supervisor', 'csManager'] as const) {
      const c = await w.as(role);
      expect((await call(w.core, c, 'dispatch.report', { dispatchDate: '2026-12-07' })).state).toBe('new');
      expect((await refusal(w.core, c, 'dispatch.submitReport', { dispatchDate: '2026-12-07' })).code).toBe(
        'auth.forbidden',
      );
    }
  });
});

describe('the exceptions of the report', () => {
  it('lists held and short orders of the date (not one still waiting for its trip), takes a remark on each and freezes them at submission', async () => {
    ow = await orderWarehouse();
    const o = ow;
    await o.stock('P001', 10);
    const held = await o.order({ lines: [{ productCode: 'NOPE', qty: 1 }] });
    const short = await o.order({ customerCode: 'C002', lines: [{ productCode: 'P002', qty: 5 }] });
    const released = await o.order({ lines: [{ productCode: 'P001', qty: 10 }] });
    await call(o.w.core, o.op, 'orders.release', { dispatchDate: o.tomorrow });
    const report = await call(o.w.core, o.keeper, 'dispatch.report', { dispatchDate: o.tomorrow });
    // The released order waits for a trip of the day: no exception while the day's trips have not all departed.
    expect(report.exceptions.map((e) => [e.orderNumber, e.kind])).toEqual([
      [held.number, 'held'],
      [short.number, 'short'],
    ]);
    expect((await call(o.w.core, o.op, 'orders.get', { orderId: released.id })).state).toBe('released');
    expect(report.dispatched).toMatchObject({ trips: 0, orders: 0 });

    expect(
      (
        await refusal(o.w.core, o.keeper, 'dispatch.saveReport', {
          dispatchDate: o.tomorrow,
          remarks: [{ orderId: 999_999, remark: 'x' }],
        })
      ).code,
    ).toBe('delivery.notAnException');
    const submitted = await call(o.w.core, o.keeper, 'dispatch.submitReport', {
      dispatchDate: o.tomorrow,
      note: '两单异常',
      remarks: [
        { orderId: short.id, remark: '伊利纯牛奶缺货，待到货' },
        { orderId: held.id, remark: '' },
      ],
    });
    expect(submitted.exceptions.map((e) => e.remark)).toEqual(['', '伊利纯牛奶缺货，待到货']);
    expect(submitted.frozen).toBe(true);
    // Orders move later; the submitted report keeps what the keeper signed off.
    await call(o.w.core, o.op, 'orders.cancel', { orderId: held.id, reason: '客户取消' });
    const after = await call(o.w.core, o.op, 'dispatch.report', { dispatchDate: o.tomorrow });
    expect(after.exceptions.map((e) => e.orderNumber)).toEqual([held.number, short.number]);
  });
});
