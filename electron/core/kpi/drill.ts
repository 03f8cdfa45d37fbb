// Every figure of the tracker drills down to the records it comes from (issue
// 14 item 3): the count lines, the orders, the adjustment lines, the return
// notes, the receipts, the dispatch reports. The records that count against a
// KPI come first (a line out of tolerance, an order not delivered on time), so
// the first `drillRowLimit` rows are the ones a supervisor looks for.
import { sql } from 'kysely';
import {
  drillRowLimit,
  type KpiDrill,
  type KpiDrillCell,
  type KpiDrillKind,
  type KpiId,
} from '../../../shared/contract';
import { receiptPostingLimitMinutes } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { loadSession } from '../counts/common';
import { computeLines } from '../counts/variance';
import type { ServiceContext } from '../context';
import type { Db } from '../db/schema';
import { today as todayOf } from '../orders/dates';
import { countSessionsIn, kpiDefinitions, resolvedComplaints, type KpiRange } from './definitions';
import { weeklyReport } from '../reports/weekly';
import { instants } from './periods';

type Rows = Record<string, KpiDrillCell>[];
type Records = { columns: [string, KpiDrillKind][]; rows: Rows };

async function countLines(db: Db, r: KpiRange): Promise<Records> {
  const rows: Rows = [];
  for (const s of await countSessionsIn(db, r)) {
    for (const l of await computeLines(db, await loadSession(db, s.id))) {
      if (l.countedQty === null) continue;
      rows.push({
        session: s.number,
        product: `${l.product.code} ${l.product.nameZh}`,
        location: l.locationCode,
        status: l.status,
        book: l.bookQty,
        counted: l.countedQty,
        variance: l.varianceQty,
        withinTolerance: l.lineStatus === 'matched' || l.lineStatus === 'withinTolerance',
      });
    }
  }
  rows.sort((a, b) => Number(a.withinTolerance) - Number(b.withinTolerance));
  return {
    columns: [
      ['withinTolerance', 'flag'],
      ['session', 'text'],
      ['product', 'text'],
      ['location', 'text'],
      ['status', 'text'],
      ['book', 'qty'],
      ['counted', 'qty'],
      ['variance', 'qty'],
    ],
    rows,
  };
}

/** The service level's orders: due in the range (serviceLevel.ts's rule), not on time first. */
async function dueOrders(db: Db, r: KpiRange): Promise<Records> {
  const rows = await sql<Record<string, KpiDrillCell>>`
    SELECT CASE WHEN oc.outcome = 'signed' AND oc.delivered_date <= coalesce(o.promised_date, o.delivery_date)
             THEN 1 ELSE 0 END AS "onTime",
           o.number AS "order", c.name AS customer, coalesce(o.promised_date, o.delivery_date) AS due,
           o.state AS state, oc.outcome AS outcome, oc.delivered_date AS delivered, o.amount_fen AS amount
    FROM orders o
    LEFT JOIN order_outcomes oc ON oc.order_id = o.id
    LEFT JOIN customers c ON c.id = o.customer_id
    WHERE o.state <> 'cancelled' AND coalesce(o.promised_date, o.delivery_date) BETWEEN ${r.from} AND ${r.to}
    ORDER BY "onTime", due, o.number`.execute(db);
  return {
    columns: [
      ['onTime', 'flag'],
      ['order', 'text'],
      ['customer', 'text'],
      ['due', 'date'],
      ['state', 'text'],
      ['outcome', 'text'],
      ['delivered', 'date'],
      ['amount', 'money'],
    ],
    rows: rows.rows.map((x) => ({ ...x, onTime: x.onTime === 1 })),
  };
}

/**
 * The adjustment lines of the range: the products the period figures show
 * adjusted on those days, then their movements through the ledger's product
 * index — never a scan of the whole ledger.
 */
async function adjustmentMoves(db: Db, r: KpiRange): Promise<Records> {
  const { start, end } = instants(r.from, r.to, r.timeZone);
  const rows = await sql<Record<string, KpiDrillCell>>`
    SELECT d.number AS document, m.type AS type, p.code || ' ' || p.name_zh AS product, m.status AS status,
           l.code AS location, m.qty AS qty, m.qty * m.unit_cost_fen AS amount, m.at AS at, u.display_name AS user
    FROM movements m
    JOIN documents d ON d.id = m.document_id
    JOIN products p ON p.id = m.product_id
    JOIN locations l ON l.id = m.location_id
    JOIN users u ON u.id = m.user_id
    WHERE m.product_id IN (SELECT DISTINCT product_id FROM period_figures
                           WHERE day BETWEEN ${r.from} AND ${r.to} AND type IN ('countAdjustment', 'manualAdjustment'))
      AND m.type IN ('countAdjustment', 'manualAdjustment') AND m.at >= ${start} AND m.at < ${end}
    ORDER BY m.id`.execute(db);
  return {
    columns: [
      ['document', 'text'],
      ['type', 'text'],
      ['product', 'text'],
      ['status', 'text'],
      ['location', 'text'],
      ['qty', 'qty'],
      ['amount', 'money'],
      ['at', 'instant'],
      ['user', 'text'],
    ],
    rows: rows.rows,
  };
}

/** Days of inventory per product × status: the weekly stock report's own rows for the range, most days first. */
async function stockRows(ctx: ServiceContext, r: KpiRange): Promise<Records> {
  const report = await weeklyReport(ctx, { from: r.from, to: r.to });
  const rows = report.rows
    .filter((x) => x.figures.closing.qty !== 0 || x.issued28.qty !== 0)
    .map((x) => ({
      product: `${x.productCode} ${x.productName}`,
      status: x.status,
      closingQty: x.figures.closing.qty,
      closingAmount: x.figures.closing.amountFen,
      issued28: x.issued28.amountFen,
      days: x.daysOfInventory,
    }))
    .sort((a, b) => (b.days ?? Infinity) - (a.days ?? Infinity));
  return {
    columns: [
      ['product', 'text'],
      ['status', 'text'],
      ['closingQty', 'qty'],
      ['closingAmount', 'money'],
      ['issued28', 'money'],
      ['days', 'number'],
    ],
    rows,
  };
}

async function receivedOrders(db: Db, r: KpiRange): Promise<Records> {
  const rows = await sql<Record<string, KpiDrillCell>>`
    SELECT o.first_time_qualified AS qualified, o.number AS "order", o.customer_code || ' ' || coalesce(c.name, '') AS customer,
           o.order_date AS "orderDate", o.channel AS channel, o.state AS state, o.issues AS issues
    FROM orders o LEFT JOIN customers c ON c.id = o.customer_id
    WHERE o.order_date BETWEEN ${r.from} AND ${r.to}
    ORDER BY o.first_time_qualified, o.order_date, o.number`.execute(db);
  return {
    columns: [
      ['qualified', 'flag'],
      ['order', 'text'],
      ['customer', 'text'],
      ['orderDate', 'date'],
      ['channel', 'text'],
      ['state', 'text'],
      ['issues', 'text'],
    ],
    rows: rows.rows.map((x) => ({ ...x, qualified: x.qualified === 1 })),
  };
}

async function notes(db: Db, r: KpiRange, kind: 'report' | 'refusal'): Promise<Records> {
  const rows = await sql<Record<string, KpiDrillCell>>`
    SELECT n.number AS note, r.number AS "return", c.name AS customer, coalesce(u.display_name, '') AS salesperson,
           n.issued_date AS issued, n.units_good AS good, n.units_damaged AS damaged, n.credit_fen AS credit
    FROM return_notes n
    JOIN returns r ON r.id = n.return_id
    JOIN customers c ON c.id = r.customer_id
    LEFT JOIN users u ON u.id = r.salesperson_id
    WHERE n.issued_date BETWEEN ${r.from} AND ${r.to} AND r.kind = ${kind}
    ORDER BY n.issued_date, n.number`.execute(db);
  return {
    columns: [
      ['note', 'text'],
      ['return', 'text'],
      ['customer', 'text'],
      ['salesperson', 'text'],
      ['issued', 'date'],
      ['good', 'qty'],
      ['damaged', 'qty'],
      ['credit', 'money'],
    ],
    rows: rows.rows,
  };
}

async function receipts(db: Db, r: KpiRange): Promise<Records> {
  const { start, end } = instants(r.from, r.to, r.timeZone);
  const rows = await sql<Record<string, KpiDrillCell>>`
    SELECT d.number AS document, x.delivery_note AS "deliveryNote", x.supplier AS supplier, x.arrived_at AS arrived,
           x.posted_at AS posted, x.delay_minutes AS delay,
           CASE WHEN x.delay_minutes > ${receiptPostingLimitMinutes} THEN 1 ELSE 0 END AS late
    FROM receipts x JOIN documents d ON d.id = x.document_id
    WHERE x.posted_at >= ${start} AND x.posted_at < ${end}
    ORDER BY late DESC, x.posted_at`.execute(db);
  return {
    columns: [
      ['late', 'flag'],
      ['document', 'text'],
      ['deliveryNote', 'text'],
      ['supplier', 'text'],
      ['arrived', 'instant'],
      ['posted', 'instant'],
      ['delay', 'minutes'],
    ],
    rows: rows.rows.map((x) => ({ ...x, late: x.late === 1 })),
  };
}

async function dispatchReports(db: Db, r: KpiRange): Promise<Records> {
  const rows = await sql<Record<string, KpiDrillCell>>`
    SELECT d.late AS late, d.dispatch_date AS "dispatchDate", d.state AS state, d.cutoff_at AS cutoff,
           d.submitted_at AS submitted, coalesce(u.display_name, '') AS "submittedBy"
    FROM dispatch_reports d LEFT JOIN users u ON u.id = d.submitted_by
    WHERE d.dispatch_date BETWEEN ${r.from} AND ${r.to} AND d.submitted_at IS NOT NULL
    ORDER BY d.late DESC, d.dispatch_date`.execute(db);
  return {
    columns: [
      ['late', 'flag'],
      ['dispatchDate', 'date'],
      ['state', 'text'],
      ['cutoff', 'instant'],
      ['submitted', 'instant'],
      ['submittedBy', 'text'],
    ],
    rows: rows.rows.map((x) => ({ ...x, late: x.late === 1 })),
  };
}

type ComplaintKpi = 'complaintsReceived' | 'complaintsValid' | 'complaintsResolvedOnTime' | 'complaintResolutionDays';

/**
 * The complaints behind a complaint KPI, each with its id (the drill links to
 * it): all received in the range; for the valid count the valid first; for
 * on time the valid ones, missed first; for the resolution time the valid
 * resolved ones, longest first.
 */
async function complaints(db: Db, r: KpiRange, kpi: ComplaintKpi): Promise<Records> {
  const validOnly = kpi === 'complaintsResolvedOnTime' || kpi === 'complaintResolutionDays';
  const rows = await sql<Record<string, KpiDrillCell>>`
    SELECT c.id AS "complaintId", c.number AS complaint, coalesce(cu.name, c.caller_name) AS customer,
           coalesce(cat.name_zh, c.category) AS category, c.received_at AS received, c.valid AS valid, c.resolve_due_at AS "resolveDue",
           c.resolved_at AS resolved,
           CASE WHEN c.valid = 1 AND c.resolved_at <= c.resolve_due_at THEN 1 ELSE 0 END AS "resolvedOnTime"
    FROM complaints c LEFT JOIN customers cu ON cu.id = c.customer_id
    LEFT JOIN complaint_categories cat ON cat.code = c.category
    WHERE c.received_date BETWEEN ${r.from} AND ${r.to}
      ${validOnly ? sql`AND c.valid = 1` : sql``}
      ${kpi === 'complaintResolutionDays' ? sql`AND c.resolved_at IS NOT NULL` : sql``}
    ORDER BY c.received_at, c.id`.execute(db);
  const days = new Map((await resolvedComplaints(db, r)).map((c) => [c.id, c.workingDays]));
  const out = rows.rows.map((x) => ({
    ...x,
    valid: x.valid === null ? null : x.valid === 1,
    resolvedOnTime: x.resolvedOnTime === 1,
    workingDays: days.get(Number(x.complaintId)) ?? null,
  }));
  if (kpi === 'complaintsValid') out.sort((a, b) => Number(b.valid === true) - Number(a.valid === true));
  if (kpi === 'complaintsResolvedOnTime') out.sort((a, b) => Number(a.resolvedOnTime) - Number(b.resolvedOnTime));
  if (kpi === 'complaintResolutionDays') out.sort((a, b) => (b.workingDays ?? 0) - (a.workingDays ?? 0));
  return {
    columns: [
      ['resolvedOnTime', 'flag'],
      ['complaint', 'text'],
      ['customer', 'text'],
      ['category', 'text'],
      ['received', 'instant'],
      ['valid', 'flag'],
      ['resolveDue', 'instant'],
      ['resolved', 'instant'],
      ['workingDays', 'number'],
    ],
    rows: out,
  };
}

/** The answer sheets behind the satisfaction index, lowest first: who to call back. */
async function surveySheets(db: Db, r: KpiRange): Promise<Records> {
  const rows = await sql<Record<string, KpiDrillCell>>`
    SELECT s.response_date AS answered, c.name AS customer, c.area AS area, v.name AS survey, s.source AS source,
           ROUND(100.0 * AVG((a.score - 1) * 1.0 / (q.scale_max - 1)), 1) AS satisfaction
    FROM survey_responses s
    JOIN customers c ON c.id = s.customer_id
    JOIN surveys v ON v.id = s.survey_id
    JOIN survey_answers a ON a.response_id = s.id AND a.score IS NOT NULL
    JOIN survey_questions q ON q.id = a.question_id
    WHERE s.response_date BETWEEN ${r.from} AND ${r.to}
    GROUP BY s.id, s.response_date, c.name, c.area, v.name, s.source
    ORDER BY satisfaction, s.response_date, s.id`.execute(db);
  return {
    columns: [
      ['satisfaction', 'number'],
      ['answered', 'text'],
      ['customer', 'text'],
      ['area', 'text'],
      ['survey', 'text'],
      ['source', 'text'],
    ],
    rows: rows.rows,
  };
}

const records: Record<KpiId, (ctx: ServiceContext, r: KpiRange) => Promise<Records>> = {
  inventoryAccuracy: (ctx, r) => countLines(ctx.db, r),
  serviceLevel: (ctx, r) => dueOrders(ctx.db, r),
  daysOfInventory: stockRows,
  manualAdjustmentRate: (ctx, r) => adjustmentMoves(ctx.db, r),
  qualifiedOrderRate: (ctx, r) => receivedOrders(ctx.db, r),
  returns: (ctx, r) => notes(ctx.db, r, 'report'),
  refusals: (ctx, r) => notes(ctx.db, r, 'refusal'),
  lateReceipts: (ctx, r) => receipts(ctx.db, r),
  lateDispatchReports: (ctx, r) => dispatchReports(ctx.db, r),
  complaintsReceived: (ctx, r) => complaints(ctx.db, r, 'complaintsReceived'),
  complaintsValid: (ctx, r) => complaints(ctx.db, r, 'complaintsValid'),
  complaintsResolvedOnTime: (ctx, r) => complaints(ctx.db, r, 'complaintsResolvedOnTime'),
  complaintResolutionDays: (ctx, r) => complaints(ctx.db, r, 'complaintResolutionDays'),
  customerSatisfaction: (ctx, r) => surveySheets(ctx.db, r),
};

export async function kpiDrill(
  ctx: ServiceContext,
  input: { kpi: KpiId; from: string; to: string },
): Promise<KpiDrill> {
  const today = todayOf(ctx.now, ctx.timeZone);
  if (input.from > input.to || input.from > today)
    throw new AppError('kpi.badRange', { from: input.from, to: input.to });
  const r: KpiRange = { from: input.from, to: input.to > today ? today : input.to, timeZone: ctx.timeZone };
  const figure = await kpiDefinitions[input.kpi](ctx.db, r);
  const all = await records[input.kpi](ctx, r);
  return {
    kpi: input.kpi,
    from: r.from,
    to: r.to,
    figure,
    columns: all.columns.map(([key, kind]) => ({ key, kind })),
    rows: all.rows.slice(0, drillRowLimit),
    total: all.rows.length,
    truncated: all.rows.length > drillRowLimit,
  };
}
