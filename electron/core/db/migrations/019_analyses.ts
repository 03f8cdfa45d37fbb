// The monthly analyses (issue 13): the damage analysis 残损分析报告 and the
// return analysis 退货分析报告 of a month, prepared then submitted to the
// manager, and the return analysis's next-step action plans 下一步行动计划.
// The figures are not stored: they are computed from the register and the
// ledger of the month (append-only), so a submitted analysis reads the same.
import type { Migration } from './index';

export const analyses: Migration = {
  version: 19,
  name: 'analyses',
  sql: `
CREATE TABLE analysis_reports (
  kind TEXT NOT NULL CHECK (kind IN ('damage','returns')),
  -- 'YYYY-MM' of business days in the warehouse's time zone.
  month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
  state TEXT NOT NULL CHECK (state IN ('draft','submitted')),
  note TEXT NOT NULL DEFAULT '',
  saved_by INTEGER NOT NULL REFERENCES users(id),
  saved_at TEXT NOT NULL,
  submitted_by INTEGER REFERENCES users(id),
  submitted_at TEXT,
  CHECK ((state = 'submitted') = (submitted_at IS NOT NULL)),
  PRIMARY KEY (kind, month)
) STRICT, WITHOUT ROWID;

-- One plan per salesperson (key: user id, or 'none' for returns without one)
-- or per reason (key: the reason), saved with the month's return analysis.
-- Every edit is audited (entity 'returnActionPlan').
CREATE TABLE return_action_plans (
  month TEXT NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('salesperson','reason')),
  key TEXT NOT NULL,
  text TEXT NOT NULL CHECK (text <> ''),
  updated_by INTEGER NOT NULL REFERENCES users(id),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (month, scope, key)
) STRICT, WITHOUT ROWID;

-- The return analysis reads the month's lines per return: its note's day
-- (return_notes_date), then the return's lines by primary key. The damage
-- analysis reads damage_reports_entered and disposals_date (migration 15);
-- the trend of the previous months reads the same ranges.
CREATE INDEX returns_salesperson ON returns(salesperson_id);
`,
};
