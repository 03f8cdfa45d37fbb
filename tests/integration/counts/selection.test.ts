// Cycle selection (issue 5, Flow 1): by ABC class of the value issued over the
// last 90 days, classified when the count starts, and "high value first"; the
// plan's preview of its lines, and the sheet of a planned session, printed
// before any snapshot exists.
import { afterEach, describe, expect, it } from 'vitest';
import type { CountScope } from '../../../shared/contract/counts';
import type { ServiceContext } from '../../../electron/core/context';
import { postDocument, type MovementLine } from '../../../electron/core/stock/posting';
import { call, newKey, openWarehouse, type Warehouse } from '../fixtures';

let w: Warehouse;
afterEach(async () => w?.core.close());

const day = 86_400_000;
let clock = new Date();

// Four products at 1.00 yuan (100 fen) a unit, so issue values are units × 100.
const csv = `code,name_zh,name_en,unit,case_pack,unit_cost,category,unit_barcode
X1,甲,X one,个,10,1.00,T,4006381333931
X2,乙,X two,个,10,1.00,T,
X3,丙,X three,个,10,1.00,T,
X4,丁,X four,个,10,1.00,T,
`;

type Setup = {
  op: Awaited<ReturnType<Warehouse['as']>>;
  keeper: Awaited<ReturnType<Warehouse['as']>>;
  id(code: string): number;
  bin(code: string): number;
  post(type: 'receipt' | 'dispatchIssue' | 'giftIssue' | 'damageTransfer', lines: MovementLine[]): Promise<number>;
  line(code: string, bin: string, qty: number, status?: MovementLine['status']): MovementLine;
};

/**
 * A ledger with known issue values over the window (units × 100 fen):
 * X1 8,000 (80 %: 50 dispatched + 30 gift issue), X2 1,500 (15 %: 22
 * dispatched, 7 of them reversed), X3 500 (5 %; its damage transfer is no
 * demand, and a dispatch 100 days ago is outside the window), X4 0.
 * Left: X1 120 in A-01 and 10 in A-02, X2 85 in A-02, X3 53 in A-03 and 2
 * damaged in D-01, X4 10 in A-04.
 */
async function setup(): Promise<Setup> {
  w = await openWarehouse();
  // Posted straight through the posting function at a chosen time (the core's own clock keeps the logins valid).
  clock = new Date(Date.now() - 100 * day);
  await call(w.core, w.admin, 'products.import', { csv });
  const products = await call(w.core, w.admin, 'products.list', {});
  const locations = await call(w.core, w.admin, 'locations.list', {});
  const op = await w.as('operator');
  const keeper = await w.as('warehouseKeeper');
  const id = (code: string) => products.find((p) => p.code === code)!.id;
  const bin = (code: string) => locations.find((l) => l.code === code)!.id;
  const post: Setup['post'] = (type, lines) =>
    w.core.database.db.transaction().execute(async (trx) => {
      const ctx: ServiceContext = {
        db: trx,
        root: w.core.database.db,
        caller: op,
        now: clock,
        request: 'test.post',
        timeZone: 'Asia/Shanghai',
        dataDir: w.core.dataDir,
        emit: () => {},
        afterCommit: (fn) => fn(),
      };
      return (await postDocument(ctx, { type, idempotencyKey: newKey(), lines })).documentId;
    });
  const line = (code: string, b: string, qty: number, status: MovementLine['status'] = 'good') => ({
    productId: id(code),
    locationId: bin(b),
    status,
    qty,
  });
  await post('receipt', [
    line('X1', 'A-01', 200),
    line('X1', 'A-02', 10),
    line('X2', 'A-02', 100),
    line('X3', 'A-03', 100),
    line('X4', 'A-04', 10),
  ]);
  await post('dispatchIssue', [line('X3', 'A-03', -40)]);
  clock = new Date();
  await post('dispatchIssue', [line('X1', 'A-01', -50)]);
  await post('giftIssue', [line('X1', 'A-01', -30)]);
  await post('dispatchIssue', [line('X2', 'A-02', -15)]);
  const reversed = await post('dispatchIssue', [line('X2', 'A-02', -7)]);
  await call(w.core, op, 'stock.reverseDocument', {
    documentId: reversed,
    reason: '客户取消',
    idempotencyKey: newKey(),
  });
  await post('dispatchIssue', [line('X3', 'A-03', -5)]);
  await post('damageTransfer', [line('X3', 'A-03', -2), line('X3', 'D-01', 2, 'damaged')]);
  return { op, keeper, id, bin, post, line };
}

const warehouse: Pick<CountScope, 'area' | 'locationIds'> = { area: 'warehouse', locationIds: [] };

async function plan(s: Setup, scope: CountScope, extra: { blind?: boolean } = {}) {
  const keeperId = s.keeper.session!.userId;
  return call(w.core, s.op, 'counts.plan', { scope, counters: [{ userId: keeperId }], ...extra });
}

/** The lines a started session snapshot, as "code@bin:qty[status]". */
async function started(s: Setup, sessionId: number) {
  const view = await call(w.core, s.op, 'counts.start', { sessionId });
  const sheet = await call(w.core, s.op, 'counts.sheet', { sessionId });
  return { view, lines: sheet.lines.map(label) };
}

const label = (l: { productCode: string; locationCode: string; status: string; snapshotQty?: number }) =>
  `${l.productCode}@${l.locationCode}:${l.snapshotQty ?? '?'}${l.status === 'good' ? '' : `[${l.status}]`}`;

describe('cycle selection by ABC class', () => {
  it('classifies by issue value at the 80 % and 95 % edges and counts exactly the chosen classes', async () => {
    const s = await setup();
    // X1 makes the first 80 %: A. X2 starts at exactly 80 %: B. X3 starts at exactly 95 %: C, as does X4 (no issues).
    const a = await plan(s, { ...warehouse, abcClasses: ['A'] });
    expect(await call(w.core, s.op, 'counts.preview', { scope: a.scope })).toEqual({ lines: 2, bins: 2, products: 1 });
    const b = await plan(s, { ...warehouse, abcClasses: ['B'] });
    const cDamaged = await plan(s, { ...warehouse, abcClasses: ['C'], statuses: ['damaged'] });
    const bc = await plan(s, { ...warehouse, abcClasses: ['B', 'C'] });

    const inA = await started(s, a.id);
    expect(inA.lines).toEqual(['X1@A-01:120', 'X1@A-02:10']);
    expect(inA.view.selection).toMatchObject({ products: { A: 1 } });
    const windowDays = (Date.parse(inA.view.selection!.windowTo) - Date.parse(inA.view.selection!.windowFrom)) / day;
    // 90 business days ending today (issue 14: from the daily figures): from local midnight 89 days ago until now.
    expect(windowDays).toBeGreaterThan(89);
    expect(windowDays).toBeLessThanOrEqual(90);
    expect((await started(s, b.id)).lines).toEqual(['X2@A-02:85']);
    expect((await started(s, cDamaged.id)).lines).toEqual(['X3@D-01:2[damaged]']);
    const inBC = await started(s, bc.id);
    expect(inBC.lines).toEqual(['X2@A-02:85', 'X3@A-03:53', 'X4@A-04:10', 'X3@D-01:2[damaged]']);
    // The imported P-products never moved: C, recorded with the rest.
    expect(inBC.view.selection!.products).toEqual({ B: 1, C: 2 + w.products.length });
  });

  it('classifies when the count starts, not when it is planned', async () => {
    const s = await setup();
    const a = await plan(s, { ...warehouse, abcClasses: ['A'] });
    // 60 more X2 leave before the start: X2 7,500 of 16,000 starts at 50 %, so it is A too.
    await s.post('dispatchIssue', [s.line('X2', 'A-02', -60)]);
    const { view, lines } = await started(s, a.id);
    expect(lines).toEqual(['X1@A-01:120', 'X1@A-02:10', 'X2@A-02:25']);
    expect(view.selection!.products).toEqual({ A: 2 });
  });
});

describe('high value first', () => {
  it('takes the N lines of largest book amount, after the other filters, ties in code order', async () => {
    const s = await setup();
    const zoneA = (await call(w.core, s.op, 'locations.list', {})).find((l) => l.code === 'WH1-A')!.id;
    const area = { area: 'zones' as const, locationIds: [zoneA] };
    // Amounts in zone A: X1@A-01 12,000; X2@A-02 8,500; X3@A-03 5,300; X1@A-02 and X4@A-04 1,000 each.
    const two = await plan(s, { ...area, topValueLines: 2 });
    expect(await call(w.core, s.op, 'counts.preview', { scope: two.scope })).toEqual({
      lines: 2,
      bins: 2,
      products: 2,
    });
    const four = await plan(s, { ...area, topValueLines: 4 });
    const classC = await plan(s, { ...area, abcClasses: ['C'], topValueLines: 1 });
    expect((await started(s, two.id)).lines).toEqual(['X1@A-01:120', 'X2@A-02:85']);
    expect((await started(s, four.id)).lines).toEqual(['X1@A-01:120', 'X1@A-02:10', 'X2@A-02:85', 'X3@A-03:53']);
    expect((await started(s, classC.id)).lines).toEqual(['X3@A-03:53']);
  });
});

describe('sheet of a planned session', () => {
  it('lists what the scope gives now, in walking order, with no book figure when blind', async () => {
    const s = await setup();
    const blind = await plan(s, { ...warehouse, abcClasses: ['A', 'B'] });
    expect(blind).toMatchObject({ state: 'planned', lineCount: 0 });
    for (const who of [s.keeper, s.op]) {
      const sheet = await call(w.core, who, 'counts.sheet', { sessionId: blind.id });
      expect(sheet.fromPlan).toBe(true);
      expect(JSON.stringify(sheet)).not.toMatch(/snapshotQty|"totals"|bookQty/);
      expect(sheet.lines.map(label)).toEqual(['X1@A-01:?', 'X1@A-02:?', 'X2@A-02:?']);
      expect(sheet.lines[0]).toMatchObject({
        productNameZh: '甲',
        unit: '个',
        casePack: 10,
        unitBarcode: '4006381333931',
        open: false,
        counted: false,
        myQty: null,
      });
      expect(sheet.lines.every((l) => l.lineId < 0)).toBe(true);
    }
    // One bin of it, as a zone's print asks.
    const oneBin = await call(w.core, s.keeper, 'counts.sheet', { sessionId: blind.id, locationId: s.bin('A-02') });
    expect(oneBin.lines.map(label)).toEqual(['X1@A-02:?', 'X2@A-02:?']);

    // Not blind: the book as it stands now, to the operator.
    const open = await plan(s, { ...warehouse, abcClasses: ['A'] }, { blind: false });
    const sheet = await call(w.core, s.op, 'counts.sheet', { sessionId: open.id });
    expect(sheet.lines.map(label)).toEqual(['X1@A-01:120', 'X1@A-02:10']);
    // Started, the sheet is the snapshot's.
    await call(w.core, s.op, 'counts.start', { sessionId: blind.id });
    const after = await call(w.core, s.keeper, 'counts.sheet', { sessionId: blind.id });
    expect(after.fromPlan).toBe(false);
    expect(after.lines.every((l) => l.lineId > 0)).toBe(true);
  });
});
