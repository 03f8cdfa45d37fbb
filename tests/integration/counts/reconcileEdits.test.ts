// An edit of the reconciliation (a cause, a recount request) answers with the
// lines it changed and the new totals, not the whole reconciliation (issue 10):
// the lines are exactly those edited, each as the full reconciliation shows
// it, and the totals are those of a fresh full reconciliation. Other windows
// hear which lines changed and ask for those alone.
import { afterEach, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../../shared/contract';
import type { ReconcileChange, ReconcileView } from '../../../shared/contract/counts';
import { call } from '../fixtures';
import { countWarehouse, enter, startZoneCount, type CountWarehouse } from './countFixtures';

let c: CountWarehouse;
afterEach(async () => c?.w.core.close());

/** The reply carries these lines, each as the full reconciliation has it, and the full reconciliation's totals. */
function expectMatchesFull(reply: ReconcileChange, full: ReconcileView, lineIds: number[]) {
  expect(reply.lines.map((l) => l.lineId).sort()).toEqual([...lineIds].sort());
  for (const line of reply.lines) expect(line).toEqual(full.lines.find((l) => l.lineId === line.lineId));
  expect(reply.products.map((p) => p.id).sort()).toEqual([...new Set(reply.lines.map((l) => l.productId))].sort());
  expect(reply.totals).toEqual(full.totals);
  expect(reply.session.totals).toEqual(full.totals);
}

describe('reconciliation edits', () => {
  it('answer a cause with that line and the totals of a fresh full reconciliation', async () => {
    c = await countWarehouse();
    const { core } = c.w;
    const s = await startZoneCount(c, [c.ids.keeper], { toleranceUnits: 2 });
    await enter(c, c.keeper, s.id, 'P001', 'A-01', 97); // −3: outside tolerance
    await enter(c, c.keeper, s.id, 'P002', 'A-01', 49); // −1: within
    // P003 in A-02 is not counted.
    await call(core, c.keeper, 'counts.finishCounting', { sessionId: s.id });
    const before = await call(core, c.op, 'counts.reconcile', { sessionId: s.id });
    const p1 = before.lines.find((l) => l.productId === c.product('P001').id)!;
    const p2 = before.lines.find((l) => l.productId === c.product('P002').id)!;
    // A posting elsewhere in the count's bins after counting changes nothing the totals read.
    await c.receive([{ code: 'P003', bin: 'A-02', qty: 4 }]);

    const events: EventMessage[] = [];
    const off = core.subscribe((m) => events.push(m));
    const reply = await call(core, c.op, 'counts.setCauses', {
      sessionId: s.id,
      lines: [{ lineId: p1.lineId, cause: 'miscount', note: 'two cases behind the pallet' }],
    });
    off();
    const full = await call(core, c.op, 'counts.reconcile', { sessionId: s.id });
    expectMatchesFull(reply, full, [p1.lineId]);
    expect(reply.lines[0]).toMatchObject({ cause: 'miscount', causeNote: 'two cases behind the pallet' });
    expect(full.totals).toMatchObject({ lines: 3, counted: 2, outOfTolerance: 1, withinTolerance: 1, notCounted: 1 });
    // Another window is told which line changed, and asks for it alone.
    const changed = events.find((e) => e.name === 'counts.changed');
    expect(changed?.payload).toEqual({ sessionId: s.id, formId: null, lineIds: [p1.lineId] });
    const other = await call(core, c.manager, 'counts.reconcileLines', { sessionId: s.id, lineIds: [p1.lineId] });
    expectMatchesFull(other, full, [p1.lineId]);

    // Two lines at once, one cause taken back.
    const two = await call(core, c.keeper, 'counts.setCauses', {
      sessionId: s.id,
      lines: [
        { lineId: p1.lineId, cause: null },
        { lineId: p2.lineId, cause: 'unitCaseMixup' },
      ],
    });
    expectMatchesFull(two, await call(core, c.op, 'counts.reconcile', { sessionId: s.id }), [p1.lineId, p2.lineId]);
  });

  it('answer a recount request with those lines, now to recount, and the totals without their counts', async () => {
    c = await countWarehouse();
    const { core } = c.w;
    const s = await startZoneCount(c, [c.ids.keeper], { toleranceUnits: 2 });
    await enter(c, c.keeper, s.id, 'P001', 'A-01', 90); // −10
    await enter(c, c.keeper, s.id, 'P002', 'A-01', 50); // matched
    await enter(c, c.keeper, s.id, 'P003', 'A-02', 20); // −10
    await call(core, c.keeper, 'counts.finishCounting', { sessionId: s.id });
    const before = await call(core, c.op, 'counts.reconcile', { sessionId: s.id });
    expect(before.totals).toMatchObject({ counted: 3, outOfTolerance: 2, matched: 1 });
    const p1 = before.lines.find((l) => l.productId === c.product('P001').id)!;

    const reply = await call(core, c.op, 'counts.requestRecount', {
      sessionId: s.id,
      lineIds: [p1.lineId],
      keeperId: c.ids.keeper2,
    });
    expect(reply.session.state).toBe('recounting');
    expect(reply.lines[0]).toMatchObject({ lineId: p1.lineId, round: 2, countedQty: null, lineStatus: 'recount' });
    const full = await call(core, c.op, 'counts.reconcile', { sessionId: s.id });
    expectMatchesFull(reply, full, [p1.lineId]);
    expect(full.totals).toMatchObject({ counted: 2, outOfTolerance: 1, matched: 1, recount: 1 });

    // The recount comes in; the totals held from before are not served for the new round.
    await enter(c, c.keeper2, s.id, 'P001', 'A-01', 100);
    await call(core, c.op, 'counts.finishCounting', { sessionId: s.id });
    const view = await call(core, c.op, 'counts.get', { sessionId: s.id });
    const after = await call(core, c.op, 'counts.reconcile', { sessionId: s.id });
    expect(view.totals).toEqual(after.totals);
    expect(after.totals).toMatchObject({ counted: 3, matched: 2, outOfTolerance: 1, recount: 0 });
  });

  it('follow a unit cost changed after the totals were worked out', async () => {
    c = await countWarehouse();
    const { core } = c.w;
    const s = await startZoneCount(c, [c.ids.keeper], { toleranceUnits: 2 });
    await enter(c, c.keeper, s.id, 'P001', 'A-01', 95);
    await call(core, c.keeper, 'counts.finishCounting', { sessionId: s.id });
    const before = await call(core, c.op, 'counts.reconcile', { sessionId: s.id });
    const p1 = before.lines.find((l) => l.productId === c.product('P001').id)!;
    expect(before.totals.varianceAmountFen).toBe(-5 * c.product('P001').unitCostFen);
    await call(core, c.w.admin, 'products.update', { id: c.product('P001').id, unitCostFen: 1234 });

    const reply = await call(core, c.op, 'counts.setCauses', {
      sessionId: s.id,
      lines: [{ lineId: p1.lineId, cause: 'theftOrLoss' }],
    });
    expect(reply.totals.varianceAmountFen).toBe(-5 * 1234);
    expectMatchesFull(reply, await call(core, c.op, 'counts.reconcile', { sessionId: s.id }), [p1.lineId]);
  });
});
