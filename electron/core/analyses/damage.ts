// The monthly damage analysis 残损分析报告 (issue 13, R11): what entered damaged
// stock in the month, per product and per cause, what was suggested and what
// was done, the disposals of the month, the trend, and the reconciliation with
// the ledger. At cost: amount_fen of the report (qty × unit cost at the report).
//
// Decisions on the model (migrations 15, 19):
// - A report belongs to the month of its entered_date (the business day its
//   goods entered damaged stock: the approval's transfer, or the origin
//   document for goods that arrived damaged). Reported but not approved, or
//   rejected, reports have no entered_date and are not in any month.
// - "What was done" per product: approved disposal lines naming the month's
//   reports, whenever approved (so far) — a report of March disposed of in
//   April shows as done when March is read in May.
// - The disposals of the month (per kind) are those approved in it
//   (decided_date), whatever month their reports were in.
// - Reconciliation: the month's reports against the +damaged movements of
//   their documents (transfer or origin), and the month's disposal lines
//   against the −damaged movements of the disposal documents. The ledger side
//   values movements at their own unit cost, so a cost changed between a report
//   and its approval shows as a difference in amount.
// - The warehouse filter (warehouse.ts): reports, disposal lines and
//   movements in the bins of the chosen warehouse.
// Every query reads by the month's date range on an index (entered_date,
// decided_date), never the whole ledger: movements are reached through their
// documents (movements_document).
import { sql } from 'kysely';
import type {
  DamageAnalysis,
  DamageCauseRow,
  DamageProductRow,
  DisposalKind,
  DisposalKindRow,
  Reconciliation,
  TrendPoint,
} from '../../../shared/contract';
import type { Db } from '../db/schema';
import { readHeader } from './header';
import { monthRange, trendMonths } from './month';
import { warehouseScope, type WarehouseScope } from './warehouse';

type Agg = {
  product_id: number;
  code: string;
  name_zh: string;
  case_pack: number;
  cause: string;
  suggestion: DisposalKind;
  n: number;
  qty: number;
  amount: number;
};

export async function damageFigures(
  db: Db,
  month: string,
  scope: WarehouseScope,
): Promise<Omit<DamageAnalysis, keyof Awaited<ReturnType<typeof readHeader>> | 'timeZone' | 'warehouse'>> {
  const inWarehouse = scope.holds;
  const { from, to } = monthRange(month);
  const months = trendMonths(month);
  const trendFrom = monthRange(months[0]!).from;

  const agg = (
    await sql<Agg>`
      SELECT a.product_id, p.code, p.name_zh, p.case_pack, a.cause, a.suggestion, a.n, a.qty, a.amount
      FROM (
        SELECT product_id, cause, suggestion, COUNT(*) AS n, SUM(qty) AS qty, SUM(amount_fen) AS amount
        FROM damage_reports
        WHERE entered_date BETWEEN ${from} AND ${to} AND ${inWarehouse('location_id')}
        GROUP BY product_id, cause, suggestion
      ) a JOIN products p ON p.id = a.product_id`.execute(db)
  ).rows;
  const done = (
    await sql<{ product_id: number; kind: DisposalKind; qty: number }>`
      SELECT r.product_id, d.kind, SUM(l.qty) AS qty
      FROM damage_reports r
      JOIN disposal_lines l ON l.damage_report_id = r.id
      JOIN disposals d ON d.id = l.disposal_id
      WHERE r.entered_date BETWEEN ${from} AND ${to} AND d.state = 'approved' AND ${inWarehouse('r.location_id')}
      GROUP BY r.product_id, d.kind`.execute(db)
  ).rows;
  const causeNames = await db.selectFrom('damage_causes').select(['code', 'name_zh', 'name_en']).execute();
  const disposalRows = (
    await sql<{ kind: DisposalKind; disposals: number; qty: number; amount: number }>`
      SELECT d.kind, COUNT(DISTINCT d.id) AS disposals, SUM(l.qty) AS qty, SUM(l.amount_fen) AS amount
      FROM disposals d JOIN disposal_lines l ON l.disposal_id = d.id
      WHERE d.decided_date BETWEEN ${from} AND ${to} AND d.state = 'approved' AND ${inWarehouse('l.location_id')}
      GROUP BY d.kind ORDER BY d.kind`.execute(db)
  ).rows;
  const trendRows = (
    await sql<{ m: string; n: number; qty: number; amount: number }>`
      SELECT substr(entered_date, 1, 7) AS m, COUNT(*) AS n, SUM(qty) AS qty, SUM(amount_fen) AS amount
      FROM damage_reports
      WHERE entered_date BETWEEN ${trendFrom} AND ${to} AND ${inWarehouse('location_id')}
      GROUP BY m`.execute(db)
  ).rows;
  const [into] = (
    await sql<{ qty: number; amount: number }>`
      SELECT COALESCE(SUM(m.qty), 0) AS qty, COALESCE(SUM(m.qty * m.unit_cost_fen), 0) AS amount
      FROM movements m
      WHERE m.status = 'damaged' AND m.qty > 0 AND ${inWarehouse('m.location_id')} AND m.document_id IN (
        SELECT COALESCE(transfer_document_id, origin_document_id) FROM damage_reports
        WHERE entered_date BETWEEN ${from} AND ${to} AND ${inWarehouse('location_id')})`.execute(db)
  ).rows;
  const [out] = (
    await sql<{ qty: number; amount: number }>`
      SELECT COALESCE(-SUM(m.qty), 0) AS qty, COALESCE(-SUM(m.qty * m.unit_cost_fen), 0) AS amount
      FROM movements m
      WHERE m.status = 'damaged' AND m.qty < 0 AND ${inWarehouse('m.location_id')} AND m.document_id IN (
        SELECT document_id FROM disposals
        WHERE decided_date BETWEEN ${from} AND ${to} AND state = 'approved')`.execute(db)
  ).rows;

  // Per product.
  const products = new Map<number, DamageProductRow & { causeQty: Map<string, number> }>();
  const total = { reports: 0, qty: 0, amountFen: 0 };
  const byCause = new Map<string, { reports: number; qty: number; amountFen: number }>();
  for (const a of agg) {
    let p = products.get(a.product_id);
    if (!p) {
      p = {
        productId: a.product_id,
        productCode: a.code,
        productName: a.name_zh,
        casePack: a.case_pack,
        reports: 0,
        qty: 0,
        amountFen: 0,
        causes: [],
        suggested: {},
        disposed: {},
        openQty: 0,
        causeQty: new Map(),
      };
      products.set(a.product_id, p);
    }
    p.reports += a.n;
    p.qty += a.qty;
    p.amountFen += a.amount;
    p.causeQty.set(a.cause, (p.causeQty.get(a.cause) ?? 0) + a.qty);
    p.suggested[a.suggestion] = (p.suggested[a.suggestion] ?? 0) + a.qty;
    total.reports += a.n;
    total.qty += a.qty;
    total.amountFen += a.amount;
    const c = byCause.get(a.cause) ?? { reports: 0, qty: 0, amountFen: 0 };
    c.reports += a.n;
    c.qty += a.qty;
    c.amountFen += a.amount;
    byCause.set(a.cause, c);
  }
  for (const d of done) {
    const p = products.get(d.product_id);
    if (p) p.disposed[d.kind] = (p.disposed[d.kind] ?? 0) + d.qty;
  }
  const productRows: DamageProductRow[] = [...products.values()]
    .map(({ causeQty, ...p }) => {
      const disposedQty = Object.values(p.disposed).reduce((s, q) => s + q, 0);
      return {
        ...p,
        causes: [...causeQty.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c),
        openQty: Math.max(0, p.qty - disposedQty),
      };
    })
    .sort((a, b) => b.amountFen - a.amountFen || a.productCode.localeCompare(b.productCode));

  // Pareto of causes: largest amount first, cumulative share.
  const names = new Map(causeNames.map((c) => [c.code, c]));
  let cumulative = 0;
  const causes: DamageCauseRow[] = [...byCause.entries()]
    .sort((a, b) => b[1].amountFen - a[1].amountFen || b[1].qty - a[1].qty || a[0].localeCompare(b[0]))
    .map(([cause, c]) => {
      cumulative += c.amountFen;
      const pct = (v: number) => (total.amountFen > 0 ? Math.round((v / total.amountFen) * 1000) / 10 : 0);
      return {
        cause,
        nameZh: names.get(cause)?.name_zh ?? cause,
        nameEn: names.get(cause)?.name_en ?? cause,
        ...c,
        sharePct: pct(c.amountFen),
        cumulativePct: pct(cumulative),
      };
    });

  const trendBy = new Map(trendRows.map((t) => [t.m, t]));
  const trend: TrendPoint[] = months.map((m) => {
    const t = trendBy.get(m);
    return { month: m, count: t?.n ?? 0, qty: t?.qty ?? 0, amountFen: t?.amount ?? 0 };
  });
  const disposals: DisposalKindRow[] = disposalRows.map((d) => ({
    kind: d.kind,
    disposals: d.disposals,
    qty: d.qty,
    amountFen: d.amount,
  }));
  const disposedQty = disposals.reduce((s, d) => s + d.qty, 0);
  const disposedAmount = disposals.reduce((s, d) => s + d.amountFen, 0);
  const rec = (
    label: Reconciliation['label'],
    analysisQty: number,
    ledgerQty: number,
    analysisAmountFen: number,
    ledgerAmountFen: number,
  ): Reconciliation => ({
    label,
    analysisQty,
    ledgerQty,
    analysisAmountFen,
    ledgerAmountFen,
    reconciled: analysisQty === ledgerQty && analysisAmountFen === ledgerAmountFen,
  });
  return {
    total,
    products: productRows,
    causes,
    disposals,
    trend,
    reconciliation: [
      rec('intoDamaged', total.qty, into?.qty ?? 0, total.amountFen, into?.amount ?? 0),
      rec('disposedOut', disposedQty, out?.qty ?? 0, disposedAmount, out?.amount ?? 0),
    ],
  };
}

export async function damageAnalysis(
  db: Db,
  month: string,
  timeZone: string,
  warehouseId?: number,
): Promise<DamageAnalysis> {
  const scope = await warehouseScope(db, warehouseId);
  const [header, figures] = [await readHeader(db, 'damage', month), await damageFigures(db, month, scope)];
  return { ...header, timeZone, warehouse: scope.warehouse, ...figures };
}
