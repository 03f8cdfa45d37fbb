// Delivered orders, refusals and return notes written straight into a test
// warehouse's SQLite for the customer value analysis (issue 17 §4): a year of
// history through the delivery screens would take minutes, and the analysis
// reads only these rows' shape (and migration 40's triggers keep its per-day
// figures from them as from the delivery screen's). Foreign keys are off while writing (no trips,
// documents or order lines behind them), as in the benches.
import type Database from 'better-sqlite3';

export type SeedOrder = {
  customerId: number;
  day: string;
  outcome: 'signed' | 'partlyRefused' | 'refused';
  amountFen: number;
  /** What was refused at the door (partlyRefused: part of it; refused: all of it). */
  refusedFen?: number;
};
export type SeedReturn = { customerId: number; day: string; kind: 'report' | 'refusal'; creditFen: number };

let seq = 0;

export function seedCustomers(sqlite: Database.Database, n: number, prefix = 'V'): number[] {
  const ins = sqlite.prepare('INSERT INTO customers (code, name, area, route, phone) VALUES (?, ?, ?, ?, ?)');
  const ids: number[] = [];
  sqlite.transaction(() => {
    for (let i = 0; i < n; i++) {
      const code = `${prefix}${String(i + 1).padStart(3, '0')}`;
      ids.push(Number(ins.run(code, `客户${code}`, `区${i % 4}`, `R${i % 4}`, '').lastInsertRowid));
    }
  })();
  return ids;
}

export function seedHistory(sqlite: Database.Database, orders: SeedOrder[], returns: SeedReturn[] = []): void {
  const at = '2026-01-01T00:00:00.000Z';
  const insOrder = sqlite.prepare(`INSERT INTO orders (number, state, channel, customer_code, customer_id, order_date,
      dispatch_date, delivery_date, emergency, note, issues, first_time_qualified, signature, line_count, units, cases,
      loose_units, amount_fen, created_by, created_at, updated_at)
      VALUES (?, 'delivered', 'file', (SELECT code FROM customers WHERE id = ?), ?, ?, ?, ?, 0, '', '[]', 1, ?, 1, 0, 0, 0, ?, 1, ?, ?)`);
  const insOutcome = sqlite.prepare(`INSERT INTO order_outcomes (order_id, trip_id, outcome, reason, delivered_date,
      recorded_by, recorded_at) VALUES (?, 1, ?, ?, ?, 1, ?)`);
  const insRefused = sqlite.prepare(`INSERT INTO refused_lines (line_id, order_id, trip_id, product_id, status, qty,
      amount_fen, reason, refused_at) VALUES (?, ?, 1, 1, 'good', 1, ?, 'damaged', ?)`);
  const insReturn = sqlite.prepare(`INSERT INTO returns (number, kind, state, customer_id, reported_by, reported_at,
      checked_by, checked_at, has_differences, trip_id, idempotency_key)
      VALUES (?, ?, 'posted', ?, 1, ?, 1, ?, 0, ?, ?)`);
  const insNote = sqlite.prepare(`INSERT INTO return_notes (return_id, document_id, number, credit_fen, units_good,
      units_damaged, issued_by, issued_at, issued_date) VALUES (?, ?, ?, ?, 1, 0, 1, ?, ?)`);
  sqlite.pragma('foreign_keys = OFF');
  sqlite.transaction(() => {
    for (const o of orders) {
      const n = ++seq;
      const id = Number(
        insOrder.run(`CV-${n}`, o.customerId, o.customerId, o.day, o.day, o.day, `cv-${n}`, o.amountFen, at, at)
          .lastInsertRowid,
      );
      // The delivery screen writes the refused lines first; both orders are kept right (migration 40).
      const refusedFirst = n % 2 === 0;
      if (o.outcome !== 'signed' && refusedFirst) insRefused.run(1_000_000 + n, id, o.refusedFen ?? o.amountFen, at);
      insOutcome.run(id, o.outcome, o.outcome === 'signed' ? null : 'damaged', o.day, at);
      if (o.outcome !== 'signed' && !refusedFirst) insRefused.run(1_000_000 + n, id, o.refusedFen ?? o.amountFen, at);
    }
    for (const r of returns) {
      const n = ++seq;
      const id = Number(
        insReturn.run(`RT-${n}`, r.kind, r.customerId, at, at, r.kind === 'refusal' ? 1 : null, `cv-rt-${n}`)
          .lastInsertRowid,
      );
      insNote.run(id, 1_000_000 + n, `RN-${n}`, r.creditFen, at, r.day);
    }
  })();
  sqlite.pragma('foreign_keys = ON');
}
