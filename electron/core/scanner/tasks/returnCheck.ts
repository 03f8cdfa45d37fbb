// The return check at a station 仓务员确认退货 (issue 13 §Returns 3 and 5, R12):
// scan the return's number (TH-…, on the printed return report) — it must be
// approved and not yet checked — or a refused order's number (its refused
// goods not yet taken in enter the chain when the check is finished, as
// returns.takeRefusal does; a refusal taken in earlier is checked as it is);
// then the goods, each scan its units (a case barcode its case pack, the
// quantity key many). Nothing of the chain is written by a scan: finishing
// (returns.checkAtStation) takes the refusal in and checks the return, by the
// keeper's own request. The scanned counts live in the task's state, stored
// with each scan, so a restart loses nothing.
import {
  checkDifference,
  type ReturnCheckLine,
  type ReturnCheckView,
  type ReturnReason,
  type TaskView,
} from '../../../../shared/contract';
import type { Db } from '../../db/schema';
import type { Task, TaskOutcome } from './task';

type Target = { kind: 'return'; returnId: number } | { kind: 'refusal'; orderId: number };
type Counted = { productId: number; status: 'good' | 'gift'; qty: number };
export type ReturnCheckState = {
  target: Target | null;
  counted: Counted[];
  /** Newest last: a goods scan's units, or a return scan with what it replaced, so undo is exact. */
  applied: (
    | { scanId: number; productId: number; status: 'good' | 'gift'; qty: number }
    | { scanId: number; previous: { target: Target | null; counted: Counted[] } }
  )[];
};

const maxUndo = 50;

type Expected = {
  productId: number;
  status: 'good' | 'gift';
  qty: number;
  reason: ReturnReason;
  reasonNote: string;
};

/** What the report (or the refused order) says came back, per product and status, in line order. */
async function expectedLines(db: Db, target: Target): Promise<Expected[]> {
  const rows =
    target.kind === 'return'
      ? await db
          .selectFrom('return_lines')
          .select(['product_id', 'status', 'qty_reported as qty', 'reason', 'reason_note'])
          .where('return_id', '=', target.returnId)
          .orderBy('line_no')
          .execute()
      : await db
          .selectFrom('refused_lines as f')
          .innerJoin('order_lines as l', 'l.id', 'f.line_id')
          .select(['f.product_id', 'f.status', 'f.qty', 'f.reason as reason_note'])
          .select((eb) => eb.val('refusedAtDelivery').as('reason'))
          .where('f.order_id', '=', target.orderId)
          .where('f.returned_at', 'is', null)
          .orderBy('l.line_no')
          .execute();
  const out: Expected[] = [];
  for (const r of rows) {
    const status = r.status as 'good' | 'gift';
    const same = out.find((e) => e.productId === r.product_id && e.status === status);
    if (same) same.qty += r.qty;
    else
      out.push({
        productId: r.product_id,
        status,
        qty: r.qty,
        reason: r.reason as ReturnReason,
        reasonNote: r.reason_note,
      });
  }
  return out;
}

type Refusal = 'returnCheck.notApproved' | 'returnCheck.alreadyChecked' | 'returnCheck.noRefusal';

/** A return scanned at the check: only an approved one (the manager's step is never skipped, a check never repeated). */
async function returnTarget(db: Db, returnId: number): Promise<Target | Refusal> {
  const r = await db.selectFrom('returns').select(['id', 'state']).where('id', '=', returnId).executeTakeFirstOrThrow();
  if (r.state === 'approved') return { kind: 'return', returnId: r.id };
  return r.state === 'checked' || r.state === 'posted' ? 'returnCheck.alreadyChecked' : 'returnCheck.notApproved';
}

/**
 * A refused order scanned at the check: its refusal already taken in and
 * waiting for the check, else its refused goods not yet taken in (they enter
 * the chain when the check is finished).
 */
async function orderTarget(db: Db, orderId: number): Promise<Target | Refusal> {
  const taken = await db
    .selectFrom('returns as r')
    .innerJoin('return_orders as x', 'x.return_id', 'r.id')
    .select(['r.id', 'r.state'])
    .where('x.order_id', '=', orderId)
    .where('r.kind', '=', 'refusal')
    .orderBy('r.id', 'desc')
    .execute();
  const waiting = taken.find((r) => r.state === 'approved');
  if (waiting) return { kind: 'return', returnId: waiting.id };
  const open = await db
    .selectFrom('refused_lines')
    .select('line_id')
    .where('order_id', '=', orderId)
    .where('returned_at', 'is', null)
    .executeTakeFirst();
  if (open) return { kind: 'refusal', orderId };
  return taken.length > 0 ? 'returnCheck.alreadyChecked' : 'returnCheck.noRefusal';
}

/** The status a scanned unit counts as: the first report line of the product still short, else its first line, else good. */
function statusFor(expected: Expected[], counted: Counted[], productId: number): 'good' | 'gift' {
  const mine = expected.filter((e) => e.productId === productId);
  const short = mine.find(
    (e) => (counted.find((c) => c.productId === productId && c.status === e.status)?.qty ?? 0) < e.qty,
  );
  return (short ?? mine[0])?.status ?? 'good';
}

function add(counted: Counted[], productId: number, status: 'good' | 'gift', qty: number): Counted[] {
  const next = counted.map((c) => (c.productId === productId && c.status === status ? { ...c, qty: c.qty + qty } : c));
  if (!next.some((c) => c.productId === productId && c.status === status)) next.push({ productId, status, qty });
  return next.filter((c) => c.qty > 0);
}

export const returnCheckTask: Task<ReturnCheckState> = {
  kind: 'returnCheck',
  countsRepeats: true,
  // One keeper's check: another's scans must not land in it.
  ownerOnly: true,
  initial: () => ({ target: null, counted: [], applied: [] }),
  async apply(db, state, scanId, resolution): Promise<TaskOutcome<ReturnCheckState>> {
    if (resolution.kind === 'return' || resolution.kind === 'order') {
      const target =
        resolution.kind === 'return'
          ? await returnTarget(db, resolution.returnId)
          : await orderTarget(db, resolution.orderId);
      if (typeof target === 'string') return { accepted: false, reason: target };
      const same = JSON.stringify(target) === JSON.stringify(state.target);
      const applied = [...state.applied, { scanId, previous: { target: state.target, counted: state.counted } }].slice(
        -maxUndo,
      );
      // The same return again keeps its count; another starts its own.
      return { accepted: true, state: { target, counted: same ? state.counted : [], applied } };
    }
    if (resolution.kind !== 'product') return { accepted: false, reason: 'scan.notForTask' };
    if (!state.target) return { accepted: false, reason: 'returnCheck.scanReturnFirst' };
    const status = statusFor(await expectedLines(db, state.target), state.counted, resolution.productId);
    return {
      accepted: true,
      state: {
        ...state,
        counted: add(state.counted, resolution.productId, status, resolution.qty),
        applied: [...state.applied, { scanId, productId: resolution.productId, status, qty: resolution.qty }].slice(
          -maxUndo,
        ),
      },
    };
  },
  async undo(_db, state, scanId) {
    const a = state.applied.find((x) => x.scanId === scanId);
    if (!a) return null;
    const applied = state.applied.filter((x) => x.scanId !== scanId);
    if ('previous' in a) return { ...a.previous, applied };
    return { ...state, counted: add(state.counted, a.productId, a.status, -a.qty), applied };
  },
  async view(ctx, state): Promise<TaskView> {
    return returnCheckView(ctx.db, state);
  },
};

export async function returnCheckView(db: Db, state: ReturnCheckState): Promise<ReturnCheckView> {
  const empty: ReturnCheckView = {
    kind: 'returnCheck',
    target: null,
    lines: [],
    casesScanned: 0,
    hasDifferences: false,
  };
  if (!state.target) return empty;
  const expected = await expectedLines(db, state.target);
  const head =
    state.target.kind === 'return'
      ? await db
          .selectFrom('returns as r')
          .innerJoin('customers as c', 'c.id', 'r.customer_id')
          .select(['r.id', 'r.kind', 'r.number', 'c.name'])
          .where('r.id', '=', state.target.returnId)
          .executeTakeFirstOrThrow()
      : await db
          .selectFrom('orders as o')
          .leftJoin('customers as c', 'c.id', 'o.customer_id')
          .select(['o.number', 'c.name'])
          .where('o.id', '=', state.target.orderId)
          .executeTakeFirstOrThrow();
  const orderNumbers =
    state.target.kind === 'return'
      ? (
          await db
            .selectFrom('return_orders as x')
            .innerJoin('orders as o', 'o.id', 'x.order_id')
            .select('o.number')
            .where('x.return_id', '=', state.target.returnId)
            .orderBy('o.number')
            .execute()
        ).map((o) => o.number)
      : [head.number];
  // The report's lines in their order, then the products scanned that it does not name.
  const keys: { productId: number; status: 'good' | 'gift' }[] = [
    ...expected,
    ...state.counted.filter((c) => !expected.some((e) => e.productId === c.productId && e.status === c.status)),
  ];
  const ids = [...new Set(keys.map((k) => k.productId))];
  const products = ids.length
    ? await db
        .selectFrom('products')
        .select(['id', 'code', 'name_zh', 'name_en', 'unit', 'case_pack'])
        .where('id', 'in', ids)
        .execute()
    : [];
  const byId = new Map(products.map((p) => [p.id, p]));
  const lines: ReturnCheckLine[] = keys.map((k) => {
    const p = byId.get(k.productId)!;
    const e = expected.find((x) => x.productId === k.productId && x.status === k.status);
    const scanned = state.counted.find((c) => c.productId === k.productId && c.status === k.status)?.qty ?? 0;
    const reported = e?.qty ?? 0;
    return {
      productId: p.id,
      productCode: p.code,
      productNameZh: p.name_zh,
      productNameEn: p.name_en,
      unit: p.unit,
      casePack: p.case_pack,
      status: k.status,
      qtyReported: reported,
      qtyScanned: scanned,
      // A product not on the report keeps the reason most of the report has: the keeper confirms it.
      reason: e?.reason ?? expected[0]?.reason ?? 'other',
      reasonNote: e?.reasonNote ?? '',
      difference: checkDifference(reported, scanned),
    };
  });
  return {
    kind: 'returnCheck',
    target: {
      returnKind: state.target.kind === 'refusal' || ('kind' in head && head.kind === 'refusal') ? 'refusal' : 'report',
      returnId: state.target.kind === 'return' ? state.target.returnId : null,
      orderId: state.target.kind === 'refusal' ? state.target.orderId : null,
      number: head.number,
      customerName: head.name ?? '',
      orderNumbers,
    },
    lines,
    casesScanned: lines.reduce((s, l) => s + Math.ceil(l.qtyScanned / Math.max(1, l.casePack)), 0),
    hasDifferences: lines.some((l) => l.difference !== 'none'),
  };
}
