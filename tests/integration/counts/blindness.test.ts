// ★ Blind count: while a blind session is being counted, no reply to the
// counter's role carries a book quantity, a snapshot, movements since or a
// variance — checked on the serialised replies of every request a warehouse
// keeper may make: the count screens, the station they count with, and the
// stock screens (inventory, ledger, receipts, scan log) they use besides.
import { afterEach, describe, expect, it } from 'vitest';
import { requestNames, requests, type RequestName } from '../../../shared/contract';
import { reconcileRows } from '../../../renderer/pages/counts/reconcileRows';
import { call, password, refusal } from '../fixtures';
import { countWarehouse, startZoneCount, type CountWarehouse } from './countFixtures';

let c: CountWarehouse;
afterEach(async () => c?.w.core.close());

// Distinctive figures: the snapshot, a movement after it, and the book they make.
const snapshot = 7331;
const moved = 1009;
const book = snapshot - moved;
const bookKeys = ['snapshotQty', 'bookQty', 'movementsSince', 'varianceQty', 'varianceAmountFen', 'totals'];

function assertBlind(label: string, reply: unknown) {
  const json = JSON.stringify(reply);
  for (const k of bookKeys) expect(json, `${label} carries ${k}`).not.toContain(`"${k}"`);
  for (const n of [snapshot, moved, book]) expect(json, `${label} carries ${n}`).not.toMatch(new RegExp(`\\b${n}\\b`));
}

describe('blind count', () => {
  it('never shows book quantities or variances to the keeper while counting, and shows them to the operator', async () => {
    c = await countWarehouse();
    const { core } = c.w;
    // Two receipts make the snapshot, so no single document carries the book figure.
    await c.receive([{ code: 'P003', bin: 'A-03', qty: 4000 }]);
    await c.receive([{ code: 'P003', bin: 'A-03', qty: snapshot - 4000 }]);
    // The keeper plans and starts it themselves: the replies to those are blind too.
    const planned = await call(core, c.keeper, 'counts.plan', {
      scope: { area: 'zones', locationIds: [c.zoneA] },
      counters: [{ userId: c.ids.keeper }],
    });
    assertBlind('counts.plan', planned);
    const started = await call(core, c.keeper, 'counts.start', { sessionId: planned.id });
    assertBlind('counts.start', started);
    const sessionId = started.id;
    await c.dispatch('P003', 'A-03', moved);

    const keeperRequests = requestNames.filter((n) => {
      const access = requests[n].access as unknown;
      return access === 'any' || access === 'public' || (access as readonly string[]).includes('warehouseKeeper');
    });
    // The stock screens too: the inventory grid leaves the counted bins out, the ledger waits.
    const balances = await call(core, c.keeper, 'stock.balances', {});
    expect(balances.some((b) => b.locationId === c.bin('A-03'))).toBe(false);
    assertBlind('stock.balances', balances);
    expect((await refusal(core, c.keeper, 'stock.movements', { offset: 0, limit: 100 })).code).toBe(
      'counts.bookHidden',
    );
    const opBalances = await call(core, c.op, 'stock.balances', {});
    expect(opBalances.find((b) => b.locationId === c.bin('A-03'))?.qty).toBe(book);
    const product = c.product('P003').id;
    const replies: Partial<Record<RequestName, unknown>> = {
      'counts.list': await call(core, c.keeper, 'counts.list', {}),
      'counts.keepers': await call(core, c.keeper, 'counts.keepers', {}),
      'counts.get': await call(core, c.keeper, 'counts.get', { sessionId }),
      'counts.sheet': await call(core, c.keeper, 'counts.sheet', { sessionId }),
      'counts.enter': await call(core, c.keeper, 'counts.enter', {
        sessionId,
        productId: product,
        locationId: c.bin('A-03'),
        mode: 'set',
        qty: 6000,
      }),
      'counts.countAtStation': await call(core, c.keeper, 'counts.countAtStation', { sessionId }),
      // Refused outright while blind.
      'counts.reconcile': await refusal(core, c.keeper, 'counts.reconcile', { sessionId }),
      'counts.reconcileFirst': await refusal(core, c.keeper, 'counts.reconcileFirst', { sessionId, limit: 100 }),
      'counts.reconcileLines': await refusal(core, c.keeper, 'counts.reconcileLines', { sessionId, lineIds: [1] }),
      'counts.setCauses': await refusal(core, c.keeper, 'counts.setCauses', {
        sessionId,
        lines: [{ lineId: 1, cause: 'miscount' }],
      }),
      'counts.confirm': await refusal(core, c.keeper, 'counts.confirm', { sessionId }),
      'counts.productHistory': await call(core, c.keeper, 'counts.productHistory', { productId: product }),
      'adjustments.list': await call(core, c.keeper, 'adjustments.list', {}),
      'adjustments.get': await refusal(core, c.keeper, 'adjustments.get', { formId: 1 }),
    };
    expect((replies['counts.reconcile'] as { code: string }).code).toBe('counts.bookHidden');
    expect((replies['counts.reconcileFirst'] as { code: string }).code).toBe('counts.bookHidden');
    expect((replies['counts.reconcileLines'] as { code: string }).code).toBe('counts.bookHidden');
    expect((replies['counts.sheet'] as { lines: unknown[] }).lines.length).toBe(4);
    // The station's count task: scanning, then its state.
    const scan = await call(core, c.keeper, 'scanner.submit', { raw: 'A-03', source: 'manual' });
    replies['station.state'] = await call(core, c.keeper, 'station.state', {});
    replies['scanner.submit'] = scan;
    // Everything else a keeper may ask, refusals included.
    const elsewhere = c.bin('A-01') === c.bin('A-03') ? c.bin('A-02') : c.bin('A-01');
    const ask = (name: RequestName, input: unknown) =>
      core.dispatch(c.keeper, name, input).then((r) => (replies[name] = r));
    await ask('setup.status', {});
    await ask('setup.demoLogins', {});
    await ask('setup.loadDemo', {});
    await ask('setup.createAdmin', { username: 'x', displayName: 'x', password: 'long-enough-1' });
    await ask('auth.login', { username: 'u-warehousekeeper', secret: password });
    await ask('auth.me', {});
    await ask('auth.resume', { token: c.keeper.session!.token });
    await ask('auth.setLocale', { locale: 'zh-CN' });
    await ask('auth.changePassword', { oldPassword: 'not-the-password', newPassword: 'new-password-1' });
    await ask('counts.preview', { scope: { area: 'zones', locationIds: [c.zoneA] } });
    await ask('products.list', {});
    await ask('locations.list', {});
    await ask('receipts.list', {});
    await ask('receipts.post', {
      deliveryNote: 'QS-BLIND',
      arrivedAt: new Date().toISOString(),
      idempotencyKey: 'blind-receipt-1',
      lines: [{ productId: product, status: 'good', locationId: elsewhere, qty: 2 }],
    });
    await ask('scanner.list', {});
    await ask('scans.list', { offset: 0, limit: 100 });
    await ask('station.setQuantity', { qty: 2 });
    await ask('station.undoLastScan', {});
    await ask('station.setTask', { task: 'lookup' });
    await ask('station.clearTask', {});
    await ask('customers.list', {});
    await ask('customers.export', {});
    await ask('customers.salespeople', {});
    await ask('prices.list', {});
    await ask('orders.list', {});
    await ask('orders.get', { orderId: 1 });
    await ask('vehicles.list', { date: '2026-12-05' });
    await ask('dispatch.board', { dispatchDate: '2026-12-05' });
    await ask('dispatch.boardRows', { dispatchDate: '2026-12-05', tripIds: [1], orderIds: [1] });
    await ask('dispatch.loadingTrips', { dispatchDate: '2026-12-05' });
    await ask('dispatch.pickList', { tripIds: [1] });
    await ask('dispatch.startPicking', { tripIds: [1] });
    await ask('dispatch.loadCheck', { tripId: 1 });
    await ask('dispatch.loadOrder', { orderId: 1 });
    await ask('dispatch.takeOff', { orderId: 1, to: 'pool', reason: 'short' });
    await ask('dispatch.awaitingReturn', {});
    await ask('dispatch.report', { dispatchDate: '2026-12-05' });
    await ask('dispatch.saveReport', { dispatchDate: '2026-12-05', note: '' });
    await ask('dispatch.submitReport', { dispatchDate: '2026-12-05', note: '' });
    await ask('dispatch.cutoff', {});
    await ask('analyses.damage', { month: '2026-12' });
    await ask('analyses.saveDamage', { month: '2026-12', note: '' });
    await ask('analyses.submitDamage', { month: '2026-12', note: '' });
    // Damage (issue 13): a keeper's report and disposal name the quantity they saw, never the book.
    await ask('damage.causes', {});
    await ask('damage.finders', {});
    await ask('damage.report', {
      productId: product,
      fromStatus: 'good',
      locationId: c.bin('A-03'),
      qty: 3,
      whereFound: 'count',
      cause: 'crushed',
      suggestion: 'scrap',
      idempotencyKey: 'blind-damage-1',
    });
    await ask('damage.list', {});
    await ask('damage.get', { reportId: 1 });
    await ask('damage.attach', { reportId: 1, fileName: 'x.png', dataBase64: 'AAAA' });
    await ask('damage.attachment', { attachmentId: 1 });
    await ask('disposals.propose', {
      kind: 'scrap',
      lines: [{ productId: product, locationId: c.bin('A-03'), qty: 3 }],
      idempotencyKey: 'blind-disposal-1',
    });
    await ask('disposals.list', {});
    await ask('disposals.get', { disposalId: 1 });
    await ask('damage.reportAtStation', { cause: 'wet', suggestion: 'scrap', idempotencyKey: 'blind-station-1' });
    // Returns (issue 13): the keeper's check names what came back, never the book.
    await ask('returns.list', {});
    await ask('returns.get', { returnId: 1 });
    await ask('returns.find', { number: 'TH-none' });
    await ask('returns.takeRefusal', { orderId: 1 });
    await ask('returns.check', {
      returnId: 1,
      casesChecked: 1,
      lines: [{ productId: product, qty: 3, reason: 'quality' }],
    });
    // The station's return check and receiving damage (issue 13): what was scanned, never the book.
    await ask('station.receiptDamage', { damaged: true, damage: { cause: 'wet', suggestion: 'scrap' } });
    await ask('returns.checkAtStation', { casesChecked: 1 });
    // Complaints (issue 16): the categories list is open to any role; it carries no stock.
    await ask('complaints.categories', {});
    // Quality checks (issue 17): the checklist, the zones' records, actions and figures carry no stock.
    await ask('quality.items', {});
    await ask('quality.day', { date: '2026-11-02' });
    await ask('quality.saveRecord', { zoneId: 999_999, date: '2026-11-02', values: [{ itemId: 1, value: 20 }] });
    await ask('quality.actions', {});
    await ask('quality.completeAction', { actionId: 999_999, note: 'x' });
    await ask('quality.missedDays', { from: '2026-11-02', to: '2026-11-07' });
    await ask('quality.summary', { month: '2026-11' });
    await ask('quality.owners', {});
    replies['stock.balances'] = balances;
    // counts.finishCounting ends the blind phase: its reply may show the book, so it is checked before, by state.
    // auth.logout says nothing but null, and would end the keeper's session here.
    const covered = new Set([
      ...Object.keys(replies),
      'counts.plan',
      'counts.start',
      'counts.finishCounting',
      'stock.movements',
      'auth.logout',
    ]);
    expect(keeperRequests.filter((n) => !covered.has(n))).toEqual([]);
    for (const [name, reply] of Object.entries(replies)) assertBlind(name, reply);

    // The operator watching the count sees the live reconciliation (they are not counting).
    const r = await call(core, c.op, 'counts.reconcile', { sessionId });
    const line = reconcileRows(r).find((l) => l.product.code === 'P003' && l.locationCode === 'A-03');
    expect(line).toMatchObject({
      snapshotQty: snapshot,
      movementsSince: -moved,
      bookQty: book,
      countedQty: 6000,
      varianceQty: 6000 - book,
    });
    // The first lines, painted before the rest, are the same lines with the same figures.
    const first = await call(core, c.op, 'counts.reconcileFirst', { sessionId, limit: 100 });
    expect(first).toEqual({ products: r.products, lines: r.lines });

    // Once counting is finished, the keeper reconciles with the operator and sees the book.
    const finished = await call(core, c.keeper, 'counts.finishCounting', { sessionId });
    expect(finished).toMatchObject({ state: 'reconciling', bookVisible: true });
    expect((await call(core, c.keeper, 'counts.reconcile', { sessionId })).totals.counted).toBe(1);
  });

  it('keeps the recount blind, even for a keeper who may see the first round', async () => {
    c = await countWarehouse();
    const { core } = c.w;
    const s = await startZoneCount(c, [c.ids.keeper]);
    await call(core, c.keeper, 'counts.enter', {
      sessionId: s.id,
      productId: c.product('P003').id,
      locationId: c.bin('A-02'),
      mode: 'set',
      qty: 3,
    });
    await call(core, c.keeper, 'counts.finishCounting', { sessionId: s.id });
    const line = (await call(core, c.op, 'counts.reconcile', { sessionId: s.id })).lines.find(
      (l) => l.productId === c.product('P003').id,
    )!;
    await call(core, c.op, 'counts.requestRecount', {
      sessionId: s.id,
      lineIds: [line.lineId],
      keeperId: c.ids.keeper2,
    });
    for (const who of [c.keeper, c.keeper2]) {
      expect((await refusal(core, who, 'counts.reconcile', { sessionId: s.id })).code).toBe('counts.bookHidden');
      const sheet = await call(core, who, 'counts.sheet', { sessionId: s.id });
      expect(JSON.stringify(sheet)).not.toMatch(/snapshotQty|varianceQty|totals/);
    }
    const sheet = await call(core, c.keeper2, 'counts.sheet', { sessionId: s.id });
    expect(sheet.lines.filter((l) => l.open).map((l) => l.productCode)).toEqual(['P003']);
    // keeper2 does not see keeper's first count either.
    expect(sheet.lines.find((l) => l.productCode === 'P003')).toMatchObject({ myQty: null, round: 2 });
  });
});

describe('blind count events', () => {
  it('sends a blind counter no new balances of the bins being counted; the operator gets them all', async () => {
    c = await countWarehouse();
    const { core } = c.w;
    await startZoneCount(c, [c.ids.keeper]);
    const locations = await call(core, c.op, 'locations.list', {});
    const outside = locations.find((l) => l.kind === 'bin' && l.parentId !== c.zoneA)!;
    const product = c.product('P001').id;
    const event = {
      name: 'stock.changed' as const,
      payload: {
        documentId: 1,
        documentNo: 'RC-20261123-0099',
        keys: [
          { productId: product, status: 'good' as const, locationId: c.bin('A-01'), qty: 104 },
          { productId: product, status: 'good' as const, locationId: outside.id, qty: 5 },
        ],
      },
    };
    expect(await core.eventFor(c.keeper, event)).toEqual({
      name: 'stock.changed',
      payload: { ...event.payload, keys: [event.payload.keys[1]] },
    });
    expect(await core.eventFor(c.op, event)).toEqual(event);
    // Nothing left to show: not sent at all. Other events pass as they are, at once.
    const inside = { ...event, payload: { ...event.payload, keys: [event.payload.keys[0]!] } };
    expect(await core.eventFor(c.keeper, inside)).toBeNull();
    const progress = { name: 'work.progress' as const, payload: { job: 'j', phase: 'p', done: 1, total: 2 } };
    expect(core.eventFor(c.keeper, progress)).toBe(progress);
    expect(core.eventFor(core.newCaller('anonymous'), event)).toBeNull();
  });
});
