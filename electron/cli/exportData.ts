// `cangwu export balances|movements`: the same rows the grids show, as CSV
// (with a BOM so Excel opens the Chinese names right; formula-looking text
// neutralised, shared/text/csvFormula.ts) or JSON.
import Papa from 'papaparse';
import type { BalanceRow, MovementRow, Paged } from '../../shared/contract';
import { AppError, type AppErrorShape } from '../../shared/errors';
import { formatFenAsYuan } from '../../shared/money';
import { csvFormulaTrigger } from '../../shared/text/csvFormula';
import type { Core } from '../core/core';
import type { Caller } from '../core/context';

async function call<T>(core: Core, caller: Caller, name: string, input: unknown): Promise<T> {
  const r = await core.dispatch(caller, name, input);
  if (!r.ok) throw new AppError((r.error as AppErrorShape).code, r.error.details ?? {});
  return r.value as T;
}

export async function exportBalances(core: Core, caller: Caller): Promise<Record<string, unknown>[]> {
  const rows = await call<BalanceRow[]>(core, caller, 'stock.balances', {});
  return rows.map((b) => ({
    product_code: b.productCode,
    name_zh: b.productNameZh,
    name_en: b.productNameEn,
    category: b.category,
    old_code: b.oldCode,
    status: b.status,
    location: b.locationCode,
    qty: b.qty,
    unit: b.unit,
    unit_cost: formatFenAsYuan(b.unitCostFen),
    amount: formatFenAsYuan(b.amountFen),
  }));
}

export async function exportMovements(
  core: Core,
  caller: Caller,
  onProgress: (done: number, total: number) => void,
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await call<Paged<MovementRow>>(core, caller, 'stock.movements', { offset, limit: 1000, sort: 'asc' });
    for (const m of page.rows) {
      out.push({
        id: m.id,
        at: m.at,
        type: m.type,
        document_no: m.documentNo,
        product_code: m.productCode,
        name_zh: m.productNameZh,
        status: m.status,
        location: m.locationCode,
        qty: m.qty,
        amount: formatFenAsYuan(m.amountFen),
        user: m.userName,
      });
    }
    onProgress(Math.min(offset + page.rows.length, page.total), page.total);
    if (page.rows.length < 1000) break;
  }
  return out;
}

export function toCsv(rows: Record<string, unknown>[]): string {
  return `\uFEFF${Papa.unparse(rows, { newline: '\r\n', escapeFormulae: csvFormulaTrigger })}\r\n`;
}
