// Counting at a scanner station: the caller picks the count their station
// scans into. The scan pipeline owns the station's task (and holds it in
// memory), so this records the choice in count_stations and the handler
// switches the task through the pipeline, which makes the caller the task's
// owner — the station's serial scans are theirs from then on, whoever else
// uses the station — and shows the session at once; the count task
// (scanner/tasks/counting.ts) reads the choice by the scan's station.
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import { countsIn } from './blindness';
import { changed, loadSession, requireState, userId } from './common';

export async function countAtStation(ctx: ServiceContext, sessionId: number): Promise<void> {
  const s = await loadSession(ctx.db, sessionId);
  requireState(s, ['counting', 'recounting']);
  const me = userId(ctx);
  if (!(await countsIn(ctx.db, s.id, me))) throw new AppError('counts.notCounter', { number: s.number });
  const row = { station: ctx.caller.station, session_id: s.id, user_id: me, at: ctx.now.toISOString() };
  await ctx.db
    .insertInto('count_stations')
    .values(row)
    .onConflict((oc) => oc.column('station').doUpdateSet({ session_id: s.id, user_id: me, at: row.at }))
    .execute();
  await changed(
    ctx,
    { entity: 'countSession', entityId: s.id, after: { station: ctx.caller.station, task: 'count' } },
    { sessionId: s.id, formId: null },
  );
}
