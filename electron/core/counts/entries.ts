// Count entries: appended per counter, per (product, bin, status), from the
// sheet (typed) or the scanner (each scan one entry, so "undo last" deletes
// exactly it). Never overwritten: two counters on one line are two rows each
// and the line's count is their sum. A line nobody counted stays "not counted".
import type { StockStatus } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/schema';
import { countsChanged } from './activeCounts';
import { ledgerPosition, requireState, type SessionRecord } from './common';
import { ancestry, locationInScope } from './scope';

export type EntryInput = {
  userId: number;
  productId: number;
  locationId: number;
  status: StockStatus;
  kind: 'add' | 'set';
  qty: number;
  scanId: number | null;
  at: string;
};

/** Refuses a location outside the session or outside the counter's zone. */
export async function checkLocation(db: Db, s: SessionRecord, userId: number, locationId: number): Promise<string> {
  const chain = await ancestry(db, locationId);
  const code = chain[0]?.code ?? String(locationId);
  if (!locationInScope(s.scope, chain))
    throw new AppError('counts.locationNotInScope', { number: s.number, locationId, locationCode: code });
  if (s.state === 'recounting') return code; // a recount keeper goes where the recount lines are
  const assigned = await db
    .selectFrom('count_counters')
    .select('zone_id')
    .where('session_id', '=', s.id)
    .where('user_id', '=', userId)
    .execute();
  if (assigned.length === 0) throw new AppError('counts.notCounter', { number: s.number });
  const zones = assigned.map((a) => a.zone_id);
  // A counter assigned without a zone counts anywhere in the session.
  if (!zones.includes(null) && !chain.some((l) => zones.includes(l.id)))
    throw new AppError('counts.binNotInZone', { number: s.number, locationId, locationCode: code });
  return code;
}

/**
 * Appends one count entry to session `s` (loaded by the caller, who has read it
 * already: a scan is on the hot path); creates the line (flagged unexpected)
 * for goods the book did not place there.
 */
export async function appendEntry(
  db: Db,
  s: SessionRecord,
  input: EntryInput,
): Promise<{ lineId: number; created: boolean }> {
  requireState(s, ['counting', 'recounting']);
  await checkLocation(db, s, input.userId, input.locationId);

  let line = await db
    .selectFrom('count_lines')
    .select(['id', 'round', 'recount_by'])
    .where('session_id', '=', s.id)
    .where('product_id', '=', input.productId)
    .where('location_id', '=', input.locationId)
    .where('status', '=', input.status)
    .executeTakeFirst();
  if (s.state === 'recounting') {
    // Blind recount: only the lines handed to this keeper are open.
    if (!line || line.round === 1 || line.recount_by !== input.userId)
      throw new AppError('counts.lineNotOpen', { number: s.number });
  }
  let created = false;
  if (!line) {
    const product = await db.selectFrom('products').select('id').where('id', '=', input.productId).executeTakeFirst();
    if (!product) throw new AppError('stock.unknownProduct', { productId: input.productId });
    line = await db
      .insertInto('count_lines')
      .values({
        session_id: s.id,
        product_id: input.productId,
        location_id: input.locationId,
        status: input.status,
        snapshot_qty: 0,
        expected: 0,
        recount_by: null,
        cause: null,
      })
      .returning(['id', 'round', 'recount_by'])
      .executeTakeFirstOrThrow();
    created = true;
    // Possibly a bin new to the count: the bins held in memory (hidden, locked) follow.
    countsChanged(db);
  }

  // A count can only go below zero by a negative correction: only then is the
  // counter's running count (count_tallies) read.
  if (input.kind === 'set' && input.qty < 0)
    throw new AppError('counts.negativeCount', { current: null, qty: input.qty });
  if (input.kind === 'add' && input.qty < 0) {
    const tally = await db
      .selectFrom('count_tallies')
      .select('qty')
      .where('line_id', '=', line.id)
      .where('round', '=', line.round)
      .where('user_id', '=', input.userId)
      .executeTakeFirst();
    const current = tally?.qty ?? 0;
    if (current + input.qty < 0) throw new AppError('counts.negativeCount', { current, qty: input.qty });
  }

  await db
    .insertInto('count_entries')
    .values({
      line_id: line.id,
      round: line.round,
      user_id: input.userId,
      kind: input.kind,
      qty: input.qty,
      ledger_position: await ledgerPosition(db),
      scan_id: input.scanId,
      at: input.at,
    })
    .execute();
  return { lineId: line.id, created };
}

/** "Undo last scan": the entry that scan made, while the session is still being counted. */
export async function deleteScanEntry(db: Db, scanId: number): Promise<boolean> {
  const entry = await db
    .selectFrom('count_entries as e')
    .innerJoin('count_lines as l', 'l.id', 'e.line_id')
    .innerJoin('count_sessions as s', 's.id', 'l.session_id')
    .select(['e.id', 'e.line_id', 'l.expected', 's.state'])
    .where('e.scan_id', '=', scanId)
    .executeTakeFirst();
  if (!entry || (entry.state !== 'counting' && entry.state !== 'recounting')) return false;
  await db.deleteFrom('count_entries').where('id', '=', entry.id).execute();
  if (entry.expected === 0) {
    // An unexpected line exists only because of its counts: with the last one undone, so does the line.
    const left = await db
      .selectFrom('count_entries')
      .select('id')
      .where('line_id', '=', entry.line_id)
      .executeTakeFirst();
    if (!left) {
      await db.deleteFrom('count_lines').where('id', '=', entry.line_id).execute();
      countsChanged(db);
    }
  }
  return true;
}
