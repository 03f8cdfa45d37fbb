// The scan log: every scan is stored — raw, source, decoded, result, task,
// user, time — including the rejected and the duplicates, never dropped.
import type { Paged, ScanOutcome, ScanResolution, ScanSourceKind, ScanView } from '../../../shared/contract';
import { runTemplate } from '../db/queryTemplate';
import type { Db } from '../db/schema';

/** A scan as stored: the ScanView the screens get, with the user by id instead of name. */
export type ScanLogEntry = Omit<ScanView, 'id' | 'userName'> & { userId: number | null; undoesId?: number | null };

export async function appendScan(db: Db, e: ScanLogEntry): Promise<number> {
  const row = {
    at: e.at,
    station: e.station,
    source_kind: e.sourceKind,
    source_name: e.sourceName,
    raw: e.raw,
    symbology: e.symbology,
    decoded: e.decoded,
    outcome: e.outcome,
    reason: e.reason,
    resolution: e.resolution ? JSON.stringify(e.resolution) : null,
    task: e.task,
    user_id: e.userId,
    undoes_id: e.undoesId ?? null,
  };
  const { rows } = await runTemplate(db, 'scanLog.append', row, (r) =>
    db.insertInto('scan_log').values(r).returning('id'),
  );
  return rows[0]!.id;
}

function baseQuery(db: Db) {
  return db
    .selectFrom('scan_log as s')
    .leftJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id',
      's.at',
      's.station',
      's.source_kind',
      's.source_name',
      's.raw',
      's.symbology',
      's.decoded',
      's.outcome',
      's.reason',
      's.resolution',
      's.task',
      'u.display_name as userName',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

function view(r: Row): ScanView {
  return {
    id: r.id,
    at: r.at,
    station: r.station,
    sourceKind: r.source_kind as ScanSourceKind,
    sourceName: r.source_name,
    raw: r.raw,
    symbology: r.symbology,
    decoded: r.decoded,
    outcome: r.outcome as ScanOutcome,
    reason: r.reason,
    resolution: r.resolution ? (JSON.parse(r.resolution) as ScanResolution) : null,
    task: r.task,
    userName: r.userName ?? '',
  };
}

export async function scanById(db: Db, id: number): Promise<ScanView> {
  return view(await baseQuery(db).where('s.id', '=', id).executeTakeFirstOrThrow());
}

export async function lastScans(db: Db, station: string, limit: number): Promise<ScanView[]> {
  return (await baseQuery(db).where('s.station', '=', station).orderBy('s.id', 'desc').limit(limit).execute()).map(
    view,
  );
}

export async function pageScans(
  db: Db,
  opts: { offset: number; limit: number; station?: string },
): Promise<Paged<ScanView>> {
  let q = baseQuery(db);
  let c = db.selectFrom('scan_log').select((eb) => eb.fn.countAll<number>().as('n'));
  if (opts.station !== undefined) {
    q = q.where('s.station', '=', opts.station);
    c = c.where('station', '=', opts.station);
  }
  const [rows, total] = await Promise.all([
    q.orderBy('s.id', 'desc').limit(opts.limit).offset(opts.offset).execute(),
    c.executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(view), total: Number(total.n) };
}

/** The station's last accepted scan that has not been undone yet (command scans are not undoable). */
export async function lastUndoableScan(db: Db, station: string): Promise<number | null> {
  const row = await db
    .selectFrom('scan_log as s')
    .select('s.id')
    .where('s.station', '=', station)
    .where('s.outcome', '=', 'accepted')
    .where((eb) => eb.or([eb('s.resolution', 'is', null), eb('s.resolution', 'not like', '{"kind":"command"%')]))
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('scan_log as u').select('u.id').whereRef('u.undoes_id', '=', 's.id'))),
    )
    .orderBy('s.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}
