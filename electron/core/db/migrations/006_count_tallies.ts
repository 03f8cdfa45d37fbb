// Each counter's running count per line and round, kept beside the entries.
// Why: a counter's count is the last 'set' plus the 'add's after it, and every
// scan is one entry, so working it out from the entries grew with every scan —
// the station's view after a scan read all of the counter's entries (28 ms per
// scan after 20,000 unit scans, 150 ms after 100,000). Triggers keep the tally
// with every entry written or undone, whatever code path writes it; the
// entries stay the record (who, when, which scan) and the tally is derived
// from them (the migration builds it for counts already under way).
// PostgreSQL: the same two triggers as plpgsql functions.
import type { Migration } from './index';

/**
 * The tallies worked out from the entries of the (line, round, user) groups
 * `where` picks: the last 'set' plus the 'add's after it, the latest ledger
 * position, the last entry's time and id. A group with no entries left has no
 * row.
 */
const talliesFrom = (where: string) => `
INSERT INTO count_tallies (line_id, round, user_id, qty, position, at, last_entry_id)
SELECT e.line_id, e.round, e.user_id,
  SUM(CASE WHEN e.id >= COALESCE((SELECT MAX(s.id) FROM count_entries s
                                  WHERE s.line_id = e.line_id AND s.round = e.round AND s.user_id = e.user_id
                                    AND s.kind = 'set'), 0)
           THEN e.qty ELSE 0 END),
  MAX(e.ledger_position),
  (SELECT l.at FROM count_entries l
    WHERE l.line_id = e.line_id AND l.round = e.round AND l.user_id = e.user_id ORDER BY l.id DESC LIMIT 1),
  MAX(e.id)
FROM count_entries e
WHERE ${where}
GROUP BY e.line_id, e.round, e.user_id`;

/** Every tally from the entries: for counts already under way when the table arrives (and its test). */
export const tallyBackfillSql = talliesFrom('1');

export const countTallies: Migration = {
  version: 6,
  name: 'count_tallies',
  sql: `
CREATE TABLE count_tallies (
  line_id INTEGER NOT NULL REFERENCES count_lines(id),
  round INTEGER NOT NULL CHECK (round >= 1),
  user_id INTEGER NOT NULL REFERENCES users(id),
  -- The counter's count of the line in this round: the last 'set', plus every 'add' after it.
  qty INTEGER NOT NULL,
  -- The latest ledger position among its entries, and its last entry's time and id.
  position INTEGER NOT NULL,
  at TEXT NOT NULL,
  last_entry_id INTEGER NOT NULL,
  PRIMARY KEY (line_id, round, user_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX count_tallies_user ON count_tallies(user_id, line_id);

-- Entries are written in id order, so the new one is the last: a 'set' replaces, an 'add' adds.
CREATE TRIGGER count_entries_tally_insert AFTER INSERT ON count_entries
BEGIN
  INSERT INTO count_tallies (line_id, round, user_id, qty, position, at, last_entry_id)
  VALUES (NEW.line_id, NEW.round, NEW.user_id, NEW.qty, NEW.ledger_position, NEW.at, NEW.id)
  ON CONFLICT (line_id, round, user_id) DO UPDATE SET
    qty = CASE WHEN NEW.kind = 'set' THEN NEW.qty ELSE count_tallies.qty + NEW.qty END,
    position = MAX(count_tallies.position, NEW.ledger_position),
    at = NEW.at,
    last_entry_id = NEW.id;
END;

-- An undone scan (the only entries ever deleted): that counter's tally of the line again from what is left.
CREATE TRIGGER count_entries_tally_delete AFTER DELETE ON count_entries
BEGIN
  DELETE FROM count_tallies WHERE line_id = OLD.line_id AND round = OLD.round AND user_id = OLD.user_id;
  ${talliesFrom('e.line_id = OLD.line_id AND e.round = OLD.round AND e.user_id = OLD.user_id')};
END;

-- Counts already under way.
${tallyBackfillSql};
`,
};
