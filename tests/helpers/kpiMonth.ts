// A generated month for the KPI tracker (issue 14 item 3), for the integration
// test and the bench: orders with their due dates and delivery outcomes,
// receipts posted on time or late (R7), adjustment and ordinary movements,
// daily dispatch reports submitted before or after the cut-off (R9), and
// count sessions with counted lines in and out of tolerance. Rows are inserted
// raw, consistently with the migrations, so the month builds in a blink; the
// return notes come from the analyses' generator (tests/helpers/analysesMonth.ts).
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { isPostgres } from '../../electron/core/db/portable';
import type { DB } from '../../electron/core/db/schema';
import { ensurePeriodFiguresOf } from '../../electron/core/stock/periodFigures';

export type KpiMonthPlan = {
  month: string;
  /** Orders per day, every day of the month and three days either side. */
  ordersPerDay: number;
  receiptsPerDay: number;
  /** Ordinary movement lines per day beside the adjustment lines. */
  movesPerDay: number;
  countLinesPerSession: number;
  userId: number;
  productIds: number[];
  binIds: number[];
  seed?: number;
};

const addDays = (date: string, n: number) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
};

/**
 * Rows inserted raw bypass postDocument, which keeps the period figures: they
 * are rebuilt from the ledger afterwards, as a migration or a zone change does.
 */
export async function rebuildPeriodFigures(db: Kysely<DB>, timeZone: string): Promise<void> {
  await sql`DELETE FROM settings WHERE key = 'periodFigures.timeZone'`.execute(db);
  await ensurePeriodFiguresOf(db, timeZone);
}

export async function generateKpiMonth(db: Kysely<DB>, plan: KpiMonthPlan): Promise<void> {
  const pg = isPostgres(db);
  let seed = plan.seed ?? 14;
  const rand = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    // The high bits: an LCG's low bits repeat with a short period.
    return Math.floor(seed / 65_536) % n;
  };
  const [y, mo] = plan.month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  const first = `${plan.month}-01`;
  const dates = Array.from({ length: days + 6 }, (_, i) => addDays(first, i - 3));
  // 02:00 UTC is 10:00 in Asia/Shanghai: the instant of a business day's work.
  const instant = (date: string, minutes: number) =>
    new Date(Date.parse(`${date}T02:00:00.000Z`) + minutes * 60_000).toISOString();
  const u = plan.userId;

  await db.transaction().execute(async (trx) => {
    // SQL text with ? placeholders ($1, $2 … on PostgreSQL), run in the transaction.
    const query = async <R>(text: string, params: unknown[]) => {
      let n = 0;
      const compiled = CompiledQuery.raw(pg ? text.replace(/\?/g, () => `$${++n}`) : text, params);
      return (await trx.executeQuery<R>(compiled)).rows;
    };
    const prepare = (text: string) => ({
      /** Runs an INSERT and answers the new row's id. */
      insert: async (...params: unknown[]) =>
        Number((await query<{ id: number }>(`${text} RETURNING id`, params))[0]!.id),
      run: async (...params: unknown[]) => {
        await query(text, params);
      },
    });
    const customer = Number(
      await prepare("INSERT INTO customers (code, name, area, route) VALUES ('K-C1', 'KPI 客户', 'K', 'K')").insert(),
    );
    const vehicle = Number(
      await prepare(
        "INSERT INTO vehicles (plate, driver_name, capacity_cases, capacity_kg) VALUES ('K-1', '司机', 500, 5000)",
      ).insert(),
    );
    const insTrip = prepare(`INSERT INTO trips (number, dispatch_date, vehicle_id, seq, driver_name, state,
      created_by, created_at, updated_at) VALUES (?, ?, ?, 1, '司机', 'returned', ?, ?, ?)`);
    /**
     * A table's rows kept and written 500 a statement before the count sessions
     * (the only rows that read them); a row per statement made the month take a
     * minute. `head` is the INSERT up to VALUES, `tuple` one row's values.
     */
    const buffered = (head: string, tuple: string) => {
      const rows: unknown[][] = [];
      return {
        run: async (...params: unknown[]) => void rows.push(params),
        write: async () => {
          for (let k = 0; k < rows.length; k += 500) {
            const part = rows.slice(k, k + 500);
            await query(`${head} VALUES ${part.map(() => tuple).join(', ')}`, part.flat());
          }
        },
      };
    };
    const lastId = async (table: string) =>
      (await query<{ n: number }>(`SELECT COALESCE(MAX(id), 0) AS n FROM ${table}`, []))[0]!.n;
    // Orders and documents are numbered here, so the rows made later can refer to them.
    let orderId = await lastId('orders');
    let docId = await lastId('documents');
    const insOrder = buffered(
      `INSERT INTO orders (id, number, state, channel, customer_code, customer_id, order_date, dispatch_date,
        delivery_date, promised_date, issues, first_time_qualified, signature, created_by, created_at, updated_at,
        cancel_reason, amount_fen)`,
      "(?, ?, ?, 'file', 'K-C1', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    const insOutcome = buffered(
      'INSERT INTO order_outcomes (order_id, trip_id, outcome, reason, delivered_date, recorded_by, recorded_at)',
      '(?, ?, ?, ?, ?, ?, ?)',
    );
    const insDoc = buffered(
      'INSERT INTO documents (id, type, number, state, idempotency_key, created_by, created_at, posted_at)',
      "(?, ?, ?, 'posted', ?, ?, ?, ?)",
    );
    const insMove = buffered(
      'INSERT INTO movements (document_id, type, product_id, status, location_id, qty, unit_cost_fen, at, user_id)',
      "(?, ?, ?, 'good', ?, ?, 100, ?, ?)",
    );
    const insReceipt = buffered(
      'INSERT INTO receipts (document_id, delivery_note, supplier, arrived_at, posted_at, delay_minutes)',
      "(?, ?, 'K', ?, ?, ?)",
    );
    const insReport = buffered(
      `INSERT INTO dispatch_reports (dispatch_date, state, cutoff_at, late, saved_by, saved_at, submitted_by,
        submitted_at)`,
      '(?, ?, ?, ?, ?, ?, ?, ?)',
    );
    let docs = 0;
    const doc = async (type: string, at: string) => {
      const id = ++docId;
      await insDoc.run(id, type, `K${type}-${++docs}`, `k-${type}-${docs}`, u, at, at);
      return id;
    };
    const product = () => plan.productIds[rand(plan.productIds.length)]!;
    const bin = () => plan.binIds[rand(plan.binIds.length)]!;

    let orders = 0;
    for (const [i, date] of dates.entries()) {
      const trip = Number(await insTrip.insert(`KT-${date}`, date, vehicle, u, instant(date, 0), instant(date, 0)));
      for (let k = 0; k < plan.ordersPerDay; k++) {
        const qualified = rand(10) < 9 ? 1 : 0;
        const cancelled = rand(40) === 0;
        const due = addDays(date, 2);
        // Some orders have no promised date: the delivery date is their due date.
        const promised = rand(5) === 0 ? null : due;
        const id = ++orderId;
        await insOrder.run(
          id,
          `K${++orders}`,
          cancelled ? 'cancelled' : 'delivered',
          customer,
          date,
          addDays(date, 1),
          due,
          promised,
          qualified ? '[]' : '["unknownProduct"]',
          qualified,
          `k-${orders}`,
          u,
          instant(date, 0),
          instant(date, 0),
          cancelled ? 'test' : null,
          1000 + rand(100_000),
        );
        const r = rand(20);
        if (r < 2) continue; // not delivered (yet)
        const outcome = r < 16 ? 'signed' : r < 18 ? 'partlyRefused' : 'refused';
        const delivered = addDays(due, rand(8) === 0 ? 1 : rand(3) === 0 ? -1 : 0);
        await insOutcome.run(id, trip, outcome, outcome === 'signed' ? null : 'other', delivered, u, instant(date, 60));
      }
      for (let k = 0; k < plan.receiptsPerDay; k++) {
        const posted = instant(date, rand(600));
        const delay = rand(300);
        const d = await doc('receipt', posted);
        await insMove.run(d, 'receipt', product(), bin(), 10 + rand(50), posted, u);
        await insReceipt.run(d, `KDN-${d}`, new Date(Date.parse(posted) - delay * 60_000).toISOString(), posted, delay);
      }
      for (let k = 0; k < plan.movesPerDay; k++) {
        const at = instant(date, rand(900) - 300);
        const type = rand(12) === 0 ? (rand(2) ? 'countAdjustment' : 'manualAdjustment') : 'dispatchIssue';
        await insMove.run(
          await doc(type, at),
          type,
          product(),
          bin(),
          type === 'dispatchIssue' ? -1 : 1 + rand(3),
          at,
          u,
        );
      }
      if (i % 7 !== 6) {
        const cutoff = instant(date, 390); // 16:30 in Asia/Shanghai
        const submitted = rand(4) === 0 ? instant(date, 400) : instant(date, 300);
        const late = submitted >= cutoff ? 1 : 0;
        const draft = rand(10) === 0;
        await insReport.run(
          date,
          draft ? 'draft' : 'submitted',
          draft ? null : cutoff,
          draft ? null : late,
          u,
          instant(date, 200),
          draft ? null : u,
          draft ? null : submitted,
        );
      }
    }

    // In the order the rows refer to each other; PostgreSQL's identities go on from the numbered rows.
    for (const t of [insOrder, insOutcome, insDoc, insMove, insReceipt, insReport]) await t.write();
    if (pg)
      for (const table of ['orders', 'documents'])
        await query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT MAX(id) FROM ${table}))`, []);
    // A count session a week, from before the month to after it; tolerance ±2 units.
    const insSession = prepare(`INSERT INTO count_sessions (number, state, blind, scope, tolerance_units,
      created_by, created_at, started_by, started_at, snapshot_movement_id, counting_finished_at, closed_at)
      VALUES (?, 'closed', 1, '{"area":"warehouse"}', 2, ?, ?, ?, ?, ?, ?, ?)`);
    const insLine = prepare(`INSERT INTO count_lines (session_id, product_id, location_id, status, snapshot_qty,
      expected) VALUES (?, ?, ?, 'good', ?, 1)`);
    const insEntry = prepare(`INSERT INTO count_entries (line_id, round, user_id, kind, qty, ledger_position, at)
      VALUES (?, 1, ?, 'set', ?, ?, ?)`);
    const lastMove = async () =>
      (await query<{ n: number }>('SELECT COALESCE(MAX(id), 0) AS n FROM movements', []))[0]!.n;
    for (let w = 0; w < 6; w++) {
      const date = addDays(first, w * 7 - 4);
      const finished = instant(date, 120);
      const snap = await lastMove();
      const s = Number(
        await insSession.insert(`KC-${w}`, u, instant(date, 0), u, instant(date, 0), snap, finished, finished),
      );
      const seen = new Set<string>();
      for (let k = 0; k < plan.countLinesPerSession; k++) {
        const p = product();
        const b = bin();
        if (seen.has(`${p}|${b}`)) continue;
        seen.add(`${p}|${b}`);
        const book = 20 + rand(200);
        const line = await insLine.insert(s, p, b, book);
        // One line in ten left uncounted (not in the accuracy); one in four off by more than the tolerance.
        if (rand(10) === 0) continue;
        const off = rand(4) === 0 ? 3 + rand(10) : rand(3);
        await insEntry.run(line, u, Math.max(0, book + (rand(2) ? off : -off)), snap, finished);
      }
    }
  });
}
