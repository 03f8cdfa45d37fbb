// The KPI tracker's targets (issue 14 item 3, R14): one per KPI, set by the CS
// manager, in hundredths of the KPI's unit (98.50 % is 9850, 3 late receipts
// is 300) so no target is a float. Every change is audited (entity 'kpiTarget').
// The customer service level (dispatch/delivery/serviceLevel.ts) selects orders
// by their due date, coalesce(promised_date, delivery_date): indexed on that
// expression, so a week of the tracker reads that week's orders, not all of them.
import type { Migration } from './index';

export const kpiTargets: Migration = {
  version: 21,
  name: 'kpi_targets',
  sql: `
CREATE TABLE kpi_targets (
  kpi TEXT PRIMARY KEY,
  target_x100 INTEGER NOT NULL CHECK (target_x100 >= 0),
  set_by INTEGER NOT NULL REFERENCES users(id),
  set_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX orders_due ON orders(coalesce(promised_date, delivery_date));
`,
};
