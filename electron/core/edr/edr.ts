// The principal's weekly data 运行EDR (issue 17 §2). The three tables of a
// week, each from the records that define it, never the ledger scanned:
// - sell-out: order lines delivered in the week (the outcome's delivered
//   day), net of what the customer refused at the door, gifts left out (they
//   are not sold), per product × customer;
// - stock on hand: the weekly stock report's closing per product × status
//   (period figures; the live balance for the current week) — one definition
//   of stock for every report;
// - returns: lines checked in at the return station in the week, at the price
//   of the order line they came back from.
// Our product codes are replaced by the principal's where one is mapped.
import type {
  EdrCodeRow,
  EdrExport,
  EdrReturnRow,
  EdrSellOutRow,
  EdrStockRow,
  EdrWeek,
} from '../../../shared/contract';
import { sql } from 'kysely';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import { startOfDay } from '../clock';
import { requireSession, type ServiceContext } from '../context';
import type { Db } from '../db/schema';
import { addDays } from '../orders/dates';
import { resolvePeriod } from '../reports/period';
import { weeklyReport } from '../reports/weekly';

async function principalCodes(db: Db): Promise<Map<number, string>> {
  const rows = await db.selectFrom('principal_codes').select(['product_id', 'code']).execute();
  return new Map(rows.map((r) => [r.product_id, r.code]));
}

type SellOutSql = {
  productCode: string;
  productName: string;
  principalCode: string | null;
  customerCode: string;
  customerName: string;
  area: string;
  qty: number;
  amountFen: number;
  orders: number;
};

export async function sellOut(ctx: ServiceContext, from: string, to: string): Promise<EdrSellOutRow[]> {
  // Delivered = ordered − refused at the door (refused_lines: what came back on a signed or partly refused order).
  const { rows } = await sql<SellOutSql>`
    WITH refused AS (SELECT line_id, SUM(qty) AS qty FROM refused_lines GROUP BY line_id)
    SELECT p.code AS "productCode", p.name_zh AS "productName", pc.code AS "principalCode",
           c.code AS "customerCode", c.name AS "customerName", c.area AS area,
           SUM(COALESCE(l.qty, 0) - COALESCE(r.qty, 0)) AS qty,
           SUM((COALESCE(l.qty, 0) - COALESCE(r.qty, 0)) * COALESCE(l.price_fen, 0)) AS "amountFen",
           COUNT(DISTINCT o.id) AS orders
      FROM order_outcomes oc
      JOIN orders o ON o.id = oc.order_id
      JOIN order_lines l ON l.order_id = o.id
      JOIN products p ON p.id = l.product_id
      JOIN customers c ON c.id = o.customer_id
      LEFT JOIN principal_codes pc ON pc.product_id = p.id
      LEFT JOIN refused r ON r.line_id = l.id
     WHERE oc.delivered_date >= ${from} AND oc.delivered_date <= ${to}
       AND oc.outcome IN ('signed', 'partlyRefused')
       AND l.gift = 0
     GROUP BY p.id, c.id, pc.code
     ORDER BY p.code, c.code`.execute(ctx.db);
  return rows
    .map((r) => ({
      principalCode: r.principalCode ?? r.productCode,
      productCode: r.productCode,
      productName: r.productName,
      customerCode: r.customerCode,
      customerName: r.customerName,
      area: r.area,
      qty: Number(r.qty),
      amountFen: Number(r.amountFen),
      orders: Number(r.orders),
    }))
    .filter((r) => r.qty !== 0);
}

async function weekReturns(ctx: ServiceContext, from: string, to: string): Promise<EdrReturnRow[]> {
  // The week's instants in the warehouse's zone: [Monday 00:00, next Monday 00:00).
  const start = startOfDay(from, ctx.timeZone).toISOString();
  const end = startOfDay(addDays(to, 1), ctx.timeZone).toISOString();
  const rows = await ctx.db
    .selectFrom('returns as rt')
    .innerJoin('return_lines as rl', 'rl.return_id', 'rt.id')
    .innerJoin('products as p', 'p.id', 'rl.product_id')
    .innerJoin('customers as c', 'c.id', 'rt.customer_id')
    .leftJoin('principal_codes as pc', 'pc.product_id', 'p.id')
    .where('rt.checked_at', '>=', start)
    .where('rt.checked_at', '<', end)
    .where('rl.qty_checked', '>', 0)
    .select((eb) => [
      'p.code as productCode',
      'p.name_zh as productName',
      'pc.code as principalCode',
      'c.code as customerCode',
      'c.name as customerName',
      eb.fn.sum<number>('rl.qty_checked').as('qty'),
      eb.fn.sum<number>(eb('rl.qty_checked', '*', eb.ref('rl.unit_price_fen'))).as('amountFen'),
      eb.fn.count<number>('rt.id').distinct().as('returns'),
    ])
    .groupBy(['p.id', 'c.id', 'pc.code'])
    .orderBy('p.code')
    .orderBy('c.code')
    .execute();
  return rows.map((r) => ({
    principalCode: r.principalCode ?? r.productCode,
    productCode: r.productCode,
    productName: r.productName,
    customerCode: r.customerCode,
    customerName: r.customerName,
    qty: Number(r.qty),
    amountFen: Number(r.amountFen),
    returns: Number(r.returns),
  }));
}

export async function exportsOf(db: Db, week: string | null): Promise<EdrExport[]> {
  let q = db
    .selectFrom('edr_exports as e')
    .innerJoin('users as u', 'u.id', 'e.exported_by')
    .selectAll('e')
    .select('u.display_name as by')
    .orderBy('e.id', 'desc');
  if (week !== null) q = q.where('e.week', '=', week);
  const rows = await q.limit(500).execute();
  return rows.map((r) => ({
    id: r.id,
    week: r.week,
    draft: r.draft === 1,
    resendOf: r.resend_of,
    format: r.format as EdrExport['format'],
    sellOutRows: r.sell_out_rows,
    sellOutQty: r.sell_out_qty,
    sellOutFen: r.sell_out_fen,
    stockRows: r.stock_rows,
    returnRows: r.return_rows,
    exportedBy: r.by,
    exportedAt: r.exported_at,
    path: r.path,
  }));
}

export async function edrWeek(ctx: ServiceContext, week: string): Promise<EdrWeek> {
  const period = resolvePeriod(ctx, { week });
  const [sold, report, returned, codes, sent] = await Promise.all([
    sellOut(ctx, period.from, period.to),
    weeklyReport(ctx, { week }),
    weekReturns(ctx, period.from, period.to),
    principalCodes(ctx.db),
    exportsOf(ctx.db, week),
  ]);
  const stock: EdrStockRow[] = report.rows
    .filter((r) => r.figures.closing.qty !== 0)
    .map((r) => ({
      principalCode: codes.get(r.productId) ?? r.productCode,
      productCode: r.productCode,
      productName: r.productName,
      status: r.status,
      qty: r.figures.closing.qty,
      amountFen: r.figures.closing.amountFen,
    }));
  return {
    week,
    from: period.from,
    to: period.to,
    closed: period.to < period.today,
    timeZone: ctx.timeZone,
    generatedAt: ctx.now.toISOString(),
    sellOut: sold,
    stock,
    returns: returned,
    sent,
  };
}

export async function recordExport(
  ctx: ServiceContext,
  input: { week: string; format: 'csv' | 'xlsx'; draft: boolean },
): Promise<{ logged: EdrExport; data: EdrWeek }> {
  requireSession(ctx);
  const data = await edrWeek(ctx, input.week);
  const resendOf = sendOf(data, input);
  const id = await logExport(ctx, data, { ...input, resendOf, path: null });
  ctx.emit('edr.changed', { week: input.week });
  const sent = await exportsOf(ctx.db, input.week);
  return { logged: sent.find((e) => e.id === id)!, data: { ...data, sent } };
}

/**
 * What an export of the week is: refused for a week not over unless a draft;
 * else the earlier final export it repeats (null for the first, and for a draft).
 */
export function sendOf(data: EdrWeek, input: { week: string; draft: boolean }): number | null {
  // A week not yet over goes out only as a draft, marked so in the file and the log.
  if (!data.closed && !input.draft) throw new AppError('edr.weekOpen', { week: input.week, to: data.to });
  if (input.draft) return null;
  return data.sent.filter((e) => !e.draft).at(-1)?.id ?? null;
}

/** One row of the log (append-only): what the file carried, and where it was written on the host, if it was. */
export async function logExport(
  ctx: ServiceContext,
  data: EdrWeek,
  input: { week: string; format: 'csv' | 'xlsx'; draft: boolean; resendOf: number | null; path: string | null },
): Promise<number> {
  const session = requireSession(ctx);
  const row = await ctx.db
    .insertInto('edr_exports')
    .values({
      week: input.week,
      draft: input.draft ? 1 : 0,
      resend_of: input.resendOf,
      format: input.format,
      sell_out_rows: data.sellOut.length,
      sell_out_qty: data.sellOut.reduce((s, r) => s + r.qty, 0),
      sell_out_fen: data.sellOut.reduce((s, r) => s + r.amountFen, 0),
      stock_rows: data.stock.length,
      return_rows: data.returns.length,
      exported_by: session.userId,
      exported_at: ctx.now.toISOString(),
      path: input.path,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, {
    entity: 'edrExport',
    entityId: row.id,
    after: {
      week: input.week,
      draft: input.draft,
      format: input.format,
      resendOf: input.resendOf,
      ...(input.path !== null && { path: input.path }),
    },
  });
  return row.id;
}

export const edrLog = (ctx: ServiceContext) => exportsOf(ctx.db, null);

export async function edrCodes(db: Db): Promise<EdrCodeRow[]> {
  const rows = await db
    .selectFrom('products as p')
    .leftJoin('principal_codes as pc', 'pc.product_id', 'p.id')
    .where('p.active', '=', 1)
    .select(['p.id', 'p.code', 'p.name_zh', 'pc.code as principalCode'])
    .orderBy('p.code')
    .execute();
  return rows.map((r) => ({
    productId: r.id,
    productCode: r.code,
    productName: r.name_zh,
    principalCode: r.principalCode,
  }));
}

export async function setCode(
  ctx: ServiceContext,
  input: { productId: number; principalCode: string | null },
): Promise<EdrCodeRow> {
  const session = requireSession(ctx);
  const product = await ctx.db
    .selectFrom('products')
    .select(['id', 'code', 'name_zh'])
    .where('id', '=', input.productId)
    .executeTakeFirst();
  if (!product) throw new AppError('products.notFound', { productId: input.productId });
  const before = await ctx.db
    .selectFrom('principal_codes')
    .select('code')
    .where('product_id', '=', input.productId)
    .executeTakeFirst();
  if (input.principalCode === null) {
    await ctx.db.deleteFrom('principal_codes').where('product_id', '=', input.productId).execute();
  } else {
    const taken = await ctx.db
      .selectFrom('principal_codes as pc')
      .innerJoin('products as p', 'p.id', 'pc.product_id')
      .select('p.code')
      .where('pc.code', '=', input.principalCode)
      .where('pc.product_id', '!=', input.productId)
      .executeTakeFirst();
    if (taken) throw new AppError('edr.codeTaken', { code: input.principalCode, productCode: taken.code });
    await ctx.db
      .insertInto('principal_codes')
      .values({
        product_id: input.productId,
        code: input.principalCode,
        updated_by: session.userId,
        updated_at: ctx.now.toISOString(),
      })
      .onConflict((oc) =>
        oc.column('product_id').doUpdateSet({
          code: input.principalCode!,
          updated_by: session.userId,
          updated_at: ctx.now.toISOString(),
        }),
      )
      .execute();
  }
  await recordAudit(ctx, {
    entity: 'principalCode',
    entityId: product.code,
    before: before ? { code: before.code } : undefined,
    after: { code: input.principalCode },
  });
  ctx.emit('edr.changed', { week: null });
  return {
    productId: product.id,
    productCode: product.code,
    productName: product.name_zh,
    principalCode: input.principalCode,
  };
}
