// Customer value analysis (issue 17 §4): the classes and R/F/M of a generated
// two-year history equal a calculation written here over the inserted rows
// (plain JS, not the SQL); refusals and returns are netted, the 80/20
// boundaries keep ties together, a customer with only refusals or only returns
// is C, movements from the previous period; bad periods are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerValueAnalysis } from '../../../shared/contract';
import type { Caller } from '../../../electron/core/context';
import { addDays, today } from '../../../electron/core/orders/dates';
import { call, openWarehouse, refusal, type Warehouse } from '../fixtures';
import { seedCustomers, seedHistory, type SeedOrder, type SeedReturn } from './customerValueSeed';

let w: Warehouse;
let manager: Caller;
let day: string;
const orders: SeedOrder[] = [];
const returns: SeedReturn[] = [];
const codeOf = new Map<number, string>();

/** A small deterministic generator (mulberry32): the same history every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  w = await openWarehouse({ now: () => new Date('2026-06-15T04:00:00Z') });
  manager = await w.as('csManager');
  const db = w.core.database.db;
  day = today(w.core.now(), w.core.timeZone);
  const ids = await seedCustomers(db, 60);
  ids.forEach((id, i) => codeOf.set(id, `V${String(i + 1).padStart(3, '0')}`));
  const rnd = random(17);
  const first = addDays(day, -730);
  // A few customers carry most of the business (weights 1/(i+1)^1.3), each with its own size of order.
  const weights = ids.map((_, i) => 1 / Math.pow(i + 1, 1.3));
  const total = weights.reduce((s, x) => s + x, 0);
  const pick = () => {
    let x = rnd() * total;
    for (let i = 0; i < ids.length; i++) if ((x -= weights[i]!) <= 0) return i;
    return ids.length - 1;
  };
  for (let k = 0; k < 9000; k++) {
    const i = pick();
    // Customer 40 onwards stop ordering half way (lost next year); 55+ start only this year (new).
    const d = addDays(first, Math.floor(rnd() * 731));
    if (i >= 40 && i < 50 && d > addDays(day, -365)) continue;
    if (i >= 55 && d <= addDays(day, -366)) continue;
    const amountFen = 1000 * (1 + (i % 7)) + Math.floor(rnd() * 50_000);
    const u = rnd();
    const outcome = u < 0.06 ? 'partlyRefused' : u < 0.08 ? 'refused' : 'signed';
    orders.push({
      customerId: ids[i]!,
      day: d,
      outcome,
      amountFen,
      ...(outcome === 'partlyRefused' && { refusedFen: Math.floor(amountFen * rnd() * 0.5) + 1 }),
    });
  }
  for (let k = 0; k < 240; k++) {
    const i = Math.floor(rnd() * ids.length);
    returns.push({
      customerId: ids[i]!,
      day: addDays(first, Math.floor(rnd() * 731)),
      kind: k % 5 === 0 ? 'refusal' : 'report',
      creditFen: 500 + Math.floor(rnd() * 20_000),
    });
  }
  // A customer who only returns goods this year: value below zero.
  const [onlyReturns] = await seedCustomers(db, 1, 'W');
  codeOf.set(onlyReturns!, 'W001');
  returns.push({ customerId: onlyReturns!, day: addDays(day, -3), kind: 'report', creditFen: 9_999 });
  await seedHistory(db, orders, returns);
}, 60_000);
afterAll(async () => w.core.close());

type Expected = {
  code: string;
  frequency: number;
  recencyDays: number | null;
  moneyFen: number;
  refusals: number;
  valueClass: 'A' | 'B' | 'C';
  r: number;
  f: number;
  m: number;
  segment: string;
};

const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

/** The analysis written again over the rows this test inserted. */
function expectedOf(from: string, to: string): Expected[] {
  const per = new Map<
    number,
    { f: number; last: string | null; money: number; refusals: number; seen: boolean; id: number }
  >();
  const of = (id: number) => {
    let p = per.get(id);
    if (!p) per.set(id, (p = { f: 0, last: null, money: 0, refusals: 0, seen: false, id }));
    return p;
  };
  for (const o of orders) {
    if (o.day < from || o.day > to) continue;
    const p = of(o.customerId);
    p.seen = true;
    if (o.outcome !== 'refused') {
      p.f += 1;
      if (p.last === null || o.day > p.last) p.last = o.day;
      p.money += o.amountFen - (o.refusedFen ?? 0);
    }
    if (o.outcome !== 'signed') p.refusals += 1;
  }
  // Refusals' return notes are the refused goods already netted: only return reports count.
  for (const r of returns)
    if (r.kind === 'report' && r.day >= from && r.day <= to) of(r.customerId).money -= r.creditFen;
  const list = [...per.values()].sort((a, b) => b.money - a.money || a.id - b.id);
  const positive = list.reduce((s, p) => s + Math.max(p.money, 0), 0);
  const classOf = new Map<number, 'A' | 'B' | 'C'>();
  let before = 0;
  for (let i = 0; i < list.length;) {
    let j = i;
    while (j < list.length && list[j]!.money === list[i]!.money) j++;
    const share = (100 * before) / positive;
    const cls = list[i]!.money <= 0 ? 'C' : share < 80 ? 'A' : share < 95 ? 'B' : 'C';
    for (let k = i; k < j; k++) {
      classOf.set(list[k]!.id, cls);
      before += Math.max(list[k]!.money, 0);
    }
    i = j;
  }
  const scored = list.filter((p) => p.f > 0);
  const score = (v: (p: (typeof list)[number]) => number) => (p: (typeof list)[number]) =>
    p.f === 0
      ? 0
      : Math.min(
          5,
          1 +
            Math.floor(
              (5 * (scored.filter((q) => v(q) < v(p)).length + (scored.filter((q) => v(q) === v(p)).length - 1) / 2)) /
                scored.length,
            ),
        );
  const rOf = score((p) => -days(p.last!, to));
  const fOf = score((p) => p.f);
  const mOf = score((p) => p.money);
  const names: Record<string, string> = {
    HHH: 'importantValue',
    LHH: 'importantRetain',
    HLH: 'importantDevelop',
    LLH: 'importantWinBack',
    HHL: 'generalValue',
    LHL: 'generalRetain',
    HLL: 'generalDevelop',
    LLL: 'generalWinBack',
  };
  const hl = (s: number) => (s >= 3 ? 'H' : 'L');
  return list.map((p) => {
    const [r, f, m] = [rOf(p), fOf(p), mOf(p)];
    return {
      code: codeOf.get(p.id)!,
      frequency: p.f,
      recencyDays: p.last === null ? null : days(p.last, to),
      moneyFen: p.money,
      refusals: p.refusals,
      valueClass: classOf.get(p.id)!,
      r,
      f,
      m,
      segment: r === 0 ? 'inactive' : names[hl(r) + hl(f) + hl(m)]!,
    };
  });
}

const shown = (a: CustomerValueAnalysis) =>
  a.rows
    .filter((r) => r.valueClass !== null)
    .map((r) => ({
      code: r.customerCode,
      frequency: r.frequency,
      recencyDays: r.recencyDays,
      moneyFen: r.moneyFen,
      refusals: r.refusals,
      valueClass: r.valueClass,
      r: r.r,
      f: r.f,
      m: r.m,
      segment: r.segment,
    }));

describe('customer value over a generated year', () => {
  it('ranks, classes and scores every customer as the calculation written here does', async () => {
    const to = addDays(day, -1);
    const from = addDays(to, -364);
    const a = await call(w.core, manager, 'analyses.customerValue', { from, to });
    const expected = expectedOf(from, to);
    expect(expected.length).toBeGreaterThan(40);
    expect(shown(a)).toEqual(expected);
    expect(a.rows.filter((r) => r.rank !== null).map((r) => r.rank)).toEqual(expected.map((_, i) => i + 1));
    // A few customers carry 80 %: A is a minority, and C holds the customer who only returned goods.
    const classes = new Map(a.classes.map((c) => [c.valueClass, c]));
    expect(classes.get('A')!.customers).toBeLessThan(expected.length / 2);
    expect(classes.get('A')!.sharePct).toBeGreaterThanOrEqual(80);
    expect(a.classes.reduce((s, c) => s + c.sharePct, 0)).toBeCloseTo(100, 6);
    const onlyReturns = a.rows.find((r) => r.customerCode === 'W001')!;
    expect(onlyReturns.moneyFen).toBeLessThan(0);
    expect(onlyReturns.valueClass).toBe('C');
  });

  it('nets refusals at the door and return reports out of the money', async () => {
    const to = addDays(day, -1);
    const from = addDays(to, -364);
    const a = await call(w.core, manager, 'analyses.customerValue', { from, to });
    const row = a.rows.find((r) => r.refusedFen > 0 && r.returnedFen > 0)!;
    expect(row.moneyFen).toBe(row.deliveredFen - row.refusedFen - row.returnedFen);
    expect(a.totalFen).toBe(a.rows.reduce((s, r) => s + Math.max(0, r.moneyFen), 0));
  });

  it('moves customers between classes from the previous year: the stopped ones lost, the starters new', async () => {
    const to = addDays(day, -1);
    const from = addDays(to, -364);
    const a = await call(w.core, manager, 'analyses.customerValue', { from, to });
    expect(a.compareTo).toBe(addDays(from, -1));
    expect(a.compareFrom).toBe(addDays(from, -365));
    const before = new Map(
      expectedOf(a.compareFrom, a.compareTo).map((e) => [e.code, e.valueClass] as [string, string]),
    );
    const now = new Map(expectedOf(from, to).map((e) => [e.code, e.valueClass] as [string, string]));
    const order = { A: 0, B: 1, C: 2 } as Record<string, number>;
    for (const r of a.rows) {
      const was = before.get(r.customerCode);
      const is = now.get(r.customerCode);
      expect(r.previousClass ?? undefined).toBe(was);
      const want =
        is === undefined
          ? 'lost'
          : was === undefined
            ? 'new'
            : order[is]! < order[was]!
              ? 'up'
              : order[is]! > order[was]!
                ? 'down'
                : 'same';
      expect(r.movement, r.customerCode).toBe(want);
    }
    expect(a.rows.some((r) => r.movement === 'new')).toBe(true);
    expect(a.movements.reduce((s, m) => s + m.customers, 0)).toBe(a.rows.length);
  });
});

describe('the 80/20 boundaries', () => {
  let t: Map<string, number>;
  beforeAll(async () => {
    const db = w.core.database.db;
    const ids = await seedCustomers(db, 9, 'T');
    t = new Map(ids.map((id, i) => [`T${i + 1}`, id]));
    const id = (c: string) => t.get(c)!;
    await seedHistory(
      db,
      [
        // February: T2 carries 90 %, T1 the next, T9 the rest.
        { customerId: id('T2'), day: '2023-02-10', outcome: 'signed', amountFen: 9000 },
        { customerId: id('T1'), day: '2023-02-11', outcome: 'signed', amountFen: 1000 },
        { customerId: id('T9'), day: '2023-02-12', outcome: 'signed', amountFen: 100 },
        // March: 7000 + 1000 + 1000 + 500 + 500 = 10,000.
        { customerId: id('T1'), day: '2023-03-31', outcome: 'signed', amountFen: 7000 },
        { customerId: id('T2'), day: '2023-03-20', outcome: 'signed', amountFen: 1000 },
        { customerId: id('T3'), day: '2023-03-10', outcome: 'signed', amountFen: 1000 },
        { customerId: id('T4'), day: '2023-03-05', outcome: 'signed', amountFen: 500 },
        { customerId: id('T5'), day: '2023-03-05', outcome: 'signed', amountFen: 300 },
        { customerId: id('T5'), day: '2023-03-06', outcome: 'partlyRefused', amountFen: 400, refusedFen: 200 },
        // T6 refused everything it was sent.
        { customerId: id('T6'), day: '2023-03-07', outcome: 'refused', amountFen: 800 },
      ],
      [
        { customerId: id('T7'), day: '2023-03-15', kind: 'report', creditFen: 300 },
        // The note of T5's refused goods: already netted at the door, not again.
        { customerId: id('T5'), day: '2023-03-08', kind: 'refusal', creditFen: 200 },
      ],
    );
  });
  const march = () =>
    call(w.core, manager, 'analyses.customerValue', { from: '2023-03-01', to: '2023-03-31' }).then(
      (a) => new Map(a.rows.map((r) => [r.customerCode.replace(/^T0+/, 'T'), r])),
    );

  it('keeps customers of equal money in one class, on either side of 80 % and 95 %', async () => {
    const rows = await march();
    // T3 starts at 80 % but ties with T2 (A); T5 starts at 95 % but ties with T4 (B).
    expect([...'12345'].map((n) => rows.get(`T${n}`)!.valueClass)).toEqual(['A', 'A', 'A', 'B', 'B']);
    expect(rows.get('T5')!.moneyFen).toBe(500);
    expect(rows.get('T1')!.cumulativePct).toBe(70);
  });

  it('puts a customer with only refusals, or only returns, in C with no value carried', async () => {
    const rows = await march();
    expect(rows.get('T6')).toMatchObject({ frequency: 0, moneyFen: 0, refusals: 1, valueClass: 'C' });
    expect(rows.get('T6')!.segment).toBe('inactive');
    expect(rows.get('T7')).toMatchObject({ frequency: 0, moneyFen: -300, valueClass: 'C' });
  });

  it('names each move from February: up, same, lost and new', async () => {
    const rows = await march();
    expect(rows.get('T1')).toMatchObject({ previousClass: 'B', valueClass: 'A', movement: 'up' });
    expect(rows.get('T2')).toMatchObject({ previousClass: 'A', valueClass: 'A', movement: 'same' });
    expect(rows.get('T9')).toMatchObject({ previousClass: 'C', valueClass: null, movement: 'lost', rank: null });
    expect(rows.get('T3')).toMatchObject({ previousClass: null, movement: 'new' });
  });

  it('takes its thresholds from the request: at 60 % only T1 is A', async () => {
    const a = await call(w.core, manager, 'analyses.customerValue', {
      from: '2023-03-01',
      to: '2023-03-31',
      aSharePct: 60,
    });
    expect(a.rows.filter((r) => r.valueClass === 'A').map((r) => r.customerCode)).toEqual(['T001']);
  });
});

describe('bad periods', () => {
  it('refuses an end before the start, more than two years, a period not begun, and a keeper', async () => {
    const ask = (input: object) => refusal(w.core, manager, 'analyses.customerValue', input);
    expect((await ask({ from: '2026-03-02', to: '2026-03-01' })).code).toBe('reports.reversedRange');
    expect((await ask({ from: '2024-01-01', to: '2026-01-02' })).code).toBe('analyses.periodTooLong');
    expect((await ask({ from: addDays(day, 1), to: addDays(day, 5) })).code).toBe('reports.futureRange');
    expect((await ask({ from: '2026-01-01', to: '2026-01-31', compareFrom: '2025-12-01' })).code).toBe(
      'contract.invalidInput',
    );
    const keeper = await w.as('warehouseKeeper');
    expect(
      (await refusal(w.core, keeper, 'analyses.customerValue', { from: '2026-01-01', to: '2026-01-31' })).code,
    ).toBe('auth.forbidden');
  });
});
