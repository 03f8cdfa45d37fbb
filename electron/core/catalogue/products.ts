// Product master data (商品): list, inline edit, and the all-or-nothing CSV import.
import Papa from 'papaparse';
import type { ImportReport, ImportRowError, ProductView } from '../../../shared/contract';
import {
  requiredProductCsvColumns,
  validateProductRecord,
  type ProductCsvRow,
  type RowIssue,
} from '../../../shared/catalogue/productCsv';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import type { Db } from '../db/schema';

export async function listProducts(db: Db, ids?: number[]): Promise<ProductView[]> {
  let q = db
    .selectFrom('products as p')
    .leftJoin('products as r', 'r.id', 'p.replaced_by_id')
    .select([
      'p.id',
      'p.code',
      'p.name_zh as nameZh',
      'p.name_en as nameEn',
      'p.spec',
      'p.unit',
      'p.case_pack as casePack',
      'p.unit_weight_g as unitWeightG',
      'p.unit_cost_fen as unitCostFen',
      'p.category',
      'p.active',
      'r.code as replacedByCode',
      (eb) =>
        eb
          .selectFrom('barcodes')
          .select('code')
          .whereRef('product_id', '=', 'p.id')
          .where('level', '=', 'unit')
          .limit(1)
          .as('unitBarcode'),
      (eb) =>
        eb
          .selectFrom('barcodes')
          .select('code')
          .whereRef('product_id', '=', 'p.id')
          .where('level', '=', 'case')
          .limit(1)
          .as('caseBarcode'),
    ]);
  if (ids) q = q.where('p.id', 'in', ids);
  const rows = await q.orderBy('p.code').execute();
  return rows.map((r) => ({
    ...r,
    active: r.active === 1,
    unitBarcode: r.unitBarcode ?? null,
    caseBarcode: r.caseBarcode ?? null,
  }));
}

type ProductPatch = {
  id: number;
  nameZh?: string;
  nameEn?: string;
  spec?: string;
  unit?: string;
  casePack?: number;
  unitWeightG?: number | null;
  unitCostFen?: number;
  category?: string;
  active?: boolean;
};

export async function updateProduct(ctx: ServiceContext, patch: ProductPatch): Promise<ProductView> {
  const [before] = await listProducts(ctx.db, [patch.id]);
  if (!before) throw new AppError('products.notFound', { productId: patch.id });
  const values = {
    ...(patch.nameZh !== undefined && { name_zh: patch.nameZh }),
    ...(patch.nameEn !== undefined && { name_en: patch.nameEn }),
    ...(patch.spec !== undefined && { spec: patch.spec }),
    ...(patch.unit !== undefined && { unit: patch.unit }),
    ...(patch.casePack !== undefined && { case_pack: patch.casePack }),
    ...(patch.unitWeightG !== undefined && { unit_weight_g: patch.unitWeightG }),
    ...(patch.unitCostFen !== undefined && { unit_cost_fen: patch.unitCostFen }),
    ...(patch.category !== undefined && { category: patch.category }),
    ...(patch.active !== undefined && { active: patch.active ? 1 : 0 }),
  };
  if (Object.keys(values).length > 0) {
    await ctx.db
      .updateTable('products')
      .set({ ...values, updated_at: ctx.now.toISOString() })
      .where('id', '=', patch.id)
      .execute();
  }
  const [after] = await listProducts(ctx.db, [patch.id]);
  await recordAudit(ctx, { entity: 'product', entityId: patch.id, before, after });
  ctx.emit('products.changed', { productIds: [patch.id] });
  return after!;
}

/**
 * Imports a products CSV all or nothing: every bad row is reported with its
 * line number and reason, and if there is any, nothing is written. The text
 * was decoded by the caller (shared/text/decodeText.ts: UTF-8, UTF-16 or
 * GB18030); commas or tabs (Excel's "Unicode text") both parse, papaparse
 * guessing the delimiter.
 */
export async function importProducts(ctx: ServiceContext, csv: string): Promise<ImportReport> {
  const text = csv.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new AppError('import.emptyFile');
  const parsed = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const errors: ImportRowError[] = [];
  const header = parsed.meta.fields ?? [];
  for (const col of header) if (col.includes('\uFFFD')) errors.push({ line: 1, reason: 'replacementChar', field: col });
  for (const col of requiredProductCsvColumns) {
    if (!header.includes(col)) errors.push({ line: 1, reason: 'missingColumn', field: col });
  }
  if (errors.length > 0) throw new AppError('import.invalidRows', { errors });
  if (parsed.data.length === 0) throw new AppError('import.emptyFile');

  // Papa counts records, not lines; find each record's line for the report.
  const lineOfRecord = recordLines(text);
  const rows: ProductCsvRow[] = [];
  const issues: RowIssue[] = [];
  parsed.data.forEach((record, i) => {
    const line = lineOfRecord[i] ?? i + 2;
    const v = validateProductRecord(record, line);
    issues.push(...v.issues);
    if (v.row) rows.push(v.row);
  });

  // Across rows and against the database.
  const seenCodes = new Map<string, number>();
  const seenBarcodes = new Map<string, number>();
  for (const r of rows) {
    if (seenCodes.has(r.code)) issues.push({ line: r.line, reason: 'duplicateCode', field: 'code' });
    seenCodes.set(r.code, r.line);
    for (const [field, b] of [
      ['unit_barcode', r.unitBarcode],
      ['case_barcode', r.caseBarcode],
    ] as const) {
      if (b === null) continue;
      if (seenBarcodes.has(b)) issues.push({ line: r.line, reason: 'duplicateBarcode', field });
      seenBarcodes.set(b, r.line);
    }
  }
  const existing = new Map(
    (await ctx.db.selectFrom('products').select(['id', 'code']).execute()).map((p) => [p.code, p.id]),
  );
  const barcodeOwners = new Map(
    (
      await ctx.db
        .selectFrom('barcodes as b')
        .innerJoin('products as p', 'p.id', 'b.product_id')
        .select(['b.code', 'p.code as productCode'])
        .execute()
    ).map((b) => [b.code, b.productCode]),
  );
  for (const r of rows) {
    if (r.replacedBy !== null && !seenCodes.has(r.replacedBy) && !existing.has(r.replacedBy))
      issues.push({ line: r.line, reason: 'unknownReplacement', field: 'replaced_by' });
    for (const [field, b] of [
      ['unit_barcode', r.unitBarcode],
      ['case_barcode', r.caseBarcode],
    ] as const) {
      const owner = b === null ? undefined : barcodeOwners.get(b);
      if (owner !== undefined && owner !== r.code) issues.push({ line: r.line, reason: 'barcodeTaken', field });
    }
  }
  if (issues.length > 0) {
    throw new AppError('import.invalidRows', { errors: issues.sort((a, b) => a.line - b.line) });
  }

  const at = ctx.now.toISOString();
  let imported = 0;
  let updated = 0;
  const total = rows.length;
  for (const [i, r] of rows.entries()) {
    const values = {
      name_zh: r.nameZh,
      name_en: r.nameEn,
      spec: r.spec,
      unit: r.unit,
      case_pack: r.casePack,
      unit_cost_fen: r.unitCostFen,
      category: r.category,
      active: r.active ? 1 : 0,
      ...(r.unitWeightG !== undefined && { unit_weight_g: r.unitWeightG }),
      updated_at: at,
    };
    const id = existing.get(r.code);
    if (id !== undefined) {
      await ctx.db.updateTable('products').set(values).where('id', '=', id).execute();
      updated++;
    } else {
      const row = await ctx.db
        .insertInto('products')
        .values({ code: r.code, ...values, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      existing.set(r.code, row.id);
      imported++;
    }
    if (i % 500 === 0) ctx.emit('work.progress', { job: 'products.import', phase: 'rows', done: i, total });
  }
  // Second pass: barcodes and R13 old-code links, now that every code has an id.
  for (const r of rows) {
    const id = existing.get(r.code)!;
    for (const [level, b] of [
      ['unit', r.unitBarcode],
      ['case', r.caseBarcode],
    ] as const) {
      if (b === null) continue;
      await ctx.db
        .insertInto('barcodes')
        .values({ code: b, product_id: id, level, units: level === 'unit' ? 1 : r.casePack })
        .onConflict((oc) =>
          oc.column('code').doUpdateSet({ product_id: id, level, units: level === 'unit' ? 1 : r.casePack }),
        )
        .execute();
    }
    if (r.replacedBy !== null) {
      await ctx.db
        .updateTable('products')
        .set({ replaced_by_id: existing.get(r.replacedBy)! })
        .where('id', '=', id)
        .execute();
    }
  }
  ctx.emit('work.progress', { job: 'products.import', phase: 'done', done: total, total });
  await recordAudit(ctx, { entity: 'products', entityId: 'import', after: { imported, updated } });
  ctx.emit('products.changed', { productIds: 'all' });
  return { imported, updated, errors: [] };
}

/** The 1-based line on which each CSV record starts (quoted fields may span lines). */
function recordLines(text: string): number[] {
  const starts: number[] = [];
  let line = 1;
  let inQuotes = false;
  let atRecordStart = true;
  let headerDone = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (atRecordStart && c !== '\n' && c !== '\r') {
      if (headerDone) starts.push(line);
      atRecordStart = false;
    }
    if (c === '"') inQuotes = !inQuotes;
    else if (c === '\n' && !inQuotes) {
      line++;
      if (!atRecordStart) headerDone = true;
      atRecordStart = true;
    } else if (c === '\n') line++;
  }
  return starts;
}
