// Customers 客户档案: list, create/update with validation, all-or-nothing CSV
// import (every bad row by line number, as the products import), export.
import type { CustomerView, ImportReport, ImportRowError, SalespersonView } from '../../../shared/contract';
import { customerCsvColumns } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import type { Db } from '../db/schema';
import { csvField, parseFlag, readCsv, replacementChars } from './csv';

type CustomerRecord = {
  id: number;
  code: string;
  name: string;
  address: string;
  area: string;
  route: string;
  stop_seq: number | null;
  contact: string;
  phone: string;
  salesperson_id: number | null;
  salesperson_name: string | null;
  delivery_days: string;
  blocked: number;
  blocked_reason: string;
  lat: number | null;
  lng: number | null;
  updated_at: string;
};

function view(c: CustomerRecord): CustomerView {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    address: c.address,
    area: c.area,
    route: c.route,
    stopSeq: c.stop_seq,
    contact: c.contact,
    phone: c.phone,
    salespersonId: c.salesperson_id,
    salespersonName: c.salesperson_name,
    deliveryDays: [...c.delivery_days].map(Number),
    blocked: c.blocked === 1,
    blockedReason: c.blocked_reason,
    lat: c.lat,
    lng: c.lng,
    updatedAt: c.updated_at,
  };
}

export async function listCustomers(db: Db, ids?: number[]): Promise<CustomerView[]> {
  let q = db
    .selectFrom('customers as c')
    .leftJoin('users as u', 'u.id', 'c.salesperson_id')
    .select([
      'c.id',
      'c.code',
      'c.name',
      'c.address',
      'c.area',
      'c.route',
      'c.stop_seq',
      'c.contact',
      'c.phone',
      'c.salesperson_id',
      'u.display_name as salesperson_name',
      'c.delivery_days',
      'c.blocked',
      'c.blocked_reason',
      'c.lat',
      'c.lng',
      'c.updated_at',
    ]);
  if (ids) q = q.where('c.id', 'in', ids.length > 0 ? ids : [0]);
  return (await q.orderBy('c.code').execute()).map(view);
}

async function salespersonIds(db: Db): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.id', 'u.username'])
    .where('r.role', '=', 'salesperson')
    .where('u.active', '=', 1)
    .execute();
  return new Map(rows.map((r) => [r.id, r.username]));
}

export async function listSalespeople(db: Db): Promise<SalespersonView[]> {
  return db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select((eb) => [
      'u.id',
      'u.display_name as displayName',
      eb
        .selectFrom('customers as c')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('c.salesperson_id', '=', 'u.id')
        .as('customers'),
    ])
    .where('r.role', '=', 'salesperson')
    .where('u.active', '=', 1)
    .orderBy('u.display_name')
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, customers: Number(r.customers ?? 0) })));
}

export type CustomerInput = {
  id?: number;
  code: string;
  name: string;
  address?: string;
  area: string;
  route: string;
  stopSeq?: number | null;
  contact?: string;
  phone?: string;
  salespersonId?: number | null;
  deliveryDays?: number[];
  blocked?: boolean;
  blockedReason?: string;
  lat?: number | null;
  lng?: number | null;
};

const daysText = (days: number[]) => [...new Set(days)].sort((a, b) => a - b).join('');

export async function saveCustomer(ctx: ServiceContext, input: CustomerInput): Promise<CustomerView> {
  const taken = await ctx.db.selectFrom('customers').select('id').where('code', '=', input.code).executeTakeFirst();
  if (taken && taken.id !== input.id) throw new AppError('customers.codeTaken', { code: input.code });
  if (input.salespersonId != null && !(await salespersonIds(ctx.db)).has(input.salespersonId))
    throw new AppError('customers.notSalesperson', { userId: input.salespersonId });
  const values = {
    code: input.code,
    name: input.name,
    area: input.area,
    route: input.route,
    ...(input.address !== undefined && { address: input.address }),
    ...(input.stopSeq !== undefined && { stop_seq: input.stopSeq }),
    ...(input.contact !== undefined && { contact: input.contact }),
    ...(input.phone !== undefined && { phone: input.phone }),
    ...(input.salespersonId !== undefined && { salesperson_id: input.salespersonId }),
    ...(input.deliveryDays !== undefined && { delivery_days: daysText(input.deliveryDays) }),
    ...(input.blocked !== undefined && {
      blocked: input.blocked ? 1 : 0,
      blocked_reason: input.blocked ? (input.blockedReason ?? '') : '',
    }),
    ...(input.lat !== undefined && { lat: input.lat }),
    ...(input.lng !== undefined && { lng: input.lng }),
    updated_at: ctx.now.toISOString(),
  };
  let id = input.id;
  let before: CustomerView | undefined;
  if (id !== undefined) {
    [before] = await listCustomers(ctx.db, [id]);
    if (!before) throw new AppError('customers.notFound', { customerId: id });
    await ctx.db.updateTable('customers').set(values).where('id', '=', id).execute();
  } else {
    id = (
      await ctx.db
        .insertInto('customers')
        .values({ phone: '', ...values })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }
  const [after] = await listCustomers(ctx.db, [id]);
  await recordAudit(ctx, { entity: 'customer', entityId: id, before, after });
  ctx.emit('customers.changed', { customerIds: [id] });
  return after!;
}

export const customerImportReasons = [
  'missingColumn',
  'required',
  'tooLong',
  'badCode',
  'notPositiveInteger',
  'badWeekdays',
  'notBoolean',
  'badCoordinate',
  'unknownSalesperson',
  'duplicateCode',
  'reasonRequired',
] as const;

const codePattern = /^[\p{L}\p{N}._\-/]+$/u;

/**
 * Imports customers all or nothing (columns: customerCsvColumns; `salesperson`
 * is a username). Known codes are updated, new ones inserted.
 */
export async function importCustomers(ctx: ServiceContext, csv: string): Promise<ImportReport> {
  const file = readCsv(csv);
  const { header, records, lines } = file;
  const errors: ImportRowError[] = replacementChars(file);
  for (const col of ['code', 'name', 'area', 'route'])
    if (!header.includes(col)) errors.push({ line: 1, reason: 'missingColumn', field: col });
  if (errors.some((e) => e.line === 1)) throw new AppError('import.invalidRows', { errors });
  if (records.length === 0) throw new AppError('import.emptyFile');
  const sales = new Map([...(await salespersonIds(ctx.db))].map(([id, username]) => [username, id]));
  const seen = new Set<string>();
  const rows: (Omit<CustomerInput, 'id'> & { line: number })[] = [];
  records.forEach((rec, i) => {
    const line = lines[i] ?? i + 2;
    const get = (f: string) => (rec[f] ?? '').trim();
    const bad = (reason: string, field: string) => errors.push({ line, reason, field });
    const text = (f: string, max: number, required = false) => {
      const v = get(f);
      if (required && v === '') bad('required', f);
      else if (v.length > max) bad('tooLong', f);
      return v;
    };
    const code = text('code', 64, true);
    if (code !== '' && !codePattern.test(code)) bad('badCode', 'code');
    if (code !== '' && seen.has(code)) bad('duplicateCode', 'code');
    seen.add(code);
    const stopText = get('stop_seq');
    const stopSeq =
      stopText === '' ? null : /^\d{1,6}$/.test(stopText) && Number(stopText) > 0 ? Number(stopText) : NaN;
    if (Number.isNaN(stopSeq)) bad('notPositiveInteger', 'stop_seq');
    const daysText = get('delivery_days');
    const deliveryDays = daysText === '' ? [1, 2, 3, 4, 5, 6] : [...daysText.replace(/[\s,;]/g, '')].map(Number);
    if (deliveryDays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) bad('badWeekdays', 'delivery_days');
    const blocked = parseFlag(get('blocked'));
    if (blocked === null) bad('notBoolean', 'blocked');
    const blockedReason = text('blocked_reason', 300);
    if (blocked && blockedReason === '') bad('reasonRequired', 'blocked_reason');
    const coord = (f: 'lat' | 'lng', max: number) => {
      const v = get(f);
      if (v === '') return null;
      const n = Number(v);
      if (!/^-?\d{1,3}(\.\d{1,8})?$/.test(v) || Math.abs(n) > max) {
        bad('badCoordinate', f);
        return null;
      }
      return n;
    };
    const lat = coord('lat', 90);
    const lng = coord('lng', 180);
    if ((lat === null) !== (lng === null)) bad('badCoordinate', lat === null ? 'lat' : 'lng');
    const salesName = get('salesperson');
    const salespersonId = salesName === '' ? null : (sales.get(salesName) ?? null);
    if (salesName !== '' && salespersonId === null) bad('unknownSalesperson', 'salesperson');
    rows.push({
      line,
      code,
      name: text('name', 200, true),
      address: text('address', 300),
      area: text('area', 100, true),
      route: text('route', 100, true),
      stopSeq: Number.isNaN(stopSeq) ? null : stopSeq,
      contact: text('contact', 100),
      phone: text('phone', 40),
      salespersonId,
      deliveryDays,
      blocked: blocked ?? false,
      blockedReason,
      lat,
      lng,
    });
  });
  if (errors.length > 0) throw new AppError('import.invalidRows', { errors: errors.sort((a, b) => a.line - b.line) });

  const existing = new Map(
    (await ctx.db.selectFrom('customers').select(['id', 'code']).execute()).map((c) => [c.code, c.id]),
  );
  const at = ctx.now.toISOString();
  let imported = 0;
  let updated = 0;
  for (const r of rows) {
    const values = {
      code: r.code,
      name: r.name,
      address: r.address ?? '',
      area: r.area,
      route: r.route,
      stop_seq: r.stopSeq ?? null,
      contact: r.contact ?? '',
      phone: r.phone ?? '',
      salesperson_id: r.salespersonId ?? null,
      delivery_days: daysText(r.deliveryDays ?? []),
      blocked: r.blocked ? 1 : 0,
      blocked_reason: r.blocked ? (r.blockedReason ?? '') : '',
      lat: r.lat ?? null,
      lng: r.lng ?? null,
      updated_at: at,
    };
    const id = existing.get(r.code);
    if (id !== undefined) {
      await ctx.db.updateTable('customers').set(values).where('id', '=', id).execute();
      updated++;
    } else {
      await ctx.db.insertInto('customers').values(values).execute();
      imported++;
    }
  }
  await recordAudit(ctx, { entity: 'customers', entityId: 'import', after: { imported, updated } });
  ctx.emit('customers.changed', { customerIds: 'all' });
  return { imported, updated, errors: [] };
}

/** The customers in the import's columns, so an export can be edited and imported back. */
export async function exportCustomers(db: Db): Promise<{ csv: string; rows: number }> {
  const customers = await listCustomers(db);
  const usernames = new Map(
    (await db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.id, u.username]),
  );
  const out = [customerCsvColumns.join(',')];
  for (const c of customers) {
    out.push(
      [
        c.code,
        c.name,
        c.address,
        c.area,
        c.route,
        c.stopSeq,
        c.contact,
        c.phone,
        c.salespersonId === null ? '' : usernames.get(c.salespersonId),
        c.deliveryDays.join(''),
        c.blocked ? 1 : 0,
        c.blockedReason,
        c.lat,
        c.lng,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return { csv: `\uFEFF${out.join('\r\n')}\r\n`, rows: customers.length };
}
