// The foundation schema. STRICT tables; R5 (never negative) is also a CHECK on
// balances so no code path, not even a bug in the posting function, can store
// a negative balance. The ledger and the audit log are append-only (triggers).
import type { Migration } from './index';

const roleList = "'csManager','operator','warehouseKeeper','salesperson','dispatcher','supervisor','admin'";
const statusList = "'good','damaged','gift'";

export const initial: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT,
  pin_hash TEXT,
  locale TEXT NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN','en')),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE user_roles (
  user_id INTEGER NOT NULL REFERENCES users(id),
  role TEXT NOT NULL CHECK (role IN (${roleList})),
  PRIMARY KEY (user_id, role)
) STRICT, WITHOUT ROWID;

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  station TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT;

CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  spec TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL,
  case_pack INTEGER NOT NULL CHECK (case_pack > 0),
  unit_cost_fen INTEGER NOT NULL CHECK (unit_cost_fen >= 0),
  category TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  replaced_by_id INTEGER REFERENCES products(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (replaced_by_id IS NULL OR replaced_by_id <> id)
) STRICT;

CREATE TABLE barcodes (
  code TEXT PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES products(id),
  level TEXT NOT NULL CHECK (level IN ('unit','case')),
  units INTEGER NOT NULL CHECK (units > 0)
) STRICT;
CREATE INDEX barcodes_product ON barcodes(product_id);

CREATE TABLE locations (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('warehouse','zone','bin')),
  parent_id INTEGER REFERENCES locations(id)
) STRICT;

CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  number TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL CHECK (state IN ('draft','submitted','approved','posted','rejected','cancelled')),
  idempotency_key TEXT NOT NULL UNIQUE,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  posted_at TEXT,
  reverses_id INTEGER REFERENCES documents(id),
  note TEXT
) STRICT;
-- A document is reversed at most once. Partial, so the (NULL) reverses_id of
-- ordinary documents costs no index page on every posting.
CREATE UNIQUE INDEX documents_reverses ON documents(reverses_id) WHERE reverses_id IS NOT NULL;

CREATE TABLE document_counters (
  type TEXT NOT NULL,
  day TEXT NOT NULL,
  last INTEGER NOT NULL,
  PRIMARY KEY (type, day)
) STRICT, WITHOUT ROWID;

CREATE TABLE movements (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  type TEXT NOT NULL,
  product_id INTEGER NOT NULL REFERENCES products(id),
  status TEXT NOT NULL CHECK (status IN (${statusList})),
  location_id INTEGER NOT NULL REFERENCES locations(id),
  qty INTEGER NOT NULL CHECK (qty <> 0),
  unit_cost_fen INTEGER NOT NULL,
  at TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id)
) STRICT;
CREATE INDEX movements_product ON movements(product_id, id);
CREATE INDEX movements_document ON movements(document_id);
CREATE TRIGGER movements_append_only_update BEFORE UPDATE ON movements
  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
CREATE TRIGGER movements_append_only_delete BEFORE DELETE ON movements
  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;

-- R5: never negative, in any status, at any location.
CREATE TABLE balances (
  product_id INTEGER NOT NULL REFERENCES products(id),
  status TEXT NOT NULL CHECK (status IN (${statusList})),
  location_id INTEGER NOT NULL REFERENCES locations(id),
  qty INTEGER NOT NULL CHECK (qty >= 0),
  PRIMARY KEY (product_id, status, location_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE receipts (
  document_id INTEGER PRIMARY KEY REFERENCES documents(id),
  delivery_note TEXT NOT NULL,
  supplier TEXT NOT NULL DEFAULT '',
  arrived_at TEXT NOT NULL,
  posted_at TEXT NOT NULL,
  delay_minutes INTEGER NOT NULL
) STRICT;
CREATE INDEX receipts_posted ON receipts(posted_at);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  request TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  before TEXT,
  after TEXT
) STRICT;
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  area TEXT NOT NULL,
  route TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE vehicles (
  id INTEGER PRIMARY KEY,
  plate TEXT NOT NULL UNIQUE,
  driver_name TEXT NOT NULL,
  driver_phone TEXT NOT NULL DEFAULT '',
  capacity_cases INTEGER NOT NULL CHECK (capacity_cases > 0),
  capacity_kg INTEGER NOT NULL CHECK (capacity_kg > 0),
  area TEXT NOT NULL DEFAULT ''
) STRICT;
`,
};
