// schedules.* requests: the schedule settings page and the dashboard's failures.
import { requireSession } from '../context';
import type { Handler } from '../contract/handlers';
import type { ScheduleService } from './service';

export function schedulesHandlers(schedules: ScheduleService): {
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
    'schedules.failures': async (_ctx, input) => schedules.failures(input.since),
  };
}
