// What an order takes of a vehicle (issue 12 §1, §3): case places and weight,
// in one grouped query over its lines (never one query per order), so the
// board of 5,200 orders opens fast. Shared by the board, automatic
// assignment and loading.
//
// loadCases: the order's whole cases plus one per line with loose units (loose
// units travel in a mixed carton). weightG: whole cases at the product's case
// weight when it has one, else every unit at its unit weight; a line whose
// weight is unknown adds 0 and counts in unweighedLines.
import { sql } from 'kysely';
import type { Db } from '../db/schema';

export type OrderLoad = { loadCases: number; weightG: number; unweighedLines: number };

export const noLoad: OrderLoad = { loadCases: 0, weightG: 0, unweighedLines: 0 };

type Scope = { dispatchDate: string; states: readonly string[] } | { orderIds: number[] } | { tripIds: number[] };

const chunk = 5000;

/** Loads of the orders in `scope`, by order id (orders without lines are absent: no load). */
export async function orderLoads(db: Db, scope: Scope): Promise<Map<number, OrderLoad>> {
  const out = new Map<number, OrderLoad>();
  const run = async (where: ReturnType<typeof sql>) => {
    const { rows } = await sql<{ orderId: number; loadCases: number; weightG: number; unweighedLines: number }>`
      SELECT l.order_id AS "orderId",
        SUM(l.qty / p.case_pack + CASE WHEN l.qty % p.case_pack > 0 THEN 1 ELSE 0 END) AS "loadCases",
        SUM(CASE WHEN p.case_weight_g IS NOT NULL
                 THEN (l.qty / p.case_pack) * p.case_weight_g + (l.qty % p.case_pack) * COALESCE(p.unit_weight_g, 0)
                 ELSE l.qty * COALESCE(p.unit_weight_g, 0) END) AS "weightG",
        SUM(CASE WHEN p.unit_weight_g IS NULL AND NOT (p.case_weight_g IS NOT NULL AND l.qty % p.case_pack = 0)
                 THEN 1 ELSE 0 END) AS "unweighedLines"
      FROM order_lines l JOIN products p ON p.id = l.product_id
      WHERE l.qty IS NOT NULL AND ${where}
      GROUP BY l.order_id`.execute(db);
    for (const r of rows)
      out.set(r.orderId, {
        loadCases: Number(r.loadCases),
        weightG: Number(r.weightG),
        unweighedLines: Number(r.unweighedLines),
      });
  };
  if ('dispatchDate' in scope) {
    await run(
      sql`l.order_id IN (SELECT id FROM orders WHERE dispatch_date = ${scope.dispatchDate} AND state IN (${sql.join(
        scope.states,
      )}))`,
    );
  } else if ('orderIds' in scope) {
    for (let i = 0; i < scope.orderIds.length; i += chunk)
      await run(sql`l.order_id IN (${sql.join(scope.orderIds.slice(i, i + chunk))})`);
  } else {
    for (let i = 0; i < scope.tripIds.length; i += chunk)
      await run(
        sql`l.order_id IN (SELECT order_id FROM trip_orders WHERE trip_id IN (${sql.join(scope.tripIds.slice(i, i + chunk))}))`,
      );
  }
  return out;
}

/** The sum of some loads. */
export function sumLoads(loads: Iterable<OrderLoad>): OrderLoad {
  const total = { loadCases: 0, weightG: 0, unweighedLines: 0 };
  for (const l of loads) {
    total.loadCases += l.loadCases;
    total.weightG += l.weightG;
    total.unweighedLines += l.unweighedLines;
  }
  return total;
}
