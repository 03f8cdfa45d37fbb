// The classification statistics 顾客投诉分类统计表 (issue 16 §3), one month of
// complaints by received business day: per category, responsible
// department, customer area and salesperson, with the trend of the six
// months up to it and the supervisor's improvement notes. Each breakdown is
// one GROUP BY over the month's rows (index complaints_received); on-time is
// decided by the stored deadlines, so the figures do not move when the
// calendar is edited later.
import { sql } from 'kysely';
import type { ComplaintStatLine, ComplaintStats } from '../../../shared/contract';
import { recordAudit } from '../audit/audit';
import { requireSession, type ServiceContext } from '../context';
import type { Db } from '../db/schema';
import { addMonths, monthRange } from '../analyses/month';

type Raw = {
  key: string;
  received: number;
  valid: number;
  invalid: number;
  resolved: number;
  resolvedOnTime: number;
  respondedOnTime: number;
};

const measures = sql`COUNT(*) AS received,
  COALESCE(SUM(CASE WHEN c.valid = 1 THEN 1 ELSE 0 END), 0) AS valid,
  COALESCE(SUM(CASE WHEN c.valid = 0 THEN 1 ELSE 0 END), 0) AS invalid,
  COALESCE(SUM(CASE WHEN c.valid = 1 AND c.resolved_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS resolved,
  COALESCE(SUM(CASE WHEN c.valid = 1 AND c.resolved_at <= c.resolve_due_at THEN 1 ELSE 0 END), 0) AS "resolvedOnTime",
  COALESCE(SUM(CASE WHEN c.judged_at <= c.response_due_at THEN 1 ELSE 0 END), 0) AS "respondedOnTime"`;

async function breakdown(db: Db, key: string, from: string, to: string): Promise<Raw[]> {
  const r = await sql<Raw>`SELECT ${sql.raw(key)} AS key, ${measures}
    FROM complaints c LEFT JOIN customers cu ON cu.id = c.customer_id
    WHERE c.received_date BETWEEN ${from} AND ${to}
    GROUP BY 1 ORDER BY received DESC, key`.execute(db);
  return r.rows;
}

/**
 * The complaints received on the business days [from, to], all in one line:
 * received, valid, resolved, resolved on time (by the stored deadline) … —
 * what the statistics' total shows and the KPI tracker reads (kpi/definitions.ts).
 */
export async function complaintTotals(db: Db, from: string, to: string): Promise<Raw> {
  const [total] = await breakdown(db, "''", from, to);
  const n = (v: unknown) => Number(v ?? 0);
  return {
    key: '',
    received: n(total?.received),
    valid: n(total?.valid),
    invalid: n(total?.invalid),
    resolved: n(total?.resolved),
    resolvedOnTime: n(total?.resolvedOnTime),
    respondedOnTime: n(total?.respondedOnTime),
  };
}

const line = (r: Raw, label: string | null = null): ComplaintStatLine => ({ ...r, key: String(r.key), label });

export async function complaintStats(ctx: ServiceContext, month: string): Promise<ComplaintStats> {
  const { from, to } = monthRange(month);
  const [total] = await breakdown(ctx.db, "''", from, to);
  const byCategory = await breakdown(ctx.db, 'c.category', from, to);
  const byDepartment = await breakdown(ctx.db, "COALESCE(c.department, '')", from, to);
  const byArea = await breakdown(ctx.db, "COALESCE(cu.area, '')", from, to);
  const bySales = await breakdown(ctx.db, "COALESCE(CAST(cu.salesperson_id AS TEXT), '')", from, to);
  const names = new Map(
    (await ctx.db.selectFrom('users').select(['id', 'display_name']).execute()).map((u) => [
      String(u.id),
      u.display_name,
    ]),
  );
  const first = addMonths(month, -5);
  const trendRows = await sql<{
    month: string;
    received: number;
    valid: number;
    resolved: number;
    resolvedOnTime: number;
  }>`
    SELECT substr(c.received_date, 1, 7) AS month, ${measures}
    FROM complaints c
    WHERE c.received_date BETWEEN ${`${first}-01`} AND ${to}
    GROUP BY 1`.execute(ctx.db);
  const trend = [0, 1, 2, 3, 4, 5].map((n) => {
    const m = addMonths(first, n);
    const r = trendRows.rows.find((x) => x.month === m);
    return {
      month: m,
      received: r?.received ?? 0,
      valid: r?.valid ?? 0,
      resolved: r?.resolved ?? 0,
      resolvedOnTime: r?.resolvedOnTime ?? 0,
    };
  });
  const note = await ctx.db
    .selectFrom('complaint_stat_notes as n')
    .innerJoin('users as u', 'u.id', 'n.saved_by')
    .select(['n.note', 'u.display_name as by', 'n.saved_at as at'])
    .where('n.month', '=', month)
    .executeTakeFirst();
  const empty: Raw = { key: '', received: 0, valid: 0, invalid: 0, resolved: 0, resolvedOnTime: 0, respondedOnTime: 0 };
  return {
    month,
    from,
    to,
    total: line(total ?? empty),
    byCategory: byCategory.map((r) => line(r)),
    byDepartment: byDepartment.map((r) => line(r)),
    byArea: byArea.map((r) => line(r)),
    bySalesperson: bySales.map((r) => line(r, names.get(String(r.key)) ?? null)),
    trend,
    note: note?.note ?? '',
    noteBy: note?.by ?? null,
    noteAt: note?.at ?? null,
  };
}

/** complaints.saveStatsNote: the supervisor's 数据分析 and 改进对策 for the month. */
export async function saveStatsNote(ctx: ServiceContext, month: string, note: string): Promise<ComplaintStats> {
  const session = requireSession(ctx);
  const at = ctx.now.toISOString();
  const before = await ctx.db
    .selectFrom('complaint_stat_notes')
    .select('note')
    .where('month', '=', month)
    .executeTakeFirst();
  await ctx.db
    .insertInto('complaint_stat_notes')
    .values({ month, note, saved_by: session.userId, saved_at: at })
    .onConflict((oc) => oc.column('month').doUpdateSet({ note, saved_by: session.userId, saved_at: at }))
    .execute();
  await recordAudit(ctx, { entity: 'complaintStats', entityId: month, before: before ?? undefined, after: { note } });
  ctx.emit('complaints.changed', { complaintIds: [], clientId: ctx.caller.clientId });
  return complaintStats(ctx, month);
}
