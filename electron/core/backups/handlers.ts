// backups.* requests (the administrator): status, a backup now, the schedule.
import type { Handler } from '../contract/handlers';
import type { BackupService } from './service';

export function backupsHandlers(backups: BackupService): {
  'backups.status': Handler<'backups.status'>;
  'backups.runNow': Handler<'backups.runNow'>;
  'backups.configure': Handler<'backups.configure'>;
} {
  return {
    'backups.status': async () => backups.status(),
    'backups.runNow': async () => {
      await backups.run('manual');
      return backups.status();
    },
    'backups.configure': async (_ctx, input) => backups.configure(input),
  };
}
