// Warehouse quality checks 仓库质量保证 / GMP 跟踪记录 (issue 17 §1): the
// manager's checklist items (numbers with limits, or pass/fail), one record
// per zone, business day and shift filled by the keeper, each item's value,
// and the corrective actions an out-of-limit or failed item requires.
import type { Migration } from './index';

const item = (
  code: string,
  zh: string,
  en: string,
  sort: number,
  kind = 'passFail',
  min = 'NULL',
  max = 'NULL',
  unit = "''",
) => `('${code}','${zh}','${en}','${kind}',${min},${max},${unit},1,${sort})`;

export const quality: Migration = {
  version: 31,
  name: 'quality',
  sql: `
CREATE TABLE quality_items (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('passFail','temperature','humidity')),
  min_value REAL,
  max_value REAL,
  unit TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  sort INTEGER NOT NULL DEFAULT 0,
  CHECK (kind = 'passFail' OR (min_value IS NOT NULL AND max_value IS NOT NULL AND min_value <= max_value))
) STRICT;

INSERT INTO quality_items (code, name_zh, name_en, kind, min_value, max_value, unit, active, sort) VALUES
  ${[
    item('temperature', '温度', 'Temperature', 10, 'temperature', '0', '30', "'°C'"),
    item('humidity', '湿度', 'Humidity', 20, 'humidity', '35', '75', "'%'"),
    item('cleanliness', '清洁卫生', 'Cleanliness', 30),
    item('pestTraps', '防虫防鼠设施', 'Pest traps', 40),
    item('fireEquipment', '消防设备', 'Fire equipment', 50),
    item('stackingHeight', '堆码高度', 'Stacking height', 60),
    item('statusSeparation', '良品/残损/赠品分开存放', 'Good, damaged and gift stock apart', 70),
    item('oldCodesApart', '旧代码分开存放', 'Old codes apart', 80),
    item('fefo', '先到期先出', 'First expired, first out', 90),
    item('damagedLabelled', '残损品已标识', 'Damaged goods labelled', 100),
  ].join(',\n  ')};

CREATE TABLE quality_records (
  id INTEGER PRIMARY KEY,
  zone_id INTEGER NOT NULL REFERENCES locations(id),
  check_date TEXT NOT NULL,
  -- '' for a day-long record; a shift name otherwise.
  shift TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  recorded_by INTEGER NOT NULL REFERENCES users(id),
  recorded_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (zone_id, check_date, shift)
) STRICT;
CREATE INDEX quality_records_date ON quality_records(check_date);

CREATE TABLE quality_values (
  record_id INTEGER NOT NULL REFERENCES quality_records(id),
  item_id INTEGER NOT NULL REFERENCES quality_items(id),
  -- The number measured (temperature, humidity items); NULL for pass/fail.
  value REAL,
  passed INTEGER NOT NULL CHECK (passed IN (0,1)),
  PRIMARY KEY (record_id, item_id)
) STRICT;

CREATE TABLE quality_actions (
  id INTEGER PRIMARY KEY,
  record_id INTEGER NOT NULL REFERENCES quality_records(id),
  item_id INTEGER NOT NULL REFERENCES quality_items(id),
  description TEXT NOT NULL,
  owner_id INTEGER NOT NULL REFERENCES users(id),
  due_date TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','done')),
  done_note TEXT NOT NULL DEFAULT '',
  done_by INTEGER REFERENCES users(id),
  done_at TEXT,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  UNIQUE (record_id, item_id)
) STRICT;
CREATE INDEX quality_actions_owner ON quality_actions(owner_id, state);
`,
};
