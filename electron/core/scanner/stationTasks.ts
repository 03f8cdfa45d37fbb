// Each station's active task, its state and its owner, stored with every scan
// that changes it (same transaction), so a restart loses no scanned line and
// no owner.
import type { TaskKind } from '../../../shared/contract';
import type { Session } from '../auth/sessions';
import { runTemplate } from '../db/queryTemplate';
import type { Db } from '../db/schema';
import { tasks } from './tasks';

/**
 * Who chose the station's task: the person working at its scanner. Serial
 * scans carry no session of their own, so they are logged as the owner's —
 * the user id for the scan log, the name the station screens show.
 */
export type TaskOwner = { userId: number; displayName: string };

export type StoredTask = { kind: TaskKind; state: unknown; owner: TaskOwner | null };

export function ownerOf(session: Session | null): TaskOwner | null {
  return session ? { userId: session.userId, displayName: session.displayName } : null;
}

/**
 * The state column holds `{ "state": …, "owner": … }`: the owner is kept with
 * the task in the one JSON value, without a schema change and without every
 * task's state carrying it. Rows written before owners were recorded hold the
 * bare state (no task's state has both keys) and read as having no owner.
 */
type Stored = { state: unknown; owner: TaskOwner | null };

function isStored(value: unknown): value is Stored {
  return typeof value === 'object' && value !== null && 'state' in value && 'owner' in value;
}

function parseStored(json: string): Stored {
  const value = JSON.parse(json) as unknown;
  return isStored(value) ? value : { state: value, owner: null };
}

export async function loadTask(db: Db, station: string): Promise<StoredTask> {
  const [row] = (
    await runTemplate(db, 'stationTasks.load', station, (s) =>
      db.selectFrom('station_tasks').select(['task', 'state']).where('station', '=', s),
    )
  ).rows;
  if (!row || !(row.task in tasks)) return { kind: 'lookup', state: tasks.lookup.initial(), owner: null };
  return { kind: row.task as TaskKind, ...parseStored(row.state) };
}

export async function saveTask(db: Db, station: string, task: StoredTask, at: string): Promise<void> {
  const stored: Stored = { state: task.state, owner: task.owner };
  const row = { station, task: task.kind, state: JSON.stringify(stored), updated_at: at };
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
