// The monthly return analysis 退货分析报告 (issue 13, R12 R3): the return notes
// posted in the month, by salesperson, product and reason, returns (kind
// 'report') and refusals at delivery (kind 'refusal') apart; the split by
// reason; the trend; the next-step action plans; the reconciliation with the
// ledger. At credit: credit_fen of the note's lines (what finance credits).
//
// Decisions on the model (migrations 16, 19):
// - A return belongs to the month of its note's issued_date; returns not yet
//   posted are in no month. Quantity = qty_good + qty_damaged of each line.
// - Reason = the keeper's confirmed reason (check_reason), else the report's.
// - Salesperson = returns.salesperson_id; NULL shows as "none" (a refusal of a
//   customer without a salesperson) and has its own action plan key 'none'.
// - Reconciliation: the month's quantity against the positive movements of the
//   notes' documents (good and gift vs damaged), and the lines' credit against
//   the notes' credit (what finance posts).
// - The warehouse filter: the returns whose note's first movement went into a
//   bin of the chosen warehouse (warehouse.ts), whole.
// Read by return_notes_date, then returns and return_lines by primary key;
// movements through their documents — never the whole ledger.
import { listOf } from '../db/portable';
import { sql } from 'kysely';
import type {
  ActionPlan,
  PlanScope,
  Reconciliation,
  ReturnAnalysis,
  ReturnKind,
  ReturnKindTotal,
  ReturnReason,
  ReturnReasonRow,
  ReturnAnalysisRow,
  ReturnSalespersonRow,
  ReturnTrendPoint,
} from '../../../shared/contract';
import { returnKinds } from '../../../shared/contract/returns/words';
import type { Db } from '../db/schema';
import { readHeader } from './header';
import { monthRange, trendMonths } from './month';
import { warehouseScope } from './warehouse';

type Agg = {
  kind: ReturnKind;
  salesperson_id: number | null;
  product_id: number;
  reason: ReturnReason;
  lines: number;
  good: number;
  damaged: number;
  credit: number;
};

export async function returnAnalysis(
  db: Db,
  month: string,
  timeZone: string,
  warehouseId?: number,
): Promise<ReturnAnalysis> {
  const scope = await warehouseScope(db, warehouseId);
  // A return belongs to the warehouse its note's first movement went into (warehouse.ts).
  const noteIn = (note: string) =>
    scope.holds(
      sql`(SELECT location_id FROM movements WHERE document_id = ${sql.ref(`${note}.document_id`)} ORDER BY id LIMIT 1)`,
    );
  const { from, to } = monthRange(month);
  const months = trendMonths(month);
  const trendFrom = monthRange(months[0]!).from;
  const header = await readHeader(db, 'returns', month);

  const agg = (
    await sql<Agg>`
      SELECT r.kind, r.salesperson_id, l.product_id, COALESCE(l.check_reason, l.reason) AS reason,
        COUNT(*) AS lines, SUM(l.qty_good) AS good, SUM(l.qty_damaged) AS damaged,
        SUM(COALESCE(l.credit_fen, 0)) AS credit
      FROM return_notes n
      JOIN returns r ON r.id = n.return_id
      JOIN return_lines l ON l.return_id = n.return_id
      WHERE n.issued_date BETWEEN ${from} AND ${to} AND l.qty_good IS NOT NULL AND ${noteIn('n')}
      GROUP BY r.kind, r.salesperson_id, l.product_id, COALESCE(l.check_reason, l.reason)`.execute(db)
  ).rows;
  const counts = (
    await sql<{ kind: ReturnKind; salesperson_id: number | null; n: number }>`
      SELECT r.kind, r.salesperson_id, COUNT(*) AS n
      FROM return_notes n JOIN returns r ON r.id = n.return_id
      WHERE n.issued_date BETWEEN ${from} AND ${to} AND ${noteIn('n')}
      GROUP BY r.kind, r.salesperson_id`.execute(db)
  ).rows;
  const productIds = [...new Set(agg.map((a) => a.product_id))];
  const personIds = [...new Set(counts.map((c) => c.salesperson_id).filter((x): x is number => x !== null))];
  const products = new Map(
    (productIds.length
      ? (
          await sql<{ id: number; code: string; name_zh: string; case_pack: number }>`
            SELECT id, code, name_zh, case_pack FROM products
            WHERE id IN ${listOf(db, productIds)}`.execute(db)
        ).rows
      : []
    ).map((p) => [p.id, p]),
  );
  const people = new Map(
    (personIds.length
      ? await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', personIds).execute()
      : []
    ).map((u) => [u.id, u.display_name]),
  );
  const trendRows = (
    await sql<{ m: string; kind: ReturnKind; qty: number; credit: number }>`
      SELECT substr(n.issued_date, 1, 7) AS m, r.kind, SUM(l.qty_good + l.qty_damaged) AS qty,
        SUM(COALESCE(l.credit_fen, 0)) AS credit
      FROM return_notes n
      JOIN returns r ON r.id = n.return_id
      JOIN return_lines l ON l.return_id = n.return_id
      WHERE n.issued_date BETWEEN ${trendFrom} AND ${to} AND l.qty_good IS NOT NULL AND ${noteIn('n')}
      GROUP BY m, r.kind`.execute(db)
  ).rows;
  const [ledger] = (
    await sql<{ good: number; damaged: number }>`
      SELECT COALESCE(SUM(CASE WHEN m.status = 'damaged' THEN 0 ELSE m.qty END), 0) AS good,
        COALESCE(SUM(CASE WHEN m.status = 'damaged' THEN m.qty ELSE 0 END), 0) AS damaged
      FROM movements m
      WHERE m.qty > 0 AND m.document_id IN (SELECT n.document_id FROM return_notes n WHERE n.issued_date BETWEEN ${from} AND ${to} AND ${noteIn('n')})`.execute(
      db,
    )
  ).rows;
  const [noteCredit] = (
    await sql<{ credit: number }>`
      SELECT COALESCE(SUM(n.credit_fen), 0) AS credit FROM return_notes n WHERE n.issued_date BETWEEN ${from} AND ${to} AND ${noteIn('n')}`.execute(
      db,
    )
  ).rows;
  const planRows = await db
    .selectFrom('return_action_plans as p')
    .innerJoin('users as u', 'u.id', 'p.updated_by')
    .select(['p.scope', 'p.key', 'p.text', 'p.updated_at', 'u.display_name'])
    .where('p.month', '=', month)
    .orderBy('p.scope')
    .orderBy('p.key')
    .execute();

  const personName = (id: number | null) => (id === null ? '' : (people.get(id) ?? `#${id}`));
  const rows: ReturnAnalysisRow[] = agg
    .map((a) => {
      const p = products.get(a.product_id);
      return {
        kind: a.kind,
        salespersonId: a.salesperson_id,
        salespersonName: personName(a.salesperson_id),
        productId: a.product_id,
        productCode: p?.code ?? '',
        productName: p?.name_zh ?? '',
        casePack: p?.case_pack ?? 1,
        reason: a.reason,
        lines: a.lines,
        qty: a.good + a.damaged,
        qtyGood: a.good,
        qtyDamaged: a.damaged,
        creditFen: a.credit,
      };
    })
    .sort(
      (a, b) =>
        a.kind.localeCompare(b.kind) ||
        a.salespersonName.localeCompare(b.salespersonName) ||
        b.creditFen - a.creditFen ||
        a.productCode.localeCompare(b.productCode),
    );

  const kinds: ReturnKindTotal[] = returnKinds.map((kind) => ({
    kind,
    returns: 0,
    lines: 0,
    qty: 0,
    qtyGood: 0,
    qtyDamaged: 0,
    creditFen: 0,
  }));
  const kindOf = (k: ReturnKind) => kinds.find((x) => x.kind === k)!;
  const salespeople = new Map<string, ReturnSalespersonRow>();
  const person = (id: number | null) => {
    const key = String(id);
    let s = salespeople.get(key);
    if (!s) {
      s = {
        salespersonId: id,
        salespersonName: personName(id),
        reportQty: 0,
        reportCreditFen: 0,
        refusalQty: 0,
        refusalCreditFen: 0,
        returns: 0,
      };
      salespeople.set(key, s);
    }
    return s;
  };
  const reasons = new Map<ReturnReason, ReturnReasonRow>();
  for (const r of rows) {
    const k = kindOf(r.kind);
    k.lines += r.lines;
    k.qty += r.qty;
    k.qtyGood += r.qtyGood;
    k.qtyDamaged += r.qtyDamaged;
    k.creditFen += r.creditFen;
    const s = person(r.salespersonId);
    const why = reasons.get(r.reason) ?? { reason: r.reason, reportQty: 0, refusalQty: 0, creditFen: 0, sharePct: 0 };
    if (r.kind === 'report') {
      s.reportQty += r.qty;
      s.reportCreditFen += r.creditFen;
      why.reportQty += r.qty;
    } else {
      s.refusalQty += r.qty;
      s.refusalCreditFen += r.creditFen;
      why.refusalQty += r.qty;
    }
    why.creditFen += r.creditFen;
    reasons.set(r.reason, why);
  }
  for (const c of counts) {
    kindOf(c.kind).returns += c.n;
    person(c.salesperson_id).returns += c.n;
  }
  const allQty = kinds.reduce((s, k) => s + k.qty, 0);
  const reasonRows = [...reasons.values()]
    .map((r) => ({
      ...r,
      sharePct: allQty > 0 ? Math.round(((r.reportQty + r.refusalQty) / allQty) * 1000) / 10 : 0,
    }))
    .sort((a, b) => b.reportQty + b.refusalQty - (a.reportQty + a.refusalQty) || a.reason.localeCompare(b.reason));

  const trend: ReturnTrendPoint[] = months.map((m) => {
    const rep = trendRows.find((t) => t.m === m && t.kind === 'report');
    const ref = trendRows.find((t) => t.m === m && t.kind === 'refusal');
    return {
      month: m,
      reportQty: rep?.qty ?? 0,
      refusalQty: ref?.qty ?? 0,
      reportCreditFen: rep?.credit ?? 0,
      refusalCreditFen: ref?.credit ?? 0,
    };
  });
  const analysisQty = allQty;
  const ledgerQty = (ledger?.good ?? 0) + (ledger?.damaged ?? 0);
  const analysisCredit = kinds.reduce((s, k) => s + k.creditFen, 0);
  const reconciliation: Reconciliation[] = [
    {
      label: 'returnedIn',
      analysisQty,
      ledgerQty,
      analysisAmountFen: analysisCredit,
      ledgerAmountFen: noteCredit?.credit ?? 0,
      reconciled:
        analysisQty === ledgerQty &&
        kinds.reduce((s, k) => s + k.qtyDamaged, 0) === (ledger?.damaged ?? 0) &&
        analysisCredit === (noteCredit?.credit ?? 0),
    },
  ];
  const plans: ActionPlan[] = planRows.map((p) => ({
    scope: p.scope as PlanScope,
    key: p.key,
    text: p.text,
    updatedBy: p.display_name,
    updatedAt: p.updated_at,
  }));
  return {
    ...header,
    timeZone,
    warehouse: scope.warehouse,
    kinds,
    rows,
    salespeople: [...salespeople.values()].sort(
      (a, b) =>
        b.reportQty + b.refusalQty - (a.reportQty + a.refusalQty) || a.salespersonName.localeCompare(b.salespersonName),
    ),
    reasons: reasonRows,
    trend,
    plans,
    reconciliation,
  };
}
