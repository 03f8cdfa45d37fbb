// Customer value analysis (issue 17 §4): what each customer was delivered,
// per business day, kept as the outcomes are recorded, so that a year's RFM
// (1.3M orders at the reference scale) reads a few hundred thousand small
// rows instead of joining every outcome to its order (rfm.bench.ts: the join
// alone takes seconds).
//
// One row per customer and delivered day: orders signed or partly refused
// (delivered) and their amount, orders refused whole or in part (refusals)
// and what was refused at the door on the partly refused ones (refused_fen;
// a whole refusal delivers nothing, so it adds no amount). Kept by triggers:
// an outcome is recorded once and never changed (migration 14), and its
// refused lines may be written before or after it — the outcome counts those
// already there, a refused line written later adds itself.
import type { Migration } from './index';

export const customerValue: Migration = {
  version: 40,
  name: 'customer_value',
  sql: `
CREATE TABLE customer_value_days (
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  day TEXT NOT NULL,
  delivered INTEGER NOT NULL DEFAULT 0 CHECK (delivered >= 0),
  amount_fen INTEGER NOT NULL DEFAULT 0,
  refusals INTEGER NOT NULL DEFAULT 0 CHECK (refusals >= 0),
  refused_fen INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (customer_id, day)
) STRICT, WITHOUT ROWID;
CREATE INDEX customer_value_days_day ON customer_value_days(day);

INSERT INTO customer_value_days (customer_id, day, delivered, amount_fen, refusals, refused_fen)
SELECT o.customer_id, oc.delivered_date,
       SUM(CASE WHEN oc.outcome IN ('signed', 'partlyRefused') THEN 1 ELSE 0 END),
       SUM(CASE WHEN oc.outcome IN ('signed', 'partlyRefused') THEN o.amount_fen ELSE 0 END),
       SUM(CASE WHEN oc.outcome IN ('refused', 'partlyRefused') THEN 1 ELSE 0 END),
       SUM(CASE WHEN oc.outcome = 'partlyRefused'
                THEN (SELECT COALESCE(SUM(r.amount_fen), 0) FROM refused_lines r WHERE r.order_id = o.id)
                ELSE 0 END)
  FROM order_outcomes oc JOIN orders o ON o.id = oc.order_id
 WHERE o.customer_id IS NOT NULL
 GROUP BY o.customer_id, oc.delivered_date;

CREATE TRIGGER customer_value_outcome AFTER INSERT ON order_outcomes
BEGIN
  INSERT INTO customer_value_days (customer_id, day, delivered, amount_fen, refusals, refused_fen)
  SELECT o.customer_id, NEW.delivered_date,
         CASE WHEN NEW.outcome IN ('signed', 'partlyRefused') THEN 1 ELSE 0 END,
         CASE WHEN NEW.outcome IN ('signed', 'partlyRefused') THEN o.amount_fen ELSE 0 END,
         CASE WHEN NEW.outcome IN ('refused', 'partlyRefused') THEN 1 ELSE 0 END,
         CASE WHEN NEW.outcome = 'partlyRefused'
              THEN (SELECT COALESCE(SUM(r.amount_fen), 0) FROM refused_lines r WHERE r.order_id = NEW.order_id)
              ELSE 0 END
    FROM orders o
   WHERE o.id = NEW.order_id AND o.customer_id IS NOT NULL
  ON CONFLICT (customer_id, day) DO UPDATE SET
    delivered = customer_value_days.delivered + excluded.delivered,
    amount_fen = customer_value_days.amount_fen + excluded.amount_fen,
    refusals = customer_value_days.refusals + excluded.refusals,
    refused_fen = customer_value_days.refused_fen + excluded.refused_fen;
END;

CREATE TRIGGER customer_value_refused_line AFTER INSERT ON refused_lines
BEGIN
  UPDATE customer_value_days SET refused_fen = refused_fen + NEW.amount_fen
   WHERE customer_id = (SELECT o.customer_id FROM orders o WHERE o.id = NEW.order_id)
     AND day = (SELECT oc.delivered_date FROM order_outcomes oc
                 WHERE oc.order_id = NEW.order_id AND oc.outcome = 'partlyRefused');
END;
`,
};
