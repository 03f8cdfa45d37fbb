// A token that changes whenever what a posting reads from the catalogue
// changes: a product added, removed or re-costed, a location added or removed.
// The posting path keeps product costs and location ids in memory and reads
// only this one row per posting (stock/postingCatalogue.ts). Triggers keep it
// right for every writer — the app, the CLI, a second station on the file.
// The token is random, not a counter: a rolled-back change can never come
// back as the same value and make a stale cache look current.
import type { Migration } from './index';

const bump = 'UPDATE catalogue_version SET token = abs(random() % 1000000000000)';

export const catalogueVersion: Migration = {
  version: 3,
  name: 'catalogue_version',
  sql: `
CREATE TABLE catalogue_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  token INTEGER NOT NULL
) STRICT;
INSERT INTO catalogue_version (id, token) VALUES (1, abs(random() % 1000000000000));
CREATE TRIGGER products_catalogue_insert AFTER INSERT ON products BEGIN ${bump}; END;
CREATE TRIGGER products_catalogue_update AFTER UPDATE OF id, unit_cost_fen ON products BEGIN ${bump}; END;
CREATE TRIGGER products_catalogue_delete AFTER DELETE ON products BEGIN ${bump}; END;
CREATE TRIGGER locations_catalogue_insert AFTER INSERT ON locations BEGIN ${bump}; END;
CREATE TRIGGER locations_catalogue_update AFTER UPDATE OF id ON locations BEGIN ${bump}; END;
CREATE TRIGGER locations_catalogue_delete AFTER DELETE ON locations BEGIN ${bump}; END;
`,
};
