// Damage 残损 (issue 13, R11 R13 R5): the damage register, its configurable
// causes, attachments, and disposals 处理 of damaged stock.
//
// A damage report is raised where the damage is found and approved or rejected
// by the CS manager (never the reporter). Approval moves the quantity from good
// or gift to damaged in the same bin through the one posting function
// (transfer_document_id). Goods that arrive damaged — on a receipt, or sent to
// damaged by a return note — are already in damaged stock: their report names
// the document that put them there (origin_document_id) and its approval posts
// nothing more.
import type { Migration } from './index';

const whereFound = "'receiving','bin','picking','loading','transit','count','return'";
const suggestions = "'scrap','returnToSupplier','repackGood','sellDamaged'";

export const damage: Migration = {
  version: 15,
  name: 'damage',
  sql: `
-- The causes offered on a damage report, configurable by the manager. 'other'
-- always exists and asks for a note.
CREATE TABLE damage_causes (
  code TEXT PRIMARY KEY,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  sort INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO damage_causes (code, name_zh, name_en, sort) VALUES
  ('crushed', '压损', 'Crushed', 10),
  ('wet', '水湿', 'Wet', 20),
  ('tornPackaging', '包装破损', 'Torn packaging', 30),
  ('expired', '过期', 'Expired', 40),
  ('leaking', '渗漏', 'Leaking', 50),
  ('pest', '虫鼠害', 'Pest', 60),
  ('handling', '搬运损坏', 'Handling', 70),
  ('transport', '运输损坏', 'Transport', 80),
  ('supplierDefect', '供应商质量问题', 'Supplier defect', 90),
  ('other', '其他', 'Other', 1000);

CREATE TABLE damage_reports (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL CHECK (state IN ('reported','approved','rejected')),
  product_id INTEGER NOT NULL REFERENCES products(id),
  -- The status the goods were in when found (good or gift); origin documents put them straight into damaged.
  from_status TEXT NOT NULL CHECK (from_status IN ('good','gift')),
  location_id INTEGER NOT NULL REFERENCES locations(id),
  qty INTEGER NOT NULL CHECK (qty > 0),
  -- Snapshot at the report: the amount shown and analysed is qty × unit_cost_fen.
  unit_cost_fen INTEGER NOT NULL CHECK (unit_cost_fen >= 0),
  amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
  where_found TEXT NOT NULL CHECK (where_found IN (${whereFound})),
  cause TEXT NOT NULL REFERENCES damage_causes(code),
  cause_note TEXT NOT NULL DEFAULT '',
  suggestion TEXT NOT NULL CHECK (suggestion IN (${suggestions})),
  note TEXT NOT NULL DEFAULT '',
  found_by INTEGER NOT NULL REFERENCES users(id),
  reported_by INTEGER NOT NULL REFERENCES users(id),
  reported_at TEXT NOT NULL,
  -- The business day of the report in the warehouse's time zone (monthly analysis).
  reported_date TEXT NOT NULL,
  decided_by INTEGER REFERENCES users(id),
  decided_at TEXT,
  reject_reason TEXT,
  -- The business day the goods entered damaged stock: the approval's (its
  -- transfer posted) or, for goods that arrived damaged, the origin document's.
  -- The monthly damage analysis counts reports by this day, so it reconciles
  -- with the ledger's movements into damaged of that month. NULL until then.
  entered_date TEXT,
  -- What it came from, where known.
  order_id INTEGER REFERENCES orders(id),
  trip_id INTEGER REFERENCES trips(id),
  count_session_id INTEGER,
  -- The receipt or return note that already put the goods into damaged stock.
  origin_document_id INTEGER REFERENCES documents(id),
  -- The damage transfer (good/gift → damaged) posted at approval.
  transfer_document_id INTEGER UNIQUE REFERENCES documents(id),
  idempotency_key TEXT NOT NULL UNIQUE,
  CHECK ((state = 'reported') = (decided_at IS NULL)),
  CHECK ((state = 'rejected') = (reject_reason IS NOT NULL)),
  CHECK (transfer_document_id IS NULL OR origin_document_id IS NULL),
  CHECK ((entered_date IS NOT NULL) = (transfer_document_id IS NOT NULL OR origin_document_id IS NOT NULL)),
  CHECK (decided_by IS NULL OR origin_document_id IS NOT NULL OR decided_by <> reported_by)
) STRICT;
CREATE INDEX damage_reports_state ON damage_reports(state, reported_at);
CREATE INDEX damage_reports_entered ON damage_reports(entered_date) WHERE entered_date IS NOT NULL;
CREATE INDEX damage_reports_product ON damage_reports(product_id);

-- Files attached to a record (a damage photo; later a complaint's letter).
-- Stored in the data folder under attachments/<stored_name>; owner is the kind
-- of record ('damageReport', …) and owner_id its id.
CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  owner TEXT NOT NULL,
  owner_id INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  stored_name TEXT NOT NULL UNIQUE,
  mime TEXT NOT NULL CHECK (mime IN ('image/jpeg','image/png','image/webp','application/pdf')),
  size_bytes INTEGER NOT NULL CHECK (size_bytes > 0),
  sha256 TEXT NOT NULL,
  uploaded_by INTEGER NOT NULL REFERENCES users(id),
  uploaded_at TEXT NOT NULL
) STRICT;
CREATE INDEX attachments_owner ON attachments(owner, owner_id);

-- Disposal 处理 of damaged stock: one document of one kind, several lines,
-- proposed then approved (posted through the ledger) or rejected by the manager.
-- repackGood moves damaged → good; the others take damaged stock out.
CREATE TABLE disposals (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN (${suggestions})),
  state TEXT NOT NULL CHECK (state IN ('proposed','approved','rejected')),
  supplier TEXT NOT NULL DEFAULT '',
  reference TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  proposed_by INTEGER NOT NULL REFERENCES users(id),
  proposed_at TEXT NOT NULL,
  decided_by INTEGER REFERENCES users(id),
  decided_at TEXT,
  decided_date TEXT,
  reject_reason TEXT,
  document_id INTEGER UNIQUE REFERENCES documents(id),
  idempotency_key TEXT NOT NULL UNIQUE,
  CHECK ((state = 'proposed') = (decided_at IS NULL)),
  CHECK ((state = 'approved') = (document_id IS NOT NULL)),
  CHECK ((state = 'rejected') = (reject_reason IS NOT NULL)),
  CHECK (kind <> 'returnToSupplier' OR supplier <> '')
) STRICT;
CREATE INDEX disposals_state ON disposals(state, proposed_at);
CREATE INDEX disposals_date ON disposals(decided_date);

CREATE TABLE disposal_lines (
  disposal_id INTEGER NOT NULL REFERENCES disposals(id),
  line_no INTEGER NOT NULL,
  product_id INTEGER NOT NULL REFERENCES products(id),
  location_id INTEGER NOT NULL REFERENCES locations(id),
  qty INTEGER NOT NULL CHECK (qty > 0),
  unit_cost_fen INTEGER NOT NULL CHECK (unit_cost_fen >= 0),
  amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
  -- The damage report whose goods this line disposes of (the register's "what was done").
  damage_report_id INTEGER REFERENCES damage_reports(id),
  PRIMARY KEY (disposal_id, line_no)
) STRICT, WITHOUT ROWID;
CREATE INDEX disposal_lines_report ON disposal_lines(damage_report_id) WHERE damage_report_id IS NOT NULL;
`,
};
