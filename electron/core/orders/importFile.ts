// The order file (README "The order file"): one row per line, many orders per
// file, rows grouped into orders by (customer_code, order_ref). The preview
// parses, checks and qualifies every row and writes nothing; the import does
// the same and writes the whole file or nothing. A file already imported (its
// SHA-256) or an order_ref of a customer already imported is refused, so a
// second import never doubles the day.
import { createHash } from 'node:crypto';
import type {
  ImportPreviewOrder,
  LineUnit,
  OrderChannel,
  OrderFileReason,
  OrderImportPreview,
  OrderImportResult,
  OrderReason,
} from '../../../shared/contract';
import { requiredOrderFileColumns } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import { parseFlag, readCsv, replacementChars } from './csv';
import { addDays, isRealDate, nextWorkingDay, today } from './dates';
import { loadLookups, qualify, type Draft } from './qualify';
import { emitChanged, insertOrders, type NewOrder } from './write';

type RowError = { line: number; reason: OrderFileReason; field?: string };

const channels: Record<string, OrderChannel> = {
  '': 'file',
  file: 'file',
  文件: 'file',
  edi: 'file',
  phone: 'phone',
  电话: 'phone',
  fax: 'fax',
  传真: 'fax',
  desk: 'desk',
  手工: 'desk',
};
const units: Record<string, LineUnit> = { '': 'unit', unit: 'unit', 件: 'unit', 个: 'unit', case: 'case', 箱: 'case' };

type Parsed = {
  fileHash: string;
  rows: number;
  orders: {
    reference: string;
    line: number;
    draft: Draft;
    emergency: boolean;
    note: string;
    promised: string | null;
  }[];
  errors: RowError[];
};

function parseOrderFile(csv: string, todayDate: string): Parsed {
  const text = csv.replace(/^\uFEFF/, '');
  const fileHash = createHash('sha256').update(text).digest('hex');
  const csvRecords = readCsv(text, 'orders.emptyFile');
  const { header, records, lines } = csvRecords;
  const errors: RowError[] = replacementChars(csvRecords);
  for (const col of requiredOrderFileColumns)
    if (!header.includes(col)) errors.push({ line: 1, reason: 'missingColumn', field: col });
  if (errors.some((e) => e.line === 1)) return { fileHash, rows: records.length, orders: [], errors };
  if (records.length === 0) throw new AppError('orders.emptyFile');

  const byKey = new Map<string, Parsed['orders'][number] & { head: string }>();
  records.forEach((rec, i) => {
    const line = lines[i] ?? i + 2;
    const get = (f: string) => (rec[f] ?? '').trim();
    const bad = (reason: OrderFileReason, field: string) => errors.push({ line, reason, field });
    const text = (f: string, max: number, required = false) => {
      const v = get(f);
      if (required && v === '') bad('required', f);
      else if (v.length > max) bad('tooLong', f);
      return v;
    };
    const reference = text('order_ref', 64, true);
    const customerCode = text('customer_code', 64, true);
    const productCode = text('product_code', 64, true);
    const qtyText = get('qty');
    const qty = Number(qtyText);
    if (qtyText === '') bad('required', 'qty');
    else if (!/^-?\d{1,9}(\.\d{1,6})?$/.test(qtyText) || !Number.isFinite(qty)) bad('notNumber', 'qty');
    const per = units[get('unit').toLowerCase()];
    if (per === undefined) bad('badUnit', 'unit');
    const gift = parseFlag(get('gift'));
    if (gift === null) bad('badFlag', 'gift');
    const emergency = parseFlag(get('emergency'));
    if (emergency === null) bad('badFlag', 'emergency');
    const channel = channels[get('channel').toLowerCase()];
    if (channel === undefined) bad('badChannel', 'channel');
    const date = (f: string) => {
      const v = get(f);
      if (v === '') return null;
      if (!isRealDate(v)) {
        bad('badDate', f);
        return null;
      }
      return v;
    };
    const orderDate = date('order_date') ?? todayDate;
    const dispatchDate = date('dispatch_date') ?? nextWorkingDay(orderDate);
    const delivery = date('delivery_date');
    const deliveryDate = delivery ?? addDays(dispatchDate, 1);
    const note = text('note', 1000);
    if (reference === '' || customerCode === '') return;
    // What every row of one order must agree on.
    const head = [customerCode, orderDate, dispatchDate, deliveryDate, channel, emergency].join('|');
    const key = `${customerCode}\u0000${reference}`;
    let order = byKey.get(key);
    if (!order) {
      order = {
        reference,
        line,
        head,
        emergency: emergency ?? false,
        note,
        promised: delivery,
        draft: {
          channel: channel ?? 'file',
          customerCode,
          orderDate,
          dispatchDate,
          deliveryDate,
          confirmed: false,
          lines: [],
        },
      };
      byKey.set(key, order);
    } else if (order.head !== head) bad('inconsistentOrder', 'order_ref');
    order.draft.lines.push({ productCode, enteredQty: qty, per: per ?? 'unit', gift: gift ?? false });
  });
  return { fileHash, rows: records.length, orders: [...byKey.values()], errors };
}

async function check(ctx: ServiceContext, csv: string, fileName: string) {
  const now = today(ctx.now, ctx.timeZone);
  const parsed = parseOrderFile(csv, now);
  const lk = await loadLookups(
    ctx.db,
    now,
    parsed.orders.map((o) => o.draft.orderDate),
  );
  // An order_ref of this customer imported before keeps the file out.
  const refs = new Set(
    (
      await ctx.db
        .selectFrom('orders')
        .select(['customer_code', 'reference'])
        .where('reference', 'is not', null)
        .where('import_id', 'is not', null)
        .execute()
    ).map((r) => `${r.customer_code}\u0000${r.reference}`),
  );
  for (const o of parsed.orders)
    if (refs.has(`${o.draft.customerCode}\u0000${o.reference}`))
      parsed.errors.push({ line: o.line, reason: 'referenceImported', field: 'order_ref' });
  parsed.errors.sort((a, b) => a.line - b.line);
  const qualified = parsed.orders.map((o) => {
    const q = qualify(o.draft, lk);
    if (!lk.openSignatures.has(q.signature)) lk.openSignatures.set(q.signature, { id: null, number: o.reference });
    return { o, q };
  });
  const previous = await ctx.db
    .selectFrom('order_imports as i')
    .leftJoin('users as u', 'u.id', 'i.imported_by')
    .select(['i.id', 'i.imported_at', 'i.file_name', 'u.display_name'])
    .where('i.file_hash', '=', parsed.fileHash)
    .executeTakeFirst();
  return { parsed, qualified, previous, fileName };
}

export async function previewOrderFile(
  ctx: ServiceContext,
  csv: string,
  fileName: string,
): Promise<OrderImportPreview> {
  const { parsed, qualified, previous } = await check(ctx, csv, fileName);
  const reasonCounts: Partial<Record<OrderReason, number>> = {};
  const unqualifiedOrders: ImportPreviewOrder[] = [];
  let unqualified = 0;
  for (const { o, q } of qualified) {
    if (q.issues.length === 0) continue;
    unqualified++;
    for (const r of new Set(q.issues.map((i) => i.reason))) reasonCounts[r] = (reasonCounts[r] ?? 0) + 1;
    if (unqualifiedOrders.length < 500)
      unqualifiedOrders.push({
        reference: o.reference,
        customerCode: o.draft.customerCode,
        line: o.line,
        lines: o.draft.lines.length,
        issues: q.issues,
      });
  }
  return {
    fileName,
    fileHash: parsed.fileHash,
    rows: parsed.rows,
    orders: parsed.orders.length,
    lines: parsed.orders.reduce((s, o) => s + o.draft.lines.length, 0),
    qualified: parsed.orders.length - unqualified,
    unqualified,
    reasonCounts,
    unqualifiedOrders,
    errors: parsed.errors.slice(0, 1000),
    alreadyImported: previous
      ? { importId: previous.id, at: previous.imported_at, by: previous.display_name ?? null }
      : null,
  };
}

export async function importOrderFile(ctx: ServiceContext, csv: string, fileName: string): Promise<OrderImportResult> {
  ctx.emit('work.progress', { job: 'orders.import', phase: 'check', done: 0, total: 1 });
  const { parsed, qualified, previous } = await check(ctx, csv, fileName);
  if (previous)
    throw new AppError('orders.fileAlreadyImported', {
      fileName: previous.file_name,
      at: previous.imported_at,
      by: previous.display_name,
    });
  if (parsed.errors.length > 0)
    throw new AppError('orders.invalidFile', { count: parsed.errors.length, errors: parsed.errors.slice(0, 1000) });
  const imp = await ctx.db
    .insertInto('order_imports')
    .values({
      file_name: fileName,
      file_hash: parsed.fileHash,
      rows: parsed.rows,
      orders: parsed.orders.length,
      imported_by: ctx.caller.session!.userId,
      imported_at: ctx.now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  ctx.emit('work.progress', { job: 'orders.import', phase: 'write', done: 0, total: qualified.length });
  const orders: NewOrder[] = qualified.map(({ o, q }) => ({
    draft: o.draft,
    q,
    meta: {
      reference: o.reference,
      promisedDate: o.promised,
      emergency: o.emergency,
      note: o.note,
      importId: imp.id,
      importLine: o.line,
    },
  }));
  const ids = await insertOrders(ctx, orders);
  ctx.emit('work.progress', { job: 'orders.import', phase: 'done', done: ids.length, total: ids.length });
  const count = (s: string) => qualified.filter(({ q }) => q.state === s).length;
  const result: OrderImportResult = {
    importId: imp.id,
    orders: ids.length,
    lines: orders.reduce((s, o) => s + o.q.lines.length, 0),
    qualified: count('qualified'),
    unqualified: count('held'),
    awaitingConfirmation: count('awaitingConfirmation'),
  };
  await recordAudit(ctx, { entity: 'orderImport', entityId: imp.id, after: { fileName, ...result } });
  await emitChanged(ctx, ids);
  return result;
}
