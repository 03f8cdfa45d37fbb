// What a posting needs from the catalogue — each product's unit cost (stored
// on the movement) and which locations exist — kept in memory. Reading them per
// posting was the largest avoidable cost of the posting path (an IN-list select
// of 15 random products: ~70 µs of a ~900 µs document). Each posting reads the
// catalogue's version token (one row, in its own transaction, so it sees what
// it is about to write against) and reloads only when the token moved.
import type { Kysely } from 'kysely';
import { runTemplate } from '../db/queryTemplate';
import type { DB, Db } from '../db/schema';

export type PostingCatalogue = {
  token: number;
  costs: ReadonlyMap<number, number>;
  locations: ReadonlySet<number>;
};

/** One per database (keyed by its root Kysely instance). */
const held = new WeakMap<Kysely<DB>, PostingCatalogue>();

export async function postingCatalogue(
  root: Kysely<DB>,
  db: Db,
  /** The token when the caller has just read it in this transaction (a posting reads it with its replay check). */
  known?: number,
): Promise<PostingCatalogue> {
  const token =
    known ??
    (
      await runTemplate(db, 'catalogue.token', 1, (id) =>
        db.selectFrom('catalogue_version').select('token').where('id', '=', id),
      )
    ).rows[0]?.token ??
    -1;
  const current = held.get(root);
  if (current && current.token === token) return current;

  const products = await db.selectFrom('products').select(['id', 'unit_cost_fen']).execute();
  const locations = await db.selectFrom('locations').select('id').execute();
  const loaded: PostingCatalogue = {
    token,
    costs: new Map(products.map((p) => [p.id, p.unit_cost_fen])),
    locations: new Set(locations.map((l) => l.id)),
  };
  held.set(root, loaded);
  return loaded;
}
