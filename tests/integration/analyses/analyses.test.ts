// The monthly damage and return analyses (issue 13): over a generated month at
// the reference scale (20,000 damage lines, 20,000 return lines, three smaller
// months before it), every total equals independent SQL over the ledger —
// movements of the month's documents by type and posting time, written here —
// and small cases: last month's reports stay out, refusals apart from returns,
// action plans saved and read back (audited), submission by role and once.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../../electron/core/context';
import { defaultTimeZone } from '../../../electron/core/clock';
import { zonedInstant } from '../../../electron/core/dispatch/delivery/cutoff';
import { generateAnalysesMonth } from '../../helpers/analysesMonth';
import { call, openWarehouse, refusal, type Warehouse } from '../fixtures';

const month = '2026-11';
let w: Warehouse;
let op: Caller;
let manager: Caller;
let keeper: Caller;
let sales: Caller;
const userId = async (username: string) =>
  (await w.core.database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow())
    .id;

beforeAll(async () => {
  w = await openWarehouse();
  [op, manager, keeper, sales] = [
    await w.as('operator'),
    await w.as('csManager'),
    await w.as('warehouseKeeper'),
    await w.as('salesperson'),
  ];
  const db = w.core.database.db;
  const at = new Date().toISOString();
  for (let i = 0; i < 300; i++)
    await sql`INSERT INTO products (code, name_zh, name_en, unit, case_pack, unit_cost_fen, category, created_at, updated_at)
      VALUES (${`G${10000 + i}`}, ${`商品${i}`}, ${`Product ${i}`}, '个', 12, ${100 + ((i * 37) % 900)}, '饮料', ${at}, ${at})`.execute(
      db,
    );
  const productIds = (await db.selectFrom('products').select('id').where('code', 'like', 'G%').execute()).map(
    (p) => p.id,
  );
  await generateAnalysesMonth(db, {
    month,
    damageLines: 20_000,
    returnLines: 20_000,
    previousLines: 1_000,
    userId: await userId('u-operator'),
    managerId: await userId('u-csmanager'),
    salespersonIds: [await userId('u-salesperson'), await userId('admin')],
    productIds,
    binIds: w.bins.map((b) => b.id),
  });
}, 60_000);
afterAll(async () => w.core.close());

/** The month's window of posting instants in the warehouse's time zone. */
function window(m: string): [string, string] {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  const next = new Date(Date.UTC(y, mo, 1)).toISOString().slice(0, 10);
  return [
    zonedInstant(`${m}-01`, '00:00', defaultTimeZone).toISOString(),
    zonedInstant(next, '00:00', defaultTimeZone).toISOString(),
  ];
}

/** Independent SQL: movements of the month's documents of these types, by status sign. */
async function ledger(m: string, types: string[], where: string) {
  const [from, to] = window(m);
  return (
    await sql<{ qty: number; amount: number }>`
      SELECT COALESCE(SUM(m.qty), 0) AS qty, COALESCE(SUM(m.qty * m.unit_cost_fen), 0) AS amount
       FROM movements m JOIN documents d ON d.id = m.document_id
       WHERE d.type IN (${sql.join(types)}) AND d.posted_at >= ${from} AND d.posted_at < ${to} AND ${sql.raw(where)}`.execute(
      w.core.database.db,
    )
  ).rows[0]!;
}

describe('monthly damage analysis', () => {
  it('equals the ledger: into damaged by transfers and damaged arrivals, out by disposals, per product and per month', async () => {
    const a = await call(w.core, op, 'analyses.damage', { month });
    const into = await ledger(month, ['damageTransfer', 'receipt'], "m.status = 'damaged' AND m.qty > 0");
    expect(a.total.reports).toBe(20_000);
    expect([a.total.qty, a.total.amountFen]).toEqual([into.qty, into.amount]);
    const out = await ledger(month, ['disposal'], "m.status = 'damaged' AND m.qty < 0");
    expect(a.disposals.reduce((s, d) => s + d.qty, 0)).toBe(-out.qty);
    expect(a.disposals.reduce((s, d) => s + d.amountFen, 0)).toBe(-out.amount);
    expect(a.reconciliation.every((r) => r.reconciled)).toBe(true);

    const [from, to] = window(month);
    const { rows: perProduct } = await sql<{ id: number; qty: number }>`
      SELECT m.product_id AS id, SUM(m.qty) AS qty FROM movements m JOIN documents d ON d.id = m.document_id
       WHERE d.type IN ('damageTransfer','receipt') AND m.status = 'damaged' AND m.qty > 0
         AND d.posted_at >= ${from} AND d.posted_at < ${to} GROUP BY m.product_id`.execute(w.core.database.db);
    expect(new Map(a.products.map((p) => [p.productId, p.qty]))).toEqual(new Map(perProduct.map((p) => [p.id, p.qty])));
    // The causes add up to the month and the Pareto ends at 100 %.
    expect(a.causes.reduce((s, c) => s + c.qty, 0)).toBe(a.total.qty);
    expect(a.causes.at(-1)?.cumulativePct).toBe(100);
    // The trend: each of the three months before from the ledger too.
    for (const t of a.trend) {
      const l = await ledger(t.month, ['damageTransfer', 'receipt'], "m.status = 'damaged' AND m.qty > 0");
      expect([t.month, t.qty, t.amountFen]).toEqual([t.month, l.qty, l.amount]);
    }
    expect(a.trend.map((t) => t.count)).toEqual([1_000, 1_000, 1_000, 20_000]);
  });

  it('counts a report in the month its goods entered damaged stock, not the month after', async () => {
    const next = await call(w.core, keeper, 'analyses.damage', { month: '2026-12' });
    expect(next.total).toEqual({ reports: 0, qty: 0, amountFen: 0 });
    expect(next.products).toEqual([]);
    expect(next.trend.find((t) => t.month === month)?.count).toBe(20_000);
  });
});

describe('monthly return analysis', () => {
  it('equals the ledger: the return notes’ movements of the month, returns and refusals apart', async () => {
    const a = await call(w.core, op, 'analyses.returns', { month });
    const all = await ledger(month, ['returnReceipt'], 'm.qty > 0');
    const damaged = await ledger(month, ['returnReceipt'], "m.qty > 0 AND m.status = 'damaged'");
    const total = a.kinds.reduce((s, k) => s + k.qty, 0);
    expect(a.kinds.reduce((s, k) => s + k.lines, 0)).toBe(20_000);
    expect(total).toBe(all.qty);
    expect(a.kinds.reduce((s, k) => s + k.qtyDamaged, 0)).toBe(damaged.qty);
    expect(a.reconciliation.every((r) => r.reconciled)).toBe(true);
    const [from, to] = window(month);
    const { rows: byKind } = await sql<{ kind: string; qty: number }>`
      SELECT r.kind, SUM(m.qty) AS qty FROM movements m JOIN documents d ON d.id = m.document_id
       JOIN return_notes n ON n.document_id = d.id JOIN returns r ON r.id = n.return_id
       WHERE d.type = 'returnReceipt' AND m.qty > 0 AND d.posted_at >= ${from} AND d.posted_at < ${to}
       GROUP BY r.kind`.execute(w.core.database.db);
    expect(Object.fromEntries(a.kinds.map((k) => [k.kind, k.qty]))).toEqual(
      Object.fromEntries(byKind.map((k) => [k.kind, k.qty])),
    );
    // Refusals are their own kind, all with the refusal reason; returns never are.
    expect(a.rows.filter((r) => r.kind === 'refusal').every((r) => r.reason === 'refusedAtDelivery')).toBe(true);
    expect(a.salespeople.reduce((s, p) => s + p.reportQty + p.refusalQty, 0)).toBe(all.qty);
    expect(a.reasons.reduce((s, r) => s + r.reportQty + r.refusalQty, 0)).toBe(all.qty);
    for (const t of a.trend) {
      const l = await ledger(t.month, ['returnReceipt'], 'm.qty > 0');
      expect([t.month, t.reportQty + t.refusalQty]).toEqual([t.month, l.qty]);
    }
  });

  it('saves the action plans with the report, reads them back, audits each edit, and removes an emptied one', async () => {
    const spId = String(await userId('u-salesperson'));
    const saved = await call(w.core, op, 'analyses.saveReturns', {
      month,
      note: '本月退货偏多',
      plans: [
        { scope: 'salesperson', key: spId, text: '与客户核对订货量，减少多订退货' },
        { scope: 'reason', key: 'expired', text: '先进先出检查，临期品提前促销' },
      ],
    });
    expect(saved.state).toBe('draft');
    const read = await call(w.core, manager, 'analyses.returns', { month });
    expect(read.note).toBe('本月退货偏多');
    expect(read.plans.map((p) => [p.scope, p.key, p.text, p.updatedBy])).toEqual([
      ['reason', 'expired', '先进先出检查，临期品提前促销', 'operator'],
      ['salesperson', spId, '与客户核对订货量，减少多订退货', 'operator'],
    ]);
    await call(w.core, op, 'analyses.saveReturns', {
      month,
      note: '本月退货偏多',
      plans: [{ scope: 'reason', key: 'expired', text: '' }],
    });
    const after = await call(w.core, op, 'analyses.returns', { month });
    expect(after.plans.map((p) => p.key)).toEqual([spId]);
    const audit = await w.core.database.db
      .selectFrom('audit_log')
      .select(['entity_id', 'before', 'after'])
      .where('entity', '=', 'returnActionPlan')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.entity_id)).toEqual([
      `${month}/salesperson/${spId}`,
      `${month}/reason/expired`,
      `${month}/reason/expired`,
    ]);
    expect(audit[2]!.after).toBeNull();
  });

  it('is submitted by the operator only, once; later edits are refused and write nothing', async () => {
    expect((await refusal(w.core, sales, 'analyses.submitReturns', { month: '2026-10' })).code).toBe('auth.forbidden');
    expect((await refusal(w.core, keeper, 'analyses.submitReturns', { month: '2026-10' })).code).toBe('auth.forbidden');
    expect((await refusal(w.core, manager, 'analyses.saveDamage', { month: '2026-10' })).code).toBe('auth.forbidden');
    const submitted = await call(w.core, op, 'analyses.submitReturns', { month: '2026-10', note: '已核对' });
    expect([submitted.state, submitted.submittedBy]).toEqual(['submitted', 'operator']);
    const again = await refusal(w.core, op, 'analyses.saveReturns', {
      month: '2026-10',
      plans: [{ scope: 'reason', key: 'quality', text: '太晚了' }],
    });
    expect(again.code).toBe('analyses.submitted');
    const read = await call(w.core, manager, 'analyses.returns', { month: '2026-10' });
    expect([read.note, read.plans]).toEqual(['已核对', []]);
    // The damage analysis: the keeper prepares it with the operator and submits it.
    const damage = await call(w.core, keeper, 'analyses.submitDamage', { month: '2026-10', note: '压损为主' });
    expect([damage.state, damage.submittedBy]).toEqual(['submitted', 'warehouseKeeper']);
  });
});
