// Counting by scanner (issue 5, R10 盘点): scan the bin label, then the goods;
// each scan is one count entry by the counter — the keeper who chose the count
// at the station, the task's owner (a case barcode its case pack, the quantity
// key many), so "undo last" deletes exactly that entry. Scanning the next bin
// label closes the previous one. A product the book did not expect in the bin
// is accepted and flagged on its line. Blind: the view shows what this counter
// counted, never a book quantity.
import type { TaskView } from '../../../../shared/contract';
import { isAppError } from '../../../../shared/errors';
import { checkLocation, appendEntry, deleteScanEntry } from '../../counts/entries';
import { loadSession, requireState } from '../../counts/common';
import { runTemplate } from '../../db/queryTemplate';
import type { Db } from '../../db/schema';
import type { Task } from './task';

type Bin = { locationId: number; code: string };
export type CountTaskState = {
  sessionId: number | null;
  number: string | null;
  /**
   * The counter: the task's owner, set when they choose the count. A state
   * stored before owners were recorded takes the user of its last accepted scan.
   */
  userId: number | null;
  location: Bin | null;
  /** Bin scans, newest last, so undoing one goes back to the bin before it. */
  applied: { scanId: number; previous: Bin | null }[];
};

const maxUndo = 50;

/**
 * The session this scan counts into: the one chosen for the station on the
 * count page (counts.countAtStation) while it is still being counted, else the
 * only one the scanning user counts in.
 */
async function sessionFor(db: Db, station: string, userId: number): Promise<number | null> {
  const chosen = await db
    .selectFrom('count_stations as c')
    .innerJoin('count_sessions as s', 's.id', 'c.session_id')
    .select('s.id')
    .where('c.station', '=', station)
    .where('s.state', 'in', ['counting', 'recounting'])
    .executeTakeFirst();
  if (chosen) return chosen.id;
  const rows = await db
    .selectFrom('count_sessions as s')
    .select('s.id')
    .where('s.state', 'in', ['counting', 'recounting'])
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('count_counters as c')
            .select('c.id')
            .whereRef('c.session_id', '=', 's.id')
            .where('c.user_id', '=', userId),
        ),
        eb.exists(
          eb
            .selectFrom('count_lines as l')
            .select('l.id')
            .whereRef('l.session_id', '=', 's.id')
            .where('l.recount_by', '=', userId),
        ),
      ]),
    )
    .limit(2)
    .execute();
  return rows.length === 1 ? rows[0]!.id : null;
}

export const countingTask: Task<CountTaskState> = {
  kind: 'count',
  countsRepeats: true,
  // Another keeper's scan must not land in this counter's bin or entries.
  ownerOnly: true,
  initial: () => ({ sessionId: null, number: null, userId: null, location: null, applied: [] }),
  // The session is found when the count is chosen, so the station shows it (and
  // the counter's progress in it) before the first scan.
  async start(db, station, userId) {
    const fresh = countingTask.initial();
    if (userId === null) return fresh;
    const sessionId = await sessionFor(db, station, userId);
    if (sessionId === null) return { ...fresh, userId };
    const { number } = await loadSession(db, sessionId);
    return { ...fresh, sessionId, number, userId };
  },
  async apply(db, state, scanId, resolution) {
    if (resolution.kind !== 'location' && resolution.kind !== 'product')
      return { accepted: false, reason: 'scan.notForTask' };
    const scan = await db
      .selectFrom('scan_log')
      .select(['user_id', 'at', 'station'])
      .where('id', '=', scanId)
      .executeTakeFirst();
    const userId = scan?.user_id ?? null;
    if (userId === null) return { accepted: false, reason: 'scan.noCountSession' };
    // A state without an owner (stored before owners were recorded) follows
    // whoever scans: another user counts into their own session, not the last user's.
    const sessionId =
      state.sessionId !== null && state.userId === userId
        ? state.sessionId
        : await sessionFor(db, scan!.station, userId);
    if (sessionId === null) return { accepted: false, reason: 'scan.noCountSession' };
    try {
      const session = await loadSession(db, sessionId);
      // A finished count says so, whatever was scanned.
      requireState(session, ['counting', 'recounting']);
      const next = { ...state, sessionId, number: session.number, userId };
      if (resolution.kind === 'location') {
        await checkLocation(db, session, userId, resolution.locationId);
        const location = { locationId: resolution.locationId, code: resolution.code };
        const applied = [...state.applied, { scanId, previous: state.location }].slice(-maxUndo);
        return { accepted: true, state: { ...next, location, applied } };
      }
      if (!state.location) return { accepted: false, reason: 'scan.scanLocationFirst' };
      await appendEntry(db, session, {
        userId,
        productId: resolution.productId,
        locationId: state.location.locationId,
        status: 'good',
        kind: 'add',
        qty: resolution.qty,
        scanId,
        at: scan!.at,
      });
      return { accepted: true, state: next };
    } catch (e) {
      // The service's refusal (not a counter, bin outside the count, session finished) is the scan's reason.
      if (isAppError(e)) return { accepted: false, reason: e.code };
      throw e;
    }
  },
  // The bin is closed; the next goods need a bin label first.
  done: (state) => ({ ...state, location: null }),
  async undo(db, state, scanId) {
    const bin = state.applied.find((a) => a.scanId === scanId);
    if (bin) {
      return { ...state, location: bin.previous, applied: state.applied.filter((a) => a.scanId !== scanId) };
    }
    return (await deleteScanEntry(db, scanId)) ? state : null;
  },
  async view(ctx, state): Promise<TaskView> {
    const db = ctx.db;
    const session = state.sessionId === null ? null : { sessionId: state.sessionId, number: state.number ?? '' };
    let linesCounted = 0;
    let binUnits = 0;
    if (state.sessionId !== null && state.userId !== null) {
      // The counter's own count per line in the current round — their work,
      // never the book — from their running tallies (count_tallies): one row
      // per line they counted, however many scans it took.
      const [mine] = await runTemplate(
        db,
        'counting.view',
        { sessionId: state.sessionId, userId: state.userId, binId: state.location?.locationId ?? -1 },
        (p) =>
          db
            .selectFrom('count_tallies as t')
            .innerJoin('count_lines as l', (j) => j.onRef('l.id', '=', 't.line_id').onRef('l.round', '=', 't.round'))
            .select((eb) => [
              eb.fn.countAll<number>().as('lines'),
              eb.fn
                .sum<number>(eb.case().when('l.location_id', '=', p.binId).then(eb.ref('t.qty')).else(0).end())
                .as('binUnits'),
            ])
            .where('t.user_id', '=', p.userId)
            .where('l.session_id', '=', p.sessionId),
      ).then((r) => r.rows);
      linesCounted = Number(mine?.lines ?? 0);
      binUnits = Number(mine?.binUnits ?? 0);
    }
    return { kind: 'count', session, location: state.location, linesCounted, binUnits };
  },
};
