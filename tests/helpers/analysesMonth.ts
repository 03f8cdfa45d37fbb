// A generated month for the monthly analyses (issue 13), shared by the bench
// and the integration test: damage reports and disposals, returns and refusals
// with their posted return notes, following migrations 15 and 16, with the
// ledger documents and movements that match them batch-inserted consistently
// (balances kept right: an opening stock per product and bin, then every
// movement applied to the balances). Three smaller previous months feed the
// trend. Row numbers are prefixed 'G' so they never meet the real numbering.
import { CompiledQuery, type Kysely } from 'kysely';
import { isPostgres } from '../../electron/core/db/portable';

// Any database with these tables: a test core's (either dialect) or a Kysely over a raw SQLite file.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the rows are written as SQL text
type AnyDb = Kysely<any>;

export type MonthPlan = {
  month: string;
  damageLines: number;
  returnLines: number;
  /** Lines per previous month (3 months before `month`). */
  previousLines: number;
  userId: number;
  /** Manager who approves (must differ from userId). */
  managerId: number;
  salespersonIds: number[];
  productIds: number[];
  binIds: number[];
  /** A damaged-stock bin for return notes' damaged part. */
  seed?: number;
};

export type GeneratedMonth = { damageReports: number; returnLines: number; returns: number };

const causes = [
  'crushed',
  'wet',
  'tornPackaging',
  'expired',
  'leaking',
  'pest',
  'handling',
  'transport',
  'supplierDefect',
  'other',
];
const suggestions = ['scrap', 'returnToSupplier', 'repackGood', 'sellDamaged'] as const;
const reasons = ['quality', 'expired', 'wrongGoods', 'surplus', 'transitDamage', 'refusedAtDelivery', 'other'];

const monthOffset = (month: string, n: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};

export async function generateAnalysesMonth(db: AnyDb, plan: MonthPlan): Promise<GeneratedMonth> {
  const pg = isPostgres(db);
  // SQL text with ? placeholders, run on `on` ($1, $2 … on PostgreSQL).
  const query = async <R>(on: AnyDb, text: string, params: unknown[] = []) => {
    let n = 0;
    const compiled = CompiledQuery.raw(pg ? text.replace(/\?/g, () => `$${++n}`) : text, params);
    return (await on.executeQuery<R>(compiled)).rows;
  };
  const prepare = (text: string) => ({
    /** Runs an INSERT and answers the new row's id. */
    insert: async (on: AnyDb, ...params: unknown[]) =>
      Number((await query<{ id: number }>(on, `${text} RETURNING id`, params))[0]!.id),
  });
  let rnd = plan.seed ?? 20261;
  // A small deterministic generator: the same month every run.
  const rand = (n: number) => {
    rnd = (rnd * 1103515245 + 12345) & 0x7fffffff;
    return (rnd >>> 8) % n;
  };
  const pick = <T>(xs: readonly T[]) => xs[rand(xs.length)]!;
  const costs = new Map(
    (await query<{ id: number; unit_cost_fen: number }>(db, 'SELECT id, unit_cost_fen FROM products')).map((p) => [
      p.id,
      p.unit_cost_fen,
    ]),
  );
  const balances = new Map<string, number>();
  const move = (p: number, s: string, l: number, q: number) => {
    const k = `${p}|${s}|${l}`;
    balances.set(k, (balances.get(k) ?? 0) + q);
  };
  const lastId = async (table: string) =>
    (await query<{ n: number }>(db, `SELECT COALESCE(MAX(id), 0) AS n FROM ${table}`))[0]!.n;
  /**
   * A table's rows kept to be written together at the end, in the order they
   * were made (a row per statement took minutes on PostgreSQL); with `numbered`
   * each row takes the table's next id here (next()), so rows made later can refer to it.
   */
  const rowsOf = async (table: string, columns: string, tuple: string, numbered = false) => {
    let id = numbered ? await lastId(table) : 0;
    const rows: unknown[][] = [];
    return {
      table,
      /** A row's values (its id first when numbered: `next()`). */
      add: (...params: unknown[]) => void rows.push(params),
      next: () => ++id,
      write: async (on: AnyDb, tail = '') => {
        const cols = numbered ? `id, ${columns}` : columns;
        const one = numbered ? `(?, ${tuple.slice(1)}` : tuple;
        for (let k = 0; k < rows.length; k += 500) {
          const part = rows.slice(k, k + 500);
          await query(
            on,
            `INSERT INTO ${table} (${cols}) VALUES ${part.map(() => one).join(', ')} ${tail}`,
            part.flat(),
          );
        }
      },
    };
  };
  const documents = await rowsOf(
    'documents',
    'type, number, state, idempotency_key, created_by, created_at, posted_at',
    "(?, ?, 'posted', ?, ?, ?, ?)",
    true,
  );
  const movements = await rowsOf(
    'movements',
    'document_id, type, product_id, status, location_id, qty, unit_cost_fen, at, user_id',
    '(?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const post = (type: string, at: string, lines: [number, string, number, number][]) => {
    const id = documents.next();
    documents.add(id, type, `G${type}-${id}`, `gen-${type}-${id}`, plan.userId, at, at);
    for (const [p, s, l, q] of lines) {
      movements.add(id, type, p, s, l, q, costs.get(p) ?? 0, at, plan.userId);
      move(p, s, l, q);
    }
    return id;
  };
  const reports = await rowsOf(
    'damage_reports',
    `number, state, product_id, from_status, location_id, qty, unit_cost_fen, amount_fen, where_found, cause,
     cause_note, suggestion, found_by, reported_by, reported_at, reported_date, decided_by, decided_at, entered_date,
     origin_document_id, transfer_document_id, idempotency_key`,
    "(?, 'approved', ?, 'good', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    true,
  );
  const disposals = await rowsOf(
    'disposals',
    'number, kind, state, supplier, proposed_by, proposed_at, decided_by, decided_at, decided_date, document_id, idempotency_key',
    "(?, ?, 'approved', ?, ?, ?, ?, ?, ?, ?, ?)",
    true,
  );
  const disposalLines = await rowsOf(
    'disposal_lines',
    'disposal_id, line_no, product_id, location_id, qty, unit_cost_fen, amount_fen, damage_report_id',
    '(?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const returnRows = await rowsOf(
    'returns',
    `number, kind, state, customer_id, salesperson_id, reported_by, reported_at, decided_by, decided_at, checked_by,
     checked_at, cases_checked, has_differences, trip_id, idempotency_key`,
    "(?, ?, 'posted', ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
    true,
  );
  const returnLines = await rowsOf(
    'return_lines',
    `return_id, line_no, product_id, status, qty_reported, reason, unit_price_fen, qty_checked, check_reason, qty_good,
     qty_damaged, good_location_id, damaged_location_id, credit_fen`,
    '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const notes = await rowsOf(
    'return_notes',
    'return_id, document_id, number, credit_fen, units_good, units_damaged, issued_by, issued_at, issued_date',
    '(?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );

  let gen = (await query<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM damage_reports'))[0]!.n + 1;
  const result: GeneratedMonth = { damageReports: 0, returnLines: 0, returns: 0 };
  await db.transaction().execute(async (trx) => {
    // Customers, a vehicle and a trip for the refusals.
    const insCustomer = prepare(
      "INSERT INTO customers (code, name, area, route, salesperson_id) VALUES (?, ?, 'G', 'G', ?)",
    );
    const customerIds: number[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await insCustomer.insert(
        trx,
        `G${plan.month}-C${gen}-${i}`,
        `生成客户${i}`,
        plan.salespersonIds[i % plan.salespersonIds.length]!,
      );
      customerIds.push(r);
    }
    const vehicle = await prepare(
      "INSERT INTO vehicles (plate, driver_name, capacity_cases, capacity_kg) VALUES (?, '司机', 500, 5000)",
    ).insert(trx, `G-${plan.month}-${gen}`);
    // Opening stock: plenty of good stock on every product and bin used.
    const openingAt = `${monthOffset(plan.month, -4)}-01T04:00:00.000Z`;
    const opening: [number, string, number, number][] = [];
    for (const p of plan.productIds) for (const b of plan.binIds.slice(0, 4)) opening.push([p, 'good', b, 1_000_000]);
    post('opening', openingAt, opening);

    const months = [-3, -2, -1, 0].map((n) => monthOffset(plan.month, n));
    for (const m of months) {
      const scale = m === plan.month ? 1 : 0;
      const damageN = scale ? plan.damageLines : plan.previousLines;
      const returnN = scale ? plan.returnLines : plan.previousLines;
      const [y, mo] = m.split('-').map(Number) as [number, number];
      const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
      const day = (i: number) => `${m}-${String((i % days) + 1).padStart(2, '0')}`;
      const trip = await prepare(
        `INSERT INTO trips (number, dispatch_date, vehicle_id, seq, driver_name, state, created_by, created_at,
              updated_at, departed_at, returned_at) VALUES (?, ?, ?, 1, '司机', 'returned', ?, ?, ?, ?, ?)`,
      ).insert(
        trx,
        `GT-${m}-${gen}`,
        `${m}-01`,
        vehicle,
        plan.userId,
        `${m}-01T01:00:00.000Z`,
        `${m}-01T01:00:00.000Z`,
        `${m}-01T02:00:00.000Z`,
        `${m}-01T09:00:00.000Z`,
      );

      // Damage: one report per line; 1 in 10 arrived damaged on a receipt (origin), the rest approved (transfer).
      const monthReports: { id: number; p: number; l: number; qty: number; cost: number; kind: string }[] = [];
      for (let i = 0; i < damageN; i++) {
        const d = day(i);
        const at = `${d}T04:00:00.000Z`;
        const p = pick(plan.productIds);
        const l = pick(plan.binIds.slice(0, 4));
        const qty = 1 + rand(24);
        const cost = costs.get(p) ?? 0;
        const origin = i % 10 === 0;
        const doc = origin
          ? post('receipt', at, [[p, 'damaged', l, qty]])
          : post('damageTransfer', at, [
              [p, 'good', l, -qty],
              [p, 'damaged', l, qty],
            ]);
        const suggestion = pick(suggestions);
        const n = gen++;
        const r = reports.next();
        reports.add(
          r,
          `BS-G${n}`,
          p,
          l,
          qty,
          cost,
          qty * cost,
          origin ? 'receiving' : 'bin',
          pick(causes),
          '',
          suggestion,
          plan.userId,
          plan.userId,
          at,
          d,
          origin ? plan.userId : plan.managerId,
          at,
          d,
          origin ? doc : null,
          origin ? null : doc,
          `gen-damage-${n}`,
        );
        monthReports.push({ id: r, p, l, qty, cost, kind: suggestion });
      }
      result.damageReports += damageN;
      // Disposals: every other report of the month disposed of as suggested, 20 reports a disposal, the month's last days.
      const toDispose = monthReports.filter((_, i) => i % 2 === 0);
      for (let i = 0; i < toDispose.length; i += 20) {
        const chunk = toDispose.slice(i, i + 20);
        const kind = chunk[0]!.kind;
        const d = `${m}-${String(days).padStart(2, '0')}`;
        const at = `${d}T05:00:00.000Z`;
        const lines: [number, string, number, number][] = [];
        for (const r of chunk) {
          lines.push([r.p, 'damaged', r.l, -r.qty]);
          if (kind === 'repackGood') lines.push([r.p, 'good', r.l, r.qty]);
        }
        const doc = post('disposal', at, lines);
        const n = gen++;
        const disp = disposals.next();
        disposals.add(
          disp,
          `CZ-G${n}`,
          kind,
          kind === 'returnToSupplier' ? '供应商' : '',
          plan.userId,
          at,
          plan.managerId,
          at,
          d,
          doc,
          `gen-disposal-${n}`,
        );
        for (const [k, r] of chunk.entries())
          disposalLines.add(disp, k + 1, r.p, r.l, r.qty, r.cost, r.qty * r.cost, r.id);
      }

      // Returns: 10 lines each; 1 in 5 a refusal (on the month's trip); some lines partly damaged.
      for (let i = 0; i < returnN; i += 10) {
        const d = day(i / 10);
        const at = `${d}T06:00:00.000Z`;
        const refusal = (i / 10) % 5 === 0;
        const customer = pick(customerIds);
        const salesperson = (i / 10) % 7 === 3 ? null : pick(plan.salespersonIds);
        const n = gen++;
        const ret = returnRows.next();
        returnRows.add(
          ret,
          `TH-G${n}`,
          refusal ? 'refusal' : 'report',
          customer,
          salesperson,
          plan.userId,
          at,
          refusal ? null : plan.managerId,
          refusal ? null : at,
          plan.userId,
          at,
          0,
          refusal ? trip : null,
          `gen-return-${n}`,
        );
        const lineCount = Math.min(10, returnN - i);
        const moves: [number, string, number, number][] = [];
        const rows: unknown[][] = [];
        let [credit, good, damaged] = [0, 0, 0];
        for (let k = 0; k < lineCount; k++) {
          const p = pick(plan.productIds);
          const qty = 1 + rand(30);
          const bad = rand(4) === 0 ? 1 + rand(qty) : 0;
          const price = (costs.get(p) ?? 0) + 50;
          const status = rand(20) === 0 ? 'gift' : 'good';
          const reason = refusal ? 'refusedAtDelivery' : pick(reasons);
          const checkReason = !refusal && rand(6) === 0 ? pick(reasons) : null;
          const goodBin = plan.binIds[k % 4]!;
          const damagedBin = plan.binIds[(k + 1) % 4]!;
          if (qty - bad > 0) moves.push([p, status, goodBin, qty - bad]);
          if (bad > 0) moves.push([p, 'damaged', damagedBin, bad]);
          rows.push([
            ret,
            k + 1,
            p,
            status,
            qty,
            reason,
            price,
            qty,
            checkReason ?? reason,
            qty - bad,
            bad,
            goodBin,
            damagedBin,
            qty * price,
          ]);
          credit += qty * price;
          good += qty - bad;
          damaged += bad;
        }
        // check_reason: the keeper's, differing from the report's on some lines.
        for (const r of rows) returnLines.add(...r);
        const doc = post('returnReceipt', at, moves);
        notes.add(ret, doc, `RRG-${doc}`, credit, good, damaged, plan.userId, at, d);
        result.returns += 1;
        result.returnLines += lineCount;
      }
    }
    // In the order the rows refer to each other (and as they were made: the ledger before the damage reports).
    for (const t of [documents, movements, reports, disposals, disposalLines, returnRows, returnLines, notes])
      await t.write(trx);
    const balanceRows = await rowsOf('balances', 'product_id, status, location_id, qty', '(?, ?, ?, ?)');
    for (const [k, q] of balances) {
      const [p, s, l] = k.split('|');
      if (q !== 0) balanceRows.add(Number(p), s, Number(l), q);
    }
    await balanceRows.write(
      trx,
      'ON CONFLICT (product_id, status, location_id) DO UPDATE SET qty = balances.qty + excluded.qty',
    );
    // Rows written with their ids: PostgreSQL's identities go on from the last.
    if (pg)
      for (const t of [documents, reports, disposals, returnRows])
        await query(trx, `SELECT setval(pg_get_serial_sequence('${t.table}', 'id'), (SELECT MAX(id) FROM ${t.table}))`);
  });
  return result;
}
