// The load check at the dock 装车核对 (issue 12 §5, R8): scan the trip's
// barcode (its pick list carries it) — the trip goes loading — then the
// goods; each goods scan (a case barcode its case pack, the quantity key
// many) fills the lines of the trip's orders that still miss that product, in
// stop order. A product of no order of this trip, or more than is still
// missing, is refused at once and changes nothing. What each scan filled is
// stored in load_scans in the scan's transaction, beside the station's task
// state, so an unplugged scanner loses and doubles nothing; undo deletes
// exactly that scan's rows. Loading an order is a request (dispatch.loadOrder),
// made by the keeper at the station once the order shows complete.
import type { TaskView } from '../../../../shared/contract';
import { runTemplate } from '../../db/queryTemplate';
import type { Db } from '../../db/schema';
import { emitDispatch } from '../../dispatch/loading/writes';
import { loadCheckChanges, loadCheckView, scannedByLine } from '../../dispatch/loading/reads';
import type { Task } from './task';

export type LoadTaskState = {
  tripId: number | null;
  /** Trip scans, newest last, so undoing one goes back to the trip before it. */
  applied: { scanId: number; previous: number | null }[];
};

const maxUndo = 50;

/** The lines of the trip for one product, in stop order, with what is scanned of each. */
async function openLines(db: Db, tripId: number, productId: number) {
  const { rows } = await runTemplate(db, 'loadCheck.openLines', { tripId, productId }, (p) =>
    db
      .selectFrom('trip_orders as x')
      .innerJoin('orders as o', 'o.id', 'x.order_id')
      .innerJoin('trip_stops as s', 's.id', 'x.stop_id')
      .innerJoin('order_lines as l', 'l.order_id', 'o.id')
      .select(['o.id as orderId', 'o.state', 'l.id as lineId', 'l.qty'])
      .where('x.trip_id', '=', p.tripId)
      .where('l.product_id', '=', p.productId)
      .orderBy('s.seq')
      .orderBy('o.number')
      .orderBy('l.line_no'),
  );
  const scanned = rows.length > 0 ? await scannedByLine(db, tripId, productId) : new Map<number, number>();
  return rows.map((r) => ({ ...r, scanned: scanned.get(r.lineId) ?? 0 }));
}

export const loadCheckTask: Task<LoadTaskState> = {
  kind: 'load',
  // Each scan of a case is one more case on the truck.
  countsRepeats: true,
  // The dock's work, not one person's: any keeper at the station may scan for it.
  ownerOnly: false,
  initial: () => ({ tripId: null, applied: [] }),
  async apply(db, state, scanId, resolution) {
    if (resolution.kind === 'trip') {
      const [trip] = (
        await runTemplate(db, 'loadCheck.trip', resolution.tripId, (id) =>
          db.selectFrom('trips').select(['id', 'state', 'number']).where('id', '=', id),
        )
      ).rows;
      if (!trip || (trip.state !== 'picking' && trip.state !== 'loading'))
        return { accepted: false, reason: 'loading.tripNotReady' };
      if (trip.state === 'picking') {
        // Who and when: the scan's own user (the task owner for a serial scan) and instant.
        const scan = await db
          .selectFrom('scan_log')
          .select(['user_id', 'at'])
          .where('id', '=', scanId)
          .executeTakeFirstOrThrow();
        const at = scan.at;
        await db.updateTable('trips').set({ state: 'loading', updated_at: at }).where('id', '=', trip.id).execute();
        await db
          .insertInto('audit_log')
          .values({
            at,
            user_id: scan.user_id,
            request: 'scanner.loadCheck',
            entity: 'trip',
            entity_id: String(trip.id),
            before: JSON.stringify({ state: 'picking' }),
            after: JSON.stringify({ state: 'loading', scanId }),
          })
          .execute();
      }
      const applied = [...state.applied, { scanId, previous: state.tripId }].slice(-maxUndo);
      return { accepted: true, state: { tripId: trip.id, applied } };
    }
    if (resolution.kind !== 'product') return { accepted: false, reason: 'scan.notForTask' };
    if (state.tripId === null) return { accepted: false, reason: 'loading.scanTripFirst' };
    const lines = await openLines(db, state.tripId, resolution.productId);
    if (lines.length === 0) return { accepted: false, reason: 'loading.productNotOnTrip' };
    const open = lines
      .filter((l) => l.state !== 'loaded' && l.state !== 'departed')
      .map((l) => ({ ...l, missing: (l.qty ?? 0) - l.scanned }))
      .filter((l) => l.missing > 0);
    const missing = open.reduce((s, l) => s + l.missing, 0);
    if (missing < resolution.qty) return { accepted: false, reason: 'loading.overScan' };
    let left = resolution.qty;
    const rows: {
      scan_id: number;
      trip_id: number;
      order_id: number;
      line_id: number;
      product_id: number;
      qty: number;
    }[] = [];
    for (const l of open) {
      if (left === 0) break;
      const n = Math.min(left, l.missing);
      rows.push({
        scan_id: scanId,
        trip_id: state.tripId,
        order_id: l.orderId,
        line_id: l.lineId,
        product_id: resolution.productId,
        qty: n,
      });
      left -= n;
    }
    await db.insertInto('load_scans').values(rows).execute();
    return { accepted: true, state };
  },
  async undo(db, state, scanId) {
    const trip = state.applied.find((a) => a.scanId === scanId);
    if (trip) return { tripId: trip.previous, applied: state.applied.filter((a) => a.scanId !== scanId) };
    const r = await db.deleteFrom('load_scans').where('scan_id', '=', scanId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0 ? state : null;
  },
  afterApply(ctx, before, after) {
    // A trip scan may have moved the trip to loading: every board shows it.
    if (after.tripId !== null && after.tripId !== before.tripId) {
      const tripId = after.tripId;
      return ctx.db
        .selectFrom('trips')
        .select('dispatch_date')
        .where('id', '=', tripId)
        .executeTakeFirst()
        .then((t) => {
          if (t) emitDispatch(ctx, t.dispatch_date, [tripId], []);
        });
    }
    return Promise.resolve();
  },
  async view(ctx, state): Promise<TaskView> {
    if (state.tripId === null) return { kind: 'load', check: null };
    return { kind: 'load', check: await loadCheckView(ctx.db, state.tripId, ctx.root) };
  },
  // After goods scans on the same trip, only the orders and products they filled.
  async patch(ctx, before, after, scanIds) {
    if (after.tripId === null || after.tripId !== before.tripId) return null;
    const changes = await loadCheckChanges(ctx.db, after.tripId, scanIds, ctx.root);
    return { kind: 'load', tripId: after.tripId, ...changes };
  },
};
