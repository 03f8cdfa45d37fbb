// Period figures (issue 14 "Period figures, not ledger scans"): a daily summary
// of the ledger per business day × product × status × location × movement type,
// and its monthly net per product × status × location. postDocument keeps both
// exact inside the posting's own transaction (stock/periodFigures.ts); reports,
// KPIs and the count's ABC classification read them and never scan `movements`.
//
// - `day` is the business day 'YYYY-MM-DD' in the warehouse's time zone.
// - `type` is the movement type, a reversal counted under the type of the
//   movements it reverses (negated), so a reversed receipt nets out of receipts.
// - `qty` signed base units, `amount_fen` Σ qty × the movement's unit cost,
//   `lines` the number of movement lines (the manual adjustment rate, R14).
// - `period_months`: Σ of a month's figures, all types together: an opening
//   balance for any past date is Σ months before its month + Σ days of its month
//   before it — at most ~31 days of rows plus one row per key and month, never
//   the ledger. (Kept rather than monthly closing snapshots because a closing
//   would have to be written by a read, or rewritten by a posting dated in the
//   past; a sum of a month is written by the posting that changes it and nothing else.)
//
// No foreign keys: the movement rows carry them, and a posting should not pay
// two more index lookups per line for a derived table.
//
// Existing ledgers: built here by one INSERT … SELECT … GROUP BY. The day is
// taken in Asia/Shanghai (UTC+8 all year, the default zone) and the zone is
// recorded in settings; a host opened with another zone rebuilds both tables in
// that zone at start (periodFigures.ts ensurePeriodFigures). PostgreSQL branch
// (#15): the same statements with `(m.at::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`
// for `date(m.at, '+8 hours')`; everything else is plain SQL.
import type { Migration } from './index';

/** Builds both tables from the ledger (empty tables; days in Asia/Shanghai). The bench reuses it. */
export const buildPeriodFiguresSql = `
INSERT INTO period_figures (day, product_id, status, location_id, type, qty, amount_fen, lines)
SELECT date(m.at, '+8 hours'), m.product_id, m.status, m.location_id,
  CASE WHEN m.type = 'reversal' THEN COALESCE(
    (SELECT o.type FROM documents d JOIN movements o ON o.document_id = d.reverses_id WHERE d.id = m.document_id LIMIT 1),
    'reversal') ELSE m.type END,
  SUM(m.qty), SUM(m.qty * m.unit_cost_fen), COUNT(*)
FROM movements m
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO period_months (month, product_id, status, location_id, qty, amount_fen)
SELECT substr(day, 1, 7), product_id, status, location_id, SUM(qty), SUM(amount_fen)
FROM period_figures
GROUP BY 1, 2, 3, 4;

`;

export const periodFigures: Migration = {
  version: 20,
  name: 'period_figures',
  sql: `
CREATE TABLE period_figures (
  day TEXT NOT NULL,
  product_id INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('good','damaged','gift')),
  location_id INTEGER NOT NULL,
  type TEXT NOT NULL,
  qty INTEGER NOT NULL,
  amount_fen INTEGER NOT NULL,
  lines INTEGER NOT NULL CHECK (lines > 0),
  PRIMARY KEY (day, product_id, status, location_id, type)
) STRICT, WITHOUT ROWID;

CREATE TABLE period_months (
  month TEXT NOT NULL,
  product_id INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('good','damaged','gift')),
  location_id INTEGER NOT NULL,
  qty INTEGER NOT NULL,
  amount_fen INTEGER NOT NULL,
  PRIMARY KEY (month, product_id, status, location_id)
) STRICT, WITHOUT ROWID;

${buildPeriodFiguresSql}
INSERT INTO settings (key, value) VALUES ('periodFigures.timeZone', 'Asia/Shanghai')
  ON CONFLICT (key) DO UPDATE SET value = excluded.value;
`,
};
