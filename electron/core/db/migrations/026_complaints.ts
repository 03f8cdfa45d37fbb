// Complaints 投诉 (issue 16 §1–3): the complaint register 顾客投诉登记表 with
// every step's who and when, the solutions proposed and the one the
// supervisor approved 主管领导批示, the configurable categories, the working
// calendar (holidays and make-up working days 调休) the "3 working days"
// deadline counts over, and the supervisor's improvement notes on the
// month's classification statistics 顾客投诉分类统计表.
import type { Migration } from './index';

const states = "'received','judged','investigating','proposed','approved','resolved','confirmed','followedUp','closed'";

export const complaints: Migration = {
  version: 26,
  name: 'complaints',
  sql: `
CREATE TABLE complaint_categories (
  code TEXT PRIMARY KEY,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  sort INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO complaint_categories (code, name_zh, name_en, sort) VALUES
  ('deliveryLate', '送货延迟', 'Delivery late', 10),
  ('goodsDamaged', '货物破损', 'Goods damaged', 20),
  ('wrongGoods', '错发货', 'Wrong goods', 30),
  ('shortDelivery', '少送货', 'Short delivery', 40),
  ('serviceAttitude', '服务态度', 'Service attitude', 50),
  ('priceBilling', '价格/账单', 'Price / billing', 60),
  ('productQuality', '产品质量', 'Product quality', 70),
  ('other', '其他', 'Other', 1000);

CREATE TABLE complaints (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL CHECK (state IN (${states})),
  -- A customer from the list, or a caller not yet a customer (name and phone).
  customer_id INTEGER REFERENCES customers(id),
  caller_name TEXT NOT NULL DEFAULT '',
  caller_phone TEXT NOT NULL DEFAULT '',
  channel TEXT NOT NULL CHECK (channel IN ('phone','visit','letter','followUpCall')),
  received_at TEXT NOT NULL,
  -- The business day received, in the warehouse's zone: the month of the statistics.
  received_date TEXT NOT NULL,
  content TEXT NOT NULL,
  category TEXT NOT NULL REFERENCES complaint_categories(code),
  severity TEXT NOT NULL CHECK (severity IN ('low','normal','high')),
  order_id INTEGER REFERENCES orders(id),
  trip_id INTEGER REFERENCES trips(id),
  return_id INTEGER REFERENCES returns(id),
  product_id INTEGER REFERENCES products(id),
  -- Deadlines fixed from received_at over the working calendar; recomputed
  -- for open complaints when the calendar or the rules change.
  response_due_at TEXT NOT NULL,
  resolve_due_at TEXT NOT NULL,
  registered_by INTEGER NOT NULL REFERENCES users(id),
  registered_at TEXT NOT NULL,
  -- 投诉判断: valid or not, and the reply given (an invalid one is answered politely and closed).
  valid INTEGER CHECK (valid IS NULL OR valid IN (0,1)),
  reply TEXT NOT NULL DEFAULT '',
  judged_by INTEGER REFERENCES users(id),
  judged_at TEXT,
  -- 展开调查: the responsible department and person, and what was found.
  department TEXT CHECK (department IS NULL OR department IN ('warehouse','delivery','customerService','sales','finance','supplier','other')),
  responsible_person TEXT NOT NULL DEFAULT '',
  cause TEXT NOT NULL DEFAULT '',
  investigated_by INTEGER REFERENCES users(id),
  investigated_at TEXT,
  approved_solution_id INTEGER,
  approval_note TEXT NOT NULL DEFAULT '',
  approved_by INTEGER REFERENCES users(id),
  approved_at TEXT,
  result TEXT NOT NULL DEFAULT '',
  resolved_by INTEGER REFERENCES users(id),
  resolved_at TEXT,
  -- The customer accepted the solution (signed).
  confirm_note TEXT NOT NULL DEFAULT '',
  confirmed_by INTEGER REFERENCES users(id),
  confirmed_at TEXT,
  follow_up_note TEXT NOT NULL DEFAULT '',
  followed_up_by INTEGER REFERENCES users(id),
  followed_up_at TEXT,
  close_note TEXT NOT NULL DEFAULT '',
  closed_by INTEGER REFERENCES users(id),
  closed_at TEXT,
  idempotency_key TEXT NOT NULL UNIQUE,
  CHECK (customer_id IS NOT NULL OR caller_name <> ''),
  CHECK ((state = 'received') = (judged_at IS NULL)),
  CHECK (valid IS NOT NULL OR state = 'received'),
  CHECK (valid = 1 OR state IN ('received','judged','closed'))
) STRICT;
CREATE INDEX complaints_received ON complaints(received_date);
CREATE INDEX complaints_state ON complaints(state);
CREATE INDEX complaints_customer ON complaints(customer_id);
CREATE INDEX complaints_order ON complaints(order_id);

-- 提出处理方案: solutions proposed; the supervisor approves one of them.
CREATE TABLE complaint_solutions (
  id INTEGER PRIMARY KEY,
  complaint_id INTEGER NOT NULL REFERENCES complaints(id),
  text TEXT NOT NULL,
  proposed_by INTEGER NOT NULL REFERENCES users(id),
  proposed_at TEXT NOT NULL
) STRICT;
CREATE INDEX complaint_solutions_complaint ON complaint_solutions(complaint_id);

-- The working calendar: days off on a weekday (holiday) and make-up working days on a weekend (workday).
CREATE TABLE working_calendar (
  date TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('holiday','workday')),
  note TEXT NOT NULL DEFAULT '',
  updated_by INTEGER NOT NULL REFERENCES users(id),
  updated_at TEXT NOT NULL
) STRICT;

-- The supervisor's analysis and improvement measures 改进对策 of a month's statistics.
CREATE TABLE complaint_stat_notes (
  month TEXT PRIMARY KEY,
  note TEXT NOT NULL,
  saved_by INTEGER NOT NULL REFERENCES users(id),
  saved_at TEXT NOT NULL
) STRICT;
`,
};
