// Each station's active task and its state, stored with every scan that
// changes it (same transaction), so a restart loses no scanned line.
import type { TaskKind } from '../../../shared/contract';
import type { Db } from '../db/schema';
import { tasks } from './tasks';

export type StoredTask = { kind: TaskKind; state: unknown };

export async function loadTask(db: Db, station: string): Promise<StoredTask> {
  const row = await db
    .selectFrom('station_tasks')
    .select(['task', 'state'])
    .where('station', '=', station)
    .executeTakeFirst();
  if (!row || !(row.task in tasks)) return { kind: 'lookup', state: tasks.lookup.initial() };
  return { kind: row.task as TaskKind, state: JSON.parse(row.state) as unknown };
}

export async function saveTask(db: Db, station: string, task: StoredTask, at: string): Promise<void> {
  const state = JSON.stringify(task.state);
  await db
    .insertInto('station_tasks')
    .values({ station, task: task.kind, state, updated_at: at })
    .onConflict((oc) => oc.column('station').doUpdateSet({ task: task.kind, state, updated_at: at }))
    .execute();
}
