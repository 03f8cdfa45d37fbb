// Each station's active task and its state, stored with every scan that
// changes it (same transaction), so a restart loses no scanned line.
import type { TaskKind } from '../../../shared/contract';
import { runTemplate } from '../db/queryTemplate';
import type { Db } from '../db/schema';
import { tasks } from './tasks';

export type StoredTask = { kind: TaskKind; state: unknown };

export async function loadTask(db: Db, station: string): Promise<StoredTask> {
  const [row] = (
    await runTemplate(db, 'stationTasks.load', station, (s) =>
      db.selectFrom('station_tasks').select(['task', 'state']).where('station', '=', s),
    )
  ).rows;
  if (!row || !(row.task in tasks)) return { kind: 'lookup', state: tasks.lookup.initial() };
  return { kind: row.task as TaskKind, state: JSON.parse(row.state) as unknown };
}

export async function saveTask(db: Db, station: string, task: StoredTask, at: string): Promise<void> {
  const row = { station, task: task.kind, state: JSON.stringify(task.state), updated_at: at };
  await runTemplate(db, 'stationTasks.save', row, (r) =>
    db
      .insertInto('station_tasks')
      .values(r)
      .onConflict((oc) =>
        oc.column('station').doUpdateSet((eb) => ({
          task: eb.ref('excluded.task'),
          state: eb.ref('excluded.state'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      ),
  );
}
