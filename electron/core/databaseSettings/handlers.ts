// database.* requests (the administrator): which database this host runs on, and the next start's.
import type { DatabasePlace } from '../../../shared/contract/databaseSettings';
import type { Handler } from '../contract/handlers';
import { configureDatabase, databaseStatus } from './settings';

export function databaseSettingsHandlers(opened: { running: DatabasePlace; commandLine: boolean }): {
  'database.status': Handler<'database.status'>;
  'database.configure': Handler<'database.configure'>;
} {
  return {
    'database.status': async (ctx) => databaseStatus(ctx.dataDir, opened),
    'database.configure': async (ctx, input) => configureDatabase(ctx.dataDir, opened, input.url),
  };
}
