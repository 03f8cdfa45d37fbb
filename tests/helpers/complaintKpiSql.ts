// The complaint KPIs (issue 16 §2 → issue 14's tracker) as SQL of their own,
// for the tests: received, valid, resolved on time by the stored deadline, and
// the average working days a valid resolved complaint took — working days
// counted by a calendar built here (Monday–Friday, less the holidays, plus the
// make-up days of working_calendar), in a zone 8 hours ahead of UTC (Asia/Shanghai).
import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../../electron/core/db/portable';
import type { DB } from '../../electron/core/db/schema';
import type { KpiFigure } from '../../shared/contract';

export type ComplaintKpi =
  'complaintsReceived' | 'complaintsValid' | 'complaintsResolvedOnTime' | 'complaintResolutionDays';

const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n * 10_000) / d) / 100);

/**
 * On either dialect (the integration-pg project too): SQLite's date functions
 * where it runs on SQLite, PostgreSQL's own date arithmetic there.
 */
export async function complaintKpiOf(db: Kysely<DB>, kpi: ComplaintKpi, from: string, to: string): Promise<KpiFigure> {
  const r = (
    await sql<{ n: number; valid: number; onTime: number }>`
      SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN valid = 1 THEN 1 ELSE 0 END), 0) AS valid,
             COALESCE(SUM(CASE WHEN valid = 1 AND resolved_at <= resolve_due_at THEN 1 ELSE 0 END), 0) AS "onTime"
      FROM complaints WHERE received_date BETWEEN ${from} AND ${to}`.execute(db)
  ).rows[0]!;
  if (kpi === 'complaintsReceived') return { value: r.n, num: r.n, den: null };
  if (kpi === 'complaintsValid') return { value: r.valid, num: r.valid, den: r.n };
  if (kpi === 'complaintsResolvedOnTime') return { value: pct(r.onTime, r.valid), num: r.onTime, den: r.valid };
  const pg = isPostgres(db);
  const day = (expr: string, days: number) =>
    sql.raw(
      pg ? `to_char((${expr})::date + ${days}, 'YYYY-MM-DD')` : `date(${expr}, '${days >= 0 ? '+' : ''}${days} days')`,
    );
  const weekday = sql.raw(
    pg ? 'extract(dow from d.day::date) BETWEEN 1 AND 5' : "CAST(strftime('%w', d.day) AS INTEGER) BETWEEN 1 AND 5",
  );
  const resolvedDay = sql.raw(
    pg
      ? "to_char((c.resolved_at::timestamptz AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD')"
      : "date(c.resolved_at, '+8 hours')",
  );
  const d = (
    await sql<{ resolved: number; days: number }>`
      WITH RECURSIVE days(day) AS (SELECT ${day(`'${from}'`, -1)} UNION ALL SELECT ${day('day', 1)} FROM days
                                   WHERE day < ${day(`'${to}'`, 120)}),
       working AS (SELECT d.day FROM days d LEFT JOIN working_calendar w ON w.date = d.day
                   WHERE CASE w.kind WHEN 'holiday' THEN 1 = 0 WHEN 'workday' THEN 1 = 1 ELSE ${weekday} END),
       taken AS (SELECT c.id, (SELECT COUNT(*) FROM working k
                               WHERE k.day > c.received_date AND k.day <= ${resolvedDay}) AS n
                 FROM complaints c
                 WHERE c.received_date BETWEEN ${from} AND ${to} AND c.valid = 1 AND c.resolved_at IS NOT NULL)
       SELECT COUNT(*) AS resolved, COALESCE(SUM(n), 0) AS days FROM taken`.execute(db)
  ).rows[0]!;
  return {
    value: d.resolved === 0 ? null : Math.round((d.days * 100) / d.resolved) / 100,
    num: d.days,
    den: d.resolved,
  };
}
