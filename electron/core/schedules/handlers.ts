// schedules.* requests: the schedule settings page and the dashboard's failures.
import { requireSession } from '../context';
import type { Handler } from '../contract/handlers';
import type { FailedRun } from '../../../shared/contract/schedules';
import type { BackupService } from '../backups/service';
import type { ScheduleService } from './service';

/** The last automatic backup, when it failed (at or after `since`), as a failed run. */
function backupFailure(backups: BackupService | undefined, since: string | undefined): FailedRun[] {
  const last = backups?.status().last;
  if (!last || last.ok || (since !== undefined && Date.parse(last.at) < Date.parse(since))) return [];
  return [
    {
      kind: 'backup',
      dueAt: last.at,
      ranAt: last.at,
      period: last.kind,
      ok: false,
      file: last.name,
      bytes: null,
      error: last.error ?? { code: 'backup.failed', reason: '' },
    },
  ];
}

export function schedulesHandlers(
  schedules: ScheduleService,
  backups?: BackupService,
): {
  'schedules.status': Handler<'schedules.status'>;
  'schedules.configure': Handler<'schedules.configure'>;
  'schedules.runNow': Handler<'schedules.runNow'>;
  'schedules.failures': Handler<'schedules.failures'>;
} {
  return {
    'schedules.status': async () => schedules.status(),
    'schedules.configure': async (ctx, input) => {
      const me = requireSession(ctx);
      return schedules.configure(input, { userId: me.userId, displayName: me.displayName });
    },
    'schedules.runNow': async (_ctx, input) => schedules.runNow(input.kind),
    'schedules.failures': async (_ctx, input) =>
      [...schedules.failures(input.since), ...backupFailure(backups, input.since)].sort((a, b) =>
        b.ranAt.localeCompare(a.ranAt),
      ),
  };
}
