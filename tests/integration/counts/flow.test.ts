// The weekly count 盘点 end to end (R10): plan, snapshot, blind count while
// goods move, reconcile with a recount by another keeper, causes, the two
// confirmations, the adjustment form approved by the CS manager, the ledger.
import { afterEach, describe, expect, it } from 'vitest';
import type { ReconcileLines } from '../../../shared/contract/counts';
import { reconcileRows, type ReconcileRow } from '../../../renderer/pages/counts/reconcileRows';
import { call, refusal } from '../fixtures';
import { countWarehouse, enter, startZoneCount, type CountWarehouse } from './countFixtures';

let c: CountWarehouse;
afterEach(async () => c?.w.core.close());

// A line as the grid shows it: the reply's line with its product and the figures derived from them.
const lineOf = (view: ReconcileLines, code: string, bin: string): ReconcileRow =>
  reconcileRows(view).find((l) => l.product.code === code && l.locationCode === bin)!;

describe('stock count flow', () => {
  it('counts, recounts, reconciles and posts the approved adjustment; the session is then read-only', async () => {
    c = await countWarehouse();
    const { core } = c.w;
    const s = await startZoneCount(c, [c.ids.keeper], { toleranceUnits: 2 });
    expect(s).toMatchObject({ state: 'counting', blind: true, lineCount: 3, countedLineCount: 0 });

    // ★ Work goes on: a dispatch from A-01 after the snapshot, before the bin is counted.
    await c.dispatch('P001', 'A-01', 10);
    await enter(c, c.keeper, s.id, 'P001', 'A-01', 90); // matches the book at count time
    await enter(c, c.keeper, s.id, 'P002', 'A-01', 48); // −2: within tolerance
    await enter(c, c.keeper, s.id, 'P003', 'A-02', 25); // −5: outside
    // A dispatch after A-01 was counted left after the goods were counted: no false variance either.
    await c.dispatch('P002', 'A-01', 5);
    await call(core, c.keeper, 'counts.finishCounting', { sessionId: s.id });

    let r = await call(core, c.op, 'counts.reconcile', { sessionId: s.id });
    expect(lineOf(r, 'P001', 'A-01')).toMatchObject({
      snapshotQty: 100,
      movementsSince: -10,
      bookQty: 90,
      countedQty: 90,
      varianceQty: 0,
      lineStatus: 'matched',
    });
    expect(lineOf(r, 'P002', 'A-01')).toMatchObject({
      movementsSince: 0,
      varianceQty: -2,
      varianceAmountFen: -2 * c.product('P002').unitCostFen,
      lineStatus: 'withinTolerance',
    });
    const p3 = lineOf(r, 'P003', 'A-02');
    expect(p3).toMatchObject({ varianceQty: -5, lineStatus: 'outOfTolerance' });
    expect(r.totals).toMatchObject({ lines: 3, counted: 3, matched: 1, withinTolerance: 1, outOfTolerance: 1 });
    // The first lines, painted while the rest load, are the reconciliation's first lines in walking order.
    const first = await call(core, c.op, 'counts.reconcileFirst', { sessionId: s.id, limit: 2 });
    expect(first.lines).toEqual(r.lines.slice(0, 2));
    expect(first.products.map((p) => p.code)).toEqual(['P001', 'P002']);

    // ★ Recount by a different keeper only.
    expect(
      (
        await refusal(core, c.op, 'counts.requestRecount', {
          sessionId: s.id,
          lineIds: [p3.lineId],
          keeperId: c.ids.keeper,
        })
      ).code,
    ).toBe('counts.sameRecounter');
    const p1 = lineOf(r, 'P001', 'A-01');
    expect(
      (
        await refusal(core, c.op, 'counts.requestRecount', {
          sessionId: s.id,
          lineIds: [p1.lineId],
          keeperId: c.ids.keeper2,
        })
      ).code,
    ).toBe('counts.notOutOfTolerance');
    r = await call(core, c.op, 'counts.requestRecount', {
      sessionId: s.id,
      lineIds: [p3.lineId],
      keeperId: c.ids.keeper2,
    });
    expect(r.session.state).toBe('recounting');
    expect((await call(core, c.op, 'counts.get', { sessionId: s.id })).recountKeepers).toEqual(['keeper2']);
    expect(lineOf(r, 'P003', 'A-02')).toMatchObject({ lineStatus: 'recount', round: 2, recountBy: 'keeper2' });
    // During the recount only the recount line is open, and only to its keeper.
    expect(
      (
        await refusal(core, c.keeper, 'counts.enter', {
          sessionId: s.id,
          productId: c.product('P003').id,
          locationId: c.bin('A-02'),
          mode: 'set',
          qty: 1,
        })
      ).code,
    ).toBe('counts.lineNotOpen');
    expect(
      (
        await refusal(core, c.keeper2, 'counts.enter', {
          sessionId: s.id,
          productId: c.product('P002').id,
          locationId: c.bin('A-01'),
          mode: 'set',
          qty: 1,
        })
      ).code,
    ).toBe('counts.lineNotOpen');
    await enter(c, c.keeper2, s.id, 'P003', 'A-02', 30);
    await call(core, c.keeper2, 'counts.finishCounting', { sessionId: s.id });

    r = await call(core, c.op, 'counts.reconcile', { sessionId: s.id });
    // The recount replaced the first count of that line only; the first count stays as evidence.
    expect(lineOf(r, 'P003', 'A-02')).toMatchObject({ countedQty: 30, varianceQty: 0, lineStatus: 'matched' });
    expect(lineOf(r, 'P003', 'A-02')).toMatchObject({
      counts: [
        { userName: 'keeper2', round: 2, qty: 30 },
        { round: 1, qty: 25 },
      ],
    });
    expect(lineOf(r, 'P002', 'A-01')).toMatchObject({ countedQty: 48, varianceQty: -2 });

    // Every remaining variance needs a cause before both confirm.
    expect((await refusal(core, c.op, 'counts.confirm', { sessionId: s.id })).code).toBe('counts.causeMissing');
    const p2 = lineOf(r, 'P002', 'A-01');
    await call(core, c.keeper, 'counts.setCauses', {
      sessionId: s.id,
      lines: [{ lineId: p2.lineId, cause: 'miscount', note: '漏数两盒' }],
    });
    r = await call(core, c.op, 'counts.confirm', { sessionId: s.id });
    expect(r.session).toMatchObject({ state: 'reconciling', operatorConfirmation: { userId: c.ids.op } });
    r = await call(core, c.keeper, 'counts.confirm', { sessionId: s.id });
    expect(r.session.state).toBe('confirmed');
    const formId = r.session.formId!;
    let form = await call(core, c.op, 'adjustments.get', { formId });
    expect(form).toMatchObject({ kind: 'count', state: 'draft', sessionId: s.id, lineCount: 1 });
    expect(form.lines).toEqual([
      expect.objectContaining({
        productCode: 'P002',
        locationCode: 'A-01',
        qty: -2,
        cause: 'miscount',
        note: '漏数两盒',
      }),
    ]);
    // The count form's lines come from the reconciliation, not typed.
    expect((await refusal(core, c.op, 'adjustments.updateManual', { formId, note: 'x' })).code).toBe(
      'adjustments.linkedToCount',
    );

    await call(core, c.op, 'adjustments.submit', { formId });
    // Only the CS manager approves.
    expect((await refusal(core, c.op, 'adjustments.approve', { formId })).code).toBe('auth.forbidden');
    expect((await refusal(core, c.keeper, 'adjustments.approve', { formId })).code).toBe('auth.forbidden');
    const before = await c.balance('P002', 'A-01');
    form = await call(core, c.manager, 'adjustments.approve', { formId, comment: '同意' });
    expect(form).toMatchObject({ state: 'approved', decidedBy: 'csManager', comment: '同意' });
    expect(form.documentNo).toMatch(/^CA-/);
    expect(await c.balance('P002', 'A-01')).toBe(before - 2);
    const movements = await call(core, c.op, 'stock.movements', { offset: 0, limit: 5, sort: 'desc' });
    expect(movements.rows[0]).toMatchObject({ type: 'countAdjustment', qty: -2, productCode: 'P002' });

    // Closed: read-only, browsable.
    const closed = await call(core, c.op, 'counts.get', { sessionId: s.id });
    expect(closed).toMatchObject({ state: 'closed', formState: 'approved' });
    expect(closed.history.map((h) => h.action)).toEqual(
      expect.arrayContaining(['counts.plan', 'counts.start', 'counts.confirm', 'adjustments.approve']),
    );
    expect(
      (await refusal(core, c.op, 'counts.setCauses', { sessionId: s.id, lines: [{ lineId: p2.lineId, cause: null }] }))
        .code,
    ).toBe('counts.readOnly');
    expect((await refusal(core, c.manager, 'adjustments.reject', { formId, comment: 'x' })).code).toBe(
      'adjustments.readOnly',
    );
    expect((await call(core, c.op, 'counts.list', { state: 'closed' })).map((x) => x.id)).toEqual([s.id]);
    expect((await call(core, c.op, 'counts.list', { search: s.number })).length).toBe(1);

    // A product's last counts, and the R14 measures.
    const history = await call(core, c.op, 'counts.productHistory', { productId: c.product('P002').id });
    expect(history[0]).toMatchObject({
      sessionNumber: s.number,
      locationCode: 'A-01',
      countedQty: 48,
      varianceQty: -2,
    });
    const m = await call(core, c.manager, 'counts.measures', {
      from: new Date(Date.now() - 86_400_000).toISOString(),
      to: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(m.sessions).toEqual([
      expect.objectContaining({ sessionId: s.id, linesCounted: 3, linesWithinTolerance: 3, accuracyPct: 100 }),
    ]);
    // The session's own view carries the same figure, from its totals.
    const { sessionId: _, number: __, countingFinishedAt: ___, ...sessionAccuracy } = m.sessions[0]!;
    expect((await call(core, c.op, 'counts.get', { sessionId: s.id })).totals?.accuracy).toEqual(sessionAccuracy);
    const adjustments = m.weeks.flatMap((w) => w.adjustments);
    expect(adjustments).toEqual([
      {
        kind: 'count',
        forms: 1,
        lines: 1,
        absAmountFen: 2 * c.product('P002').unitCostFen,
        netAmountFen: -2 * c.product('P002').unitCostFen,
      },
    ]);
  });

  it('sums two counters on the same line, kept apart, never overwritten', async () => {
    c = await countWarehouse();
    const s = await startZoneCount(c, [c.ids.keeper, c.ids.keeper2]);
    await enter(c, c.keeper, s.id, 'P001', 'A-01', 40);
    const mine = await enter(c, c.keeper2, s.id, 'P001', 'A-01', 55);
    // keeper2 corrects their own figure; keeper's stays.
    await call(c.w.core, c.keeper2, 'counts.enter', {
      sessionId: s.id,
      productId: c.product('P001').id,
      locationId: c.bin('A-01'),
      mode: 'add',
      qty: -5,
    });
    expect(mine).toMatchObject({ myQty: 55, counted: true });
    const r = await call(c.w.core, c.op, 'counts.reconcile', { sessionId: s.id });
    const line = lineOf(r, 'P001', 'A-01');
    expect(line.countedQty).toBe(90);
    expect(line.counts!.map((x) => [x.userName, x.qty]).sort()).toEqual([
      ['keeper2', 50],
      ['warehouseKeeper', 40],
    ]);
    // Lines nobody counted are "not counted", never zero.
    expect(lineOf(r, 'P002', 'A-01')).toMatchObject({
      countedQty: null,
      varianceQty: null,
      lineStatus: 'notCounted',
    });
  });

  it('refuses approval or rejection by a CS manager who counted in the session; a rejection by another sends it back to reconcile', async () => {
    c = await countWarehouse();
    const both = await c.user('mk', ['csManager', 'warehouseKeeper']);
    const s = await startZoneCount(c, [c.ids.keeper, both.id], { toleranceUnits: 100 });
    await enter(c, both.caller, s.id, 'P001', 'A-01', 99);
    await enter(c, c.keeper, s.id, 'P002', 'A-01', 50);
    await call(c.w.core, c.op, 'counts.finishCounting', { sessionId: s.id });
    const r = await call(c.w.core, c.op, 'counts.reconcile', { sessionId: s.id });
    await call(c.w.core, c.op, 'counts.setCauses', {
      sessionId: s.id,
      lines: [{ lineId: lineOf(r, 'P001', 'A-01').lineId, cause: 'theftOrLoss' }],
    });
    await call(c.w.core, c.op, 'counts.confirm', { sessionId: s.id });
    const done = await call(c.w.core, c.keeper, 'counts.confirm', { sessionId: s.id });
    const formId = done.session.formId!;
    await call(c.w.core, c.op, 'adjustments.submit', { formId });
    const e = await refusal(c.w.core, both.caller, 'adjustments.approve', { formId });
    expect(e).toMatchObject({ code: 'adjustments.approverInvolved', details: { reason: 'counted' } });
    expect((await refusal(c.w.core, both.caller, 'adjustments.reject', { formId, comment: 'no' })).code).toBe(
      'adjustments.approverInvolved',
    );
    expect((await call(c.w.core, c.op, 'adjustments.get', { formId })).state).toBe('submitted');
    // A manager who took no part decides; rejection sends the count back to reconciliation.
    const rejected = await call(c.w.core, c.manager, 'adjustments.reject', { formId, comment: '请复核' });
    expect(rejected).toMatchObject({ state: 'rejected', comment: '请复核' });
    const back = await call(c.w.core, c.op, 'counts.get', { sessionId: s.id });
    expect(back).toMatchObject({
      state: 'reconciling',
      operatorConfirmation: null,
      keeperConfirmation: null,
      formId: null,
    });
    expect(back.forms.map((f) => f.state)).toEqual(['rejected']);
  });

  it('refuses a whole form that would take a balance below zero, posting nothing (R5)', async () => {
    c = await countWarehouse();
    const s = await startZoneCount(c, [c.ids.keeper], { toleranceUnits: 1000 });
    await enter(c, c.keeper, s.id, 'P001', 'A-01', 0); // book 100: −100
    await enter(c, c.keeper, s.id, 'P002', 'A-01', 60); // +10
    await call(c.w.core, c.keeper, 'counts.finishCounting', { sessionId: s.id });
    const r = await call(c.w.core, c.op, 'counts.reconcile', { sessionId: s.id });
    await call(c.w.core, c.op, 'counts.setCauses', {
      sessionId: s.id,
      lines: r.lines.filter((l) => l.varianceQty).map((l) => ({ lineId: l.lineId, cause: 'miscount' as const })),
    });
    await call(c.w.core, c.op, 'counts.confirm', { sessionId: s.id });
    const formId = (await call(c.w.core, c.keeper, 'counts.confirm', { sessionId: s.id })).session.formId!;
    await call(c.w.core, c.op, 'adjustments.submit', { formId });
    // Goods leave after the count: the −100 line now exceeds what the book holds.
    await c.dispatch('P001', 'A-01', 50);
    const ledger = async () =>
      Number(
        (
          await c.w.core.database.db
            .selectFrom('movements')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = {
      movements: await ledger(),
      p1: await c.balance('P001', 'A-01'),
      p2: await c.balance('P002', 'A-01'),
    };
    const e = await refusal(c.w.core, c.manager, 'adjustments.approve', { formId });
    expect(e).toMatchObject({
      code: 'stock.wouldGoNegative',
      details: { productCode: 'P001', shortfall: 50, lineNo: 1 },
    });
    expect({
      movements: await ledger(),
      p1: await c.balance('P001', 'A-01'),
      p2: await c.balance('P002', 'A-01'),
    }).toEqual(before);
    expect((await call(c.w.core, c.op, 'adjustments.get', { formId })).state).toBe('submitted');
    expect((await call(c.w.core, c.op, 'counts.get', { sessionId: s.id })).state).toBe('confirmed');
  });

  it('runs a manual adjustment form: draft, edit, submit, approve by the manager, posted as a manual adjustment', async () => {
    c = await countWarehouse();
    const { core } = c.w;
    const line = {
      productId: c.product('P003').id,
      status: 'good' as const,
      locationId: c.bin('A-02'),
      cause: 'unrecordedReceipt' as const,
    };
    let form = await call(core, c.op, 'adjustments.createManual', { note: '补录', lines: [{ ...line, qty: 3 }] });
    expect(form).toMatchObject({ kind: 'manual', state: 'draft', sessionId: null, totalQty: 3 });
    form = await call(core, c.op, 'adjustments.updateManual', { formId: form.id, lines: [{ ...line, qty: 5 }] });
    expect(form.lines).toEqual([expect.objectContaining({ qty: 5, amountFen: 5 * c.product('P003').unitCostFen })]);
    expect((await refusal(core, c.manager, 'adjustments.approve', { formId: form.id })).code).toBe(
      'adjustments.wrongState',
    );
    await call(core, c.op, 'adjustments.submit', { formId: form.id });
    expect((await refusal(core, c.op, 'adjustments.updateManual', { formId: form.id, note: 'x' })).code).toBe(
      'adjustments.wrongState',
    );
    form = await call(core, c.manager, 'adjustments.approve', { formId: form.id });
    expect(form.documentNo).toMatch(/^MA-/);
    expect(await c.balance('P003', 'A-02')).toBe(35);
    expect((await refusal(core, c.op, 'adjustments.updateManual', { formId: form.id, note: 'x' })).code).toBe(
      'adjustments.readOnly',
    );
    expect((await call(core, c.manager, 'adjustments.list', { kind: 'manual' })).map((f) => f.state)).toEqual([
      'approved',
    ]);
  });
});
