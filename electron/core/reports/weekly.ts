// The weekly stock report 周库存报表 (issue 14 item 1, R15) from the period
// figures. Opening + Σ movements = closing on every line by construction (the
// closing is computed so, and the test checks it against the live balances and
// a fold of the ledger).
import {
  columnOfMovementType,
  daysOfInventoryWindowDays,
  issueMovementTypes,
  weeklyColumns,
  type QtyAmount,
  type WeeklyFigures,
  type WeeklyReport,
  type WeeklyReportRow,
  type WeeklySubtotal,
  type WeeklyTotals,
} from '../../../shared/contract';
import { stockStatuses, type MovementType, type StockStatus } from '../../../shared/domain';
import type { ServiceContext } from '../context';
import { addDays } from '../orders/dates';
import { daysOfInventory } from './daysOfInventory';
import { keyOf, movementsBetween, openingAt } from './figures';
import { resolvePeriod, warehouseLocations } from './period';
import { productsWithSuccessor } from './products';

export type WeeklyInput = { week?: string; from?: string; to?: string; warehouseId?: number };

const emptyFigures = (): WeeklyFigures =>
  Object.fromEntries(weeklyColumns.map((c) => [c, { qty: 0, amountFen: 0 }])) as WeeklyFigures;

const addTo = (a: QtyAmount, qty: number, amountFen: number) => {
  a.qty += qty;
  a.amountFen += amountFen;
};

function sumInto(target: { figures: WeeklyFigures; issued28: QtyAmount }, row: WeeklyReportRow) {
  for (const c of weeklyColumns) addTo(target.figures[c], row.figures[c].qty, row.figures[c].amountFen);
  addTo(target.issued28, row.issued28.qty, row.issued28.amountFen);
}

export async function weeklyReport(ctx: ServiceContext, input: WeeklyInput): Promise<WeeklyReport> {
  const period = resolvePeriod(ctx, input);
  const { warehouse, locationIds } = await warehouseLocations(ctx, input.warehouseId);
  const issueWindowFrom = addDays(period.to, 1 - daysOfInventoryWindowDays);

  const [opening, moves, issues, products] = await Promise.all([
    openingAt(ctx.db, period.from, locationIds),
    movementsBetween(ctx.db, period.from, period.to, locationIds),
    movementsBetween(ctx.db, issueWindowFrom, period.to, locationIds, issueMovementTypes),
    productsWithSuccessor(ctx.db),
  ]);

  const rowsByKey = new Map<string, WeeklyReportRow>();
  const productById = new Map(products.map((p) => [p.id, p]));
  const rowFor = (productId: number, status: string): WeeklyReportRow => {
    const k = keyOf(productId, status);
    let row = rowsByKey.get(k);
    if (!row) {
      const p = productById.get(productId)!;
      row = {
        productId,
        productCode: p.code,
        productName: p.name_zh,
        productNameEn: p.name_en,
        spec: p.spec,
        unit: p.unit,
        casePack: p.case_pack,
        category: p.category,
        status: status as StockStatus,
        oldCode: p.replaced_by_id !== null,
        successorId: p.replaced_by_id,
        successorCode: p.successor_code,
        figures: emptyFigures(),
        issued28: { qty: 0, amountFen: 0 },
        daysOfInventory: null,
      };
      rowsByKey.set(k, row);
    }
    return row;
  };

  for (const o of opening.values()) {
    const row = rowFor(o.productId, o.status);
    addTo(row.figures.opening, o.qty, o.amountFen);
    addTo(row.figures.closing, o.qty, o.amountFen);
  }
  for (const m of moves) {
    const row = rowFor(m.productId, m.status);
    const column = columnOfMovementType[m.type as MovementType] ?? 'manualAdjustments';
    addTo(row.figures[column], m.qty, m.amountFen);
    addTo(row.figures.closing, m.qty, m.amountFen);
  }
  for (const i of issues) {
    // Issues are negative movements; the issued value is positive.
    addTo(rowFor(i.productId, i.status).issued28, -i.qty, -i.amountFen);
  }

  const statusOrder = new Map(stockStatuses.map((s, i) => [s, i]));
  const rows = [...rowsByKey.values()]
    .filter(
      (r) => r.issued28.qty !== 0 || weeklyColumns.some((c) => r.figures[c].qty !== 0 || r.figures[c].amountFen !== 0),
    )
    .sort(
      (a, b) =>
        (a.category < b.category ? -1 : a.category > b.category ? 1 : 0) ||
        (a.productCode < b.productCode ? -1 : a.productCode > b.productCode ? 1 : 0) ||
        statusOrder.get(a.status)! - statusOrder.get(b.status)!,
    );

  const subtotals: WeeklySubtotal[] = [];
  const totals: WeeklyTotals = {
    lines: 0,
    figures: emptyFigures(),
    issued28: { qty: 0, amountFen: 0 },
    daysOfInventory: null,
  };
  for (const row of rows) {
    row.daysOfInventory = daysOfInventory(row.figures.closing.amountFen, row.issued28.amountFen);
    let sub = subtotals[subtotals.length - 1];
    if (!sub || sub.category !== row.category) {
      sub = {
        category: row.category,
        lines: 0,
        figures: emptyFigures(),
        issued28: { qty: 0, amountFen: 0 },
        daysOfInventory: null,
      };
      subtotals.push(sub);
    }
    sub.lines += 1;
    totals.lines += 1;
    sumInto(sub, row);
    sumInto(totals, row);
  }
  for (const s of [...subtotals, totals])
    s.daysOfInventory = daysOfInventory(s.figures.closing.amountFen, s.issued28.amountFen);

  return {
    week: period.week,
    from: period.from,
    to: period.to,
    issueWindowFrom,
    complete: period.to < period.today,
    timeZone: ctx.timeZone,
    warehouse,
    generatedAt: ctx.now.toISOString(),
    rows,
    subtotals,
    totals,
  };
}
