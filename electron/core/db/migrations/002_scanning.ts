// Scanning (issue 4): configured serial scanners, the scan log (every scan:
// raw, source, decoded, result, task, user, time) and each station's active
// task, stored so a restart loses no scanned line.
import type { Migration } from './index';

export const scanning: Migration = {
  version: 2,
  name: 'scanning',
  sql: `
CREATE TABLE scanners (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  station TEXT NOT NULL,
  port TEXT,
  usb_vendor_id TEXT,
  usb_product_id TEXT,
  baud_rate INTEGER NOT NULL CHECK (baud_rate > 0),
  data_bits INTEGER NOT NULL CHECK (data_bits IN (7, 8)),
  parity TEXT NOT NULL CHECK (parity IN ('none', 'even', 'odd')),
  stop_bits INTEGER NOT NULL CHECK (stop_bits IN (1, 2)),
  terminator TEXT NOT NULL CHECK (terminator IN ('CR', 'LF', 'CRLF', 'TAB', 'idle')),
  idle_ms INTEGER NOT NULL CHECK (idle_ms > 0),
  prefix TEXT NOT NULL DEFAULT '',
  suffix TEXT NOT NULL DEFAULT '',
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  CHECK (port IS NOT NULL OR (usb_vendor_id IS NOT NULL AND usb_product_id IS NOT NULL))
) STRICT;

CREATE TABLE scan_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  station TEXT NOT NULL,
  source_kind TEXT NOT NULL CHECK (source_kind IN ('serial', 'wedge', 'manual')),
  source_name TEXT NOT NULL,
  raw TEXT NOT NULL,
  symbology TEXT,
  decoded TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'duplicate', 'rejected', 'unknown', 'undone')),
  reason TEXT,
  resolution TEXT,
  task TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  -- The scan an 'undone' row takes back.
  undoes_id INTEGER REFERENCES scan_log(id)
) STRICT;
CREATE INDEX scan_log_station ON scan_log(station, id);

CREATE TABLE station_tasks (
  station TEXT PRIMARY KEY,
  task TEXT NOT NULL,
  state TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
`,
};
