// The cut-off of the daily dispatch report (R9: "before 16:30"), a setting in
// the warehouse's time zone. A report submitted at or after the cut-off
// instant of its dispatch date is late (16:30:00 itself is no longer before 16:30).
import type { CutoffView, DispatchReportState } from '../../../../shared/contract';
import { defaultReportCutoff } from '../../../../shared/contract';
import type { ServiceContext } from '../../context';
import { recordAudit } from '../../audit/audit';
import type { Db } from '../../db/schema';
import { today } from '../../orders/dates';

const settingKey = 'dispatch.cutoff';

export async function cutoffTime(db: Db): Promise<string> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', settingKey).executeTakeFirst();
  return row?.value ?? defaultReportCutoff;
}

/** Offset of `timeZone` from UTC at `at`, in minutes (Asia/Shanghai: +480). */
function offsetMinutes(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  })
    .formatToParts(new Date(at))
    .reduce<Record<string, number>>((acc, p) => ((acc[p.type] = Number(p.value)), acc), {});
  const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return Math.round((local - Math.floor(at / 1000) * 1000) / 60_000);
}

/** The UTC instant of local time `hhmm` on business date `date` in `timeZone`. */
export function zonedInstant(date: string, hhmm: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = hhmm.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, h, min);
  // Twice: the offset at the guess may differ from the offset at the answer (a DST change that day).
  let at = wall - offsetMinutes(wall, timeZone) * 60_000;
  at = wall - offsetMinutes(at, timeZone) * 60_000;
  return new Date(at);
}

/** Late: submitted at or after the cut-off of the report's dispatch date. */
export function isLate(submittedAt: Date, cutoffAt: Date): boolean {
  return submittedAt.getTime() >= cutoffAt.getTime();
}

export async function cutoffView(ctx: ServiceContext): Promise<CutoffView> {
  const time = await cutoffTime(ctx.db);
  const date = today(ctx.now, ctx.timeZone);
  const report = await ctx.db
    .selectFrom('dispatch_reports')
    .select('state')
    .where('dispatch_date', '=', date)
    .executeTakeFirst();
  return {
    time,
    timeZone: ctx.timeZone,
    today: date,
    cutoffAt: zonedInstant(date, time, ctx.timeZone).toISOString(),
    now: ctx.now.toISOString(),
    todayState: (report?.state as DispatchReportState | undefined) ?? 'new',
  };
}

export async function setCutoff(ctx: ServiceContext, time: string): Promise<CutoffView> {
  const before = await cutoffTime(ctx.db);
  await ctx.db
    .insertInto('settings')
    .values({ key: settingKey, value: time })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: time }))
    .execute();
  await recordAudit(ctx, { entity: 'setting', entityId: settingKey, before, after: time });
  ctx.emit('dispatch.changed', { dispatchDate: today(ctx.now, ctx.timeZone), tripIds: [], orderIds: [] });
  return cutoffView(ctx);
}
