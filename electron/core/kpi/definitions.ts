// R14 KPIs 衡量指标, written once (issue 14 item 3). One function per KPI, for
// any range of business dates [from, to] in the warehouse's time zone; the
// tracker, the dashboard and the drill-down all read these. Each cites the
// line of ../shared/DOMAIN.md it implements; where a definition already lives
// in the core (the service level, the qualified order rate, a count's
// accuracy) it is called, never counted a second way.
import { sql } from 'kysely';
import { daysOfInventoryWindowDays, issueMovementTypes, type KpiFigure, type KpiId } from '../../../shared/contract';
import type { CountAccuracy } from '../../../shared/contract/counts';
import { receiptPostingLimitMinutes } from '../../../shared/domain';
import { accuracyOf, addAccuracy } from '../counts/accuracy';
import { loadSession } from '../counts/common';
import { computeLines } from '../counts/variance';
import { loadOverrides } from '../complaints/calendar';
import { workingDaysTaken } from '../complaints/deadlines';
import { complaintTotals } from '../complaints/stats';
import type { Db } from '../db/schema';
import { serviceLevel } from '../dispatch/delivery/serviceLevel';
import { addDays } from '../orders/dates';
import { qualifiedRate } from '../orders/rate';
import { daysOfInventory } from '../reports/daysOfInventory';
import { movementsBetween, openingAt } from '../reports/figures';
import { instants } from './periods';

export type KpiRange = {
  from: string;
  to: string;
  timeZone: string;
  /**
   * A count session's accuracy, remembered for one request: the tracker and
   * the dashboard ask for the same session in a week and in the month.
   */
  sessionAccuracy?: Map<number, CountAccuracy>;
};

const pct = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n * 10_000) / d) / 100);
const rate = (num: number, den: number): KpiFigure => ({ value: pct(num, den), num, den });

/** Count sessions whose counting finished in the range: the ones measured (states past counting). */
export const measuredCountStates = ['reconciling', 'confirmed', 'closed'] as const;

export async function countSessionsIn(db: Db, r: KpiRange): Promise<{ id: number; number: string }[]> {
  const { start, end } = instants(r.from, r.to, r.timeZone);
  return db
    .selectFrom('count_sessions')
    .select(['id', 'number'])
    .where('state', 'in', [...measuredCountStates])
    .where('counting_finished_at', '>=', start)
    .where('counting_finished_at', '<', end)
    .orderBy('counting_finished_at')
    .execute();
}

/**
 * DOMAIN R14 "inventory record accuracy 库存记录准确度: counted lines whose count
 * equals book (within tolerance) ÷ counted lines, %" — counts/accuracy.ts's
 * accuracyOf over the lines of the sessions whose counting finished in the range.
 */
export async function inventoryAccuracy(db: Db, r: KpiRange): Promise<KpiFigure> {
  let a = accuracyOf([]);
  for (const s of await countSessionsIn(db, r)) {
    let one = r.sessionAccuracy?.get(s.id);
    if (!one) {
      one = accuracyOf(await computeLines(db, await loadSession(db, s.id)));
      r.sessionAccuracy?.set(s.id, one);
    }
    a = addAccuracy(a, one);
  }
  return { value: a.accuracyPct, num: a.linesWithinTolerance, den: a.linesCounted };
}

/**
 * DOMAIN R14 "customer service level 客户服务水平: orders delivered complete by the
 * promised date ÷ orders due, %" — dispatch/delivery/serviceLevel.ts, the one definition.
 */
export async function customerServiceLevel(db: Db, r: KpiRange): Promise<KpiFigure> {
  const s = await serviceLevel(db, r.from, r.to);
  return rate(s.onTime, s.due);
}

/** Movement types counted as adjustments by the manual adjustment rate. */
export const adjustmentMovementTypes = ['countAdjustment', 'manualAdjustment'] as const;

/**
 * DOMAIN R14 "manual adjustment rate 手工调整率: manual and count adjustment lines ÷
 * all posted movement lines, %" — from the period figures' line counts of the
 * range's business days (migration 020), never the ledger. A reversal's lines
 * count under the type it reverses, as the figures keep them.
 */
export async function manualAdjustmentRate(db: Db, r: KpiRange): Promise<KpiFigure> {
  const row = await sql<{ adj: number | null; n: number | null }>`
    SELECT SUM(CASE WHEN type IN ('countAdjustment', 'manualAdjustment') THEN lines ELSE 0 END) AS adj,
           SUM(lines) AS n
    FROM period_figures WHERE day BETWEEN ${r.from} AND ${r.to}`.execute(db);
  const x = row.rows[0];
  return rate(Number(x?.adj ?? 0), Number(x?.n ?? 0));
}

/**
 * DOMAIN R14 "days of inventory 库存天数: closing stock value ÷ average daily issue
 * value over the last 28 days" — reports/daysOfInventory.ts, the weekly stock
 * report's one definition, over the same figures its totals add: the closing
 * value at the end of the range (every product, status and location) and the
 * value issued in the 28 days to its last day. num: closing value, den: value issued.
 */
export async function stockDays(db: Db, r: KpiRange): Promise<KpiFigure> {
  const closing = await openingAt(db, addDays(r.to, 1), null);
  const issues = await movementsBetween(
    db,
    addDays(r.to, 1 - daysOfInventoryWindowDays),
    r.to,
    null,
    issueMovementTypes,
  );
  let closingFen = 0;
  for (const f of closing.values()) closingFen += f.amountFen;
  const issuedFen = -issues.reduce((n, i) => n + i.amountFen, 0);
  return { value: daysOfInventory(closingFen, issuedFen), num: closingFen, den: issuedFen };
}

/**
 * DOMAIN R1 "Qualified order rate 合格订单率 = qualified / received" — orders/rate.ts
 * (qualified the first time they were checked, by order day).
 */
export async function qualifiedOrderRate(db: Db, r: KpiRange): Promise<KpiFigure> {
  const q = await qualifiedRate(db, r.from, r.to);
  const received = q.days.reduce((n, d) => n + d.received, 0);
  const ftq = q.days.reduce((n, d) => n + d.firstTimeQualified, 0);
  return rate(ftq, received);
}

/**
 * DOMAIN R14 "returns and refusals 退货及拒收: counts, quantities and amounts" (R3,
 * R6, R12): the return notes issued in the range, returns (kind 'report') and
 * refusals at delivery (kind 'refusal') apart, as the monthly return analysis
 * counts them: quantity good + damaged, amount the credit to the customer.
 */
export async function returnNotes(db: Db, r: KpiRange, kind: 'report' | 'refusal'): Promise<KpiFigure> {
  const row = await sql<{ n: number; qty: number | null; amount: number | null }>`
    SELECT COUNT(*) AS n, SUM(n.units_good + n.units_damaged) AS qty, SUM(n.credit_fen) AS amount
    FROM return_notes n JOIN returns r ON r.id = n.return_id
    WHERE n.issued_date BETWEEN ${r.from} AND ${r.to} AND r.kind = ${kind}`.execute(db);
  const x = row.rows[0];
  const n = Number(x?.n ?? 0);
  return { value: n, num: n, den: null, qty: Number(x?.qty ?? 0), amountFen: Number(x?.amount ?? 0) };
}

/**
 * DOMAIN R7 "The system is updated within 2 hours of receipt … late postings are
 * flagged": receipts posted in the range more than `receiptPostingLimitMinutes`
 * after the goods arrived (the receipts grid's own flag). den: receipts posted.
 */
export async function lateReceipts(db: Db, r: KpiRange): Promise<KpiFigure> {
  const { start, end } = instants(r.from, r.to, r.timeZone);
  const row = await sql<{ late: number | null; n: number }>`
    SELECT SUM(CASE WHEN delay_minutes > ${receiptPostingLimitMinutes} THEN 1 ELSE 0 END) AS late, COUNT(*) AS n
    FROM receipts WHERE posted_at >= ${start} AND posted_at < ${end}`.execute(db);
  const late = Number(row.rows[0]?.late ?? 0);
  return { value: late, num: late, den: Number(row.rows[0]?.n ?? 0) };
}

/**
 * DOMAIN R9 "Daily dispatch report 每日发货报告: filled by the warehouse keeper before
 * 16:30": reports of dispatch dates in the range submitted at or after their
 * cut-off (`late`, fixed when submitted: dispatch/delivery/report.ts). den: reports submitted.
 */
export async function lateDispatchReports(db: Db, r: KpiRange): Promise<KpiFigure> {
  const row = await sql<{ late: number | null; n: number }>`
    SELECT SUM(CASE WHEN late = 1 THEN 1 ELSE 0 END) AS late, COUNT(*) AS n
    FROM dispatch_reports
    WHERE dispatch_date BETWEEN ${r.from} AND ${r.to} AND submitted_at IS NOT NULL`.execute(db);
  const late = Number(row.rows[0]?.late ?? 0);
  return { value: late, num: late, den: Number(row.rows[0]?.n ?? 0) };
}

/**
 * Issue 16 §2 "complaints received, valid, resolved on time, average resolution
 * time" (DOMAIN: complaints 投诉, the register's deadlines): the complaints
 * received on the range's business days, as the classification statistics
 * count them (complaints/stats.ts complaintTotals). Received: value and num the
 * count. Valid: num valid, den received. Resolved on time: valid ones resolved
 * by their stored 3-working-day deadline ÷ valid ones, %.
 */
export async function complaintsReceived(db: Db, r: KpiRange): Promise<KpiFigure> {
  const t = await complaintTotals(db, r.from, r.to);
  return { value: t.received, num: t.received, den: null };
}

export async function complaintsValid(db: Db, r: KpiRange): Promise<KpiFigure> {
  const t = await complaintTotals(db, r.from, r.to);
  return { value: t.valid, num: t.valid, den: t.received };
}

export async function complaintsResolvedOnTime(db: Db, r: KpiRange): Promise<KpiFigure> {
  const t = await complaintTotals(db, r.from, r.to);
  return rate(t.resolvedOnTime, t.valid);
}

/** The valid complaints received in the range and resolved, with the working days each took. */
export async function resolvedComplaints(
  db: Db,
  r: KpiRange,
): Promise<{ id: number; receivedAt: string; resolvedAt: string; resolveDueAt: string; workingDays: number }[]> {
  const rows = await db
    .selectFrom('complaints')
    .select(['id', 'received_at', 'resolved_at', 'resolve_due_at'])
    .where('received_date', '>=', r.from)
    .where('received_date', '<=', r.to)
    .where('valid', '=', 1)
    .where('resolved_at', 'is not', null)
    .orderBy('id')
    .execute();
  if (rows.length === 0) return [];
  const overrides = await loadOverrides(db);
  return rows.map((c) => ({
    id: c.id,
    receivedAt: c.received_at,
    resolvedAt: c.resolved_at!,
    resolveDueAt: c.resolve_due_at,
    workingDays: workingDaysTaken(new Date(c.received_at), new Date(c.resolved_at!), r.timeZone, overrides),
  }));
}

/**
 * Average resolution time, in working days (the unit of the complaint's
 * resolution deadline, complaints/deadlines.ts): over the valid complaints
 * received in the range and resolved, the working days after the day received
 * up to the day resolved (workingDaysTaken), averaged to two decimals.
 * num: the working days in all, den: the complaints resolved.
 */
export async function complaintResolutionDays(db: Db, r: KpiRange): Promise<KpiFigure> {
  const rows = await resolvedComplaints(db, r);
  const days = rows.reduce((n, c) => n + c.workingDays, 0);
  return {
    value: rows.length === 0 ? null : Math.round((days * 100) / rows.length) / 100,
    num: days,
    den: rows.length,
  };
}

/**
 * Issue 17 §5 "satisfaction surveys … feeds the monthly review": the
 * satisfaction index of the survey answers given on the range's business days
 * (every survey, on calls and on paper): the mean of each score placed on its
 * scale, 1 = 0 % to the top = 100 % (surveys/scores.ts), as a %. num: the
 * answer sheets; den: none (the index is a mean, not a share).
 */
export async function customerSatisfaction(db: Db, r: KpiRange): Promise<KpiFigure> {
  const row = await sql<{ sum: number | null; answers: number; sheets: number }>`
    SELECT SUM((a.score - 1) * 1.0 / (q.scale_max - 1)) AS sum, COUNT(a.score) AS answers,
           COUNT(DISTINCT s.id) AS sheets
    FROM survey_responses s
    JOIN survey_answers a ON a.response_id = s.id AND a.score IS NOT NULL
    JOIN survey_questions q ON q.id = a.question_id
    WHERE s.response_date BETWEEN ${r.from} AND ${r.to}`.execute(db);
  const x = row.rows[0];
  const answers = Number(x?.answers ?? 0);
  return {
    value: answers === 0 ? null : Math.round((Number(x!.sum) * 10_000) / answers) / 100,
    num: Number(x?.sheets ?? 0),
    den: null,
  };
}

/** The figure of `kpi` over a range. */
export const kpiDefinitions: Record<KpiId, (db: Db, r: KpiRange) => Promise<KpiFigure>> = {
  inventoryAccuracy,
  serviceLevel: customerServiceLevel,
  daysOfInventory: stockDays,
  manualAdjustmentRate,
  qualifiedOrderRate,
  returns: (db, r) => returnNotes(db, r, 'report'),
  refusals: (db, r) => returnNotes(db, r, 'refusal'),
  lateReceipts,
  lateDispatchReports,
  complaintsReceived,
  complaintsValid,
  complaintsResolvedOnTime,
  complaintResolutionDays,
  customerSatisfaction,
};
