// Warehouse quality checks 仓库质量保证 / GMP 跟踪记录 (issue 17 §1): the
// checklist, a zone's record of a day, its corrective actions, the days
// missed and the month's summary per zone.
import {
  physicalRange,
  type QualityAction,
  type QualityItem,
  type QualityItemKind,
  type QualityMissedDay,
  type QualityOwner,
  type QualityRecord,
  type QualitySummary,
  type QualityZoneDay,
} from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { isoWeekday } from '../../../shared/workingDays';
import { recordAudit } from '../audit/audit';
import { requireSession, type ServiceContext } from '../context';
import type { Db } from '../db/schema';
import { today } from '../orders/dates';

export async function listItems(db: Db): Promise<QualityItem[]> {
  const rows = await db.selectFrom('quality_items').selectAll().orderBy('sort').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    kind: r.kind as QualityItemKind,
    min: r.min_value,
    max: r.max_value,
    unit: r.unit,
    active: r.active === 1,
    sort: r.sort,
  }));
}

function checkPhysical(kind: QualityItemKind, value: number, itemCode: string): void {
  if (kind === 'passFail') return;
  const r = physicalRange[kind];
  if (value < r.min || value > r.max)
    throw new AppError('quality.outsidePhysicalRange', { item: itemCode, value, min: r.min, max: r.max });
}

export async function saveItem(
  ctx: ServiceContext,
  input: {
    code: string;
    nameZh: string;
    nameEn: string;
    kind: QualityItemKind;
    min?: number | undefined;
    max?: number | undefined;
    active: boolean;
    sort?: number | undefined;
  },
): Promise<QualityItem[]> {
  const numeric = input.kind !== 'passFail';
  if (numeric) {
    if (input.min === undefined || input.max === undefined || input.min > input.max)
      throw new AppError('contract.invalidInput', { field: 'min' });
    checkPhysical(input.kind, input.min, input.code);
    checkPhysical(input.kind, input.max, input.code);
  }
  const before = await ctx.db.selectFrom('quality_items').selectAll().where('code', '=', input.code).executeTakeFirst();
  const values = {
    name_zh: input.nameZh,
    name_en: input.nameEn,
    kind: input.kind,
    min_value: numeric ? (input.min ?? null) : null,
    max_value: numeric ? (input.max ?? null) : null,
    unit: input.kind === 'temperature' ? '°C' : input.kind === 'humidity' ? '%' : '',
    active: input.active ? 1 : 0,
  };
  if (before) {
    await ctx.db
      .updateTable('quality_items')
      .set({ ...values, ...(input.sort !== undefined && { sort: input.sort }) })
      .where('id', '=', before.id)
      .execute();
  } else {
    const last = await ctx.db
      .selectFrom('quality_items')
      .select((eb) => eb.fn.max('sort').as('s'))
      .executeTakeFirst();
    await ctx.db
      .insertInto('quality_items')
      .values({ code: input.code, ...values, sort: input.sort ?? Math.min(9999, Number(last?.s ?? 0) + 10) })
      .execute();
  }
  await recordAudit(ctx, {
    entity: 'qualityItem',
    entityId: input.code,
    before: before
      ? { kind: before.kind, min: before.min_value, max: before.max_value, active: before.active === 1 }
      : undefined,
    after: { kind: input.kind, min: values.min_value, max: values.max_value, active: input.active },
  });
  ctx.emit('quality.changed', { date: null, clientId: ctx.caller.clientId });
  return listItems(ctx.db);
}

type Zone = { id: number; code: string; name: string };
async function zones(db: Db): Promise<Zone[]> {
  return db.selectFrom('locations').select(['id', 'code', 'name']).where('kind', '=', 'zone').orderBy('code').execute();
}

function actionsQuery(ctx: ServiceContext) {
  return ctx.db
    .selectFrom('quality_actions as a')
    .innerJoin('quality_records as r', 'r.id', 'a.record_id')
    .innerJoin('locations as z', 'z.id', 'r.zone_id')
    .innerJoin('quality_items as i', 'i.id', 'a.item_id')
    .innerJoin('users as u', 'u.id', 'a.owner_id')
    .select([
      'a.id',
      'a.record_id',
      'r.zone_id',
      'z.name as zone_name',
      'r.check_date',
      'a.item_id',
      'i.code as item_code',
      'a.description',
      'a.owner_id',
      'u.display_name as owner_name',
      'a.due_date',
      'a.state',
      'a.done_note',
      'a.done_at',
    ]);
}
type ActionRow = Awaited<ReturnType<ReturnType<typeof actionsQuery>['execute']>>[number];
function toAction(r: ActionRow, day: string): QualityAction {
  const state = r.state as 'open' | 'done';
  return {
    id: r.id,
    recordId: r.record_id,
    zoneId: r.zone_id,
    zoneName: r.zone_name,
    checkDate: r.check_date,
    itemId: r.item_id,
    itemCode: r.item_code,
    description: r.description,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    dueDate: r.due_date,
    state,
    overdue: state === 'open' && r.due_date < day,
    doneNote: r.done_note,
    doneAt: r.done_at,
  };
}

async function readRecords(ctx: ServiceContext, where: { recordId?: number; date?: string }): Promise<QualityRecord[]> {
  let q = ctx.db
    .selectFrom('quality_records as r')
    .innerJoin('locations as z', 'z.id', 'r.zone_id')
    .innerJoin('users as u', 'u.id', 'r.recorded_by')
    .select([
      'r.id',
      'r.zone_id',
      'z.name as zone_name',
      'r.check_date',
      'r.shift',
      'r.note',
      'u.display_name as recorded_by',
      'r.recorded_at',
    ]);
  if (where.recordId !== undefined) q = q.where('r.id', '=', where.recordId);
  if (where.date !== undefined) q = q.where('r.check_date', '=', where.date);
  const records = await q.orderBy('r.zone_id').orderBy('r.shift').execute();
  if (records.length === 0) return [];
  const ids = records.map((r) => r.id);
  const values = await ctx.db
    .selectFrom('quality_values')
    .selectAll()
    .where('record_id', 'in', ids)
    .orderBy('item_id')
    .execute();
  const actions = await actionsQuery(ctx).where('a.record_id', 'in', ids).orderBy('a.id').execute();
  const day = today(ctx.now, ctx.timeZone);
  return records.map((r) => ({
    id: r.id,
    zoneId: r.zone_id,
    zoneName: r.zone_name,
    date: r.check_date,
    shift: r.shift,
    note: r.note,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
    values: values
      .filter((v) => v.record_id === r.id)
      .map((v) => ({ itemId: v.item_id, value: v.value, passed: v.passed === 1 })),
    actions: actions.filter((a) => a.record_id === r.id).map((a) => toAction(a, day)),
  }));
}

export async function qualityDay(ctx: ServiceContext, date: string): Promise<QualityZoneDay[]> {
  const records = await readRecords(ctx, { date });
  return (await zones(ctx.db)).map((z) => ({
    zoneId: z.id,
    zoneCode: z.code,
    zoneName: z.name,
    records: records.filter((r) => r.zoneId === z.id),
  }));
}

export type RecordInput = {
  recordId?: number | undefined;
  zoneId: number;
  date: string;
  shift: string;
  note: string;
  values: { itemId: number; value?: number | undefined; passed?: boolean | undefined }[];
  actions: { itemId: number; description: string; ownerId: number; dueDate: string }[];
};

export async function saveRecord(ctx: ServiceContext, input: RecordInput): Promise<QualityRecord> {
  const session = requireSession(ctx);
  const day = today(ctx.now, ctx.timeZone);
  if (input.date > day) throw new AppError('quality.futureDay', { date: input.date, today: day });
  const zone = await ctx.db
    .selectFrom('locations')
    .select(['id', 'kind'])
    .where('id', '=', input.zoneId)
    .executeTakeFirst();
  if (zone?.kind !== 'zone') throw new AppError('quality.notAZone', { zoneId: input.zoneId });

  const items = (await listItems(ctx.db)).filter((i) => i.active);
  const byId = new Map(items.map((i) => [i.id, i]));
  const given = new Map(input.values.map((v) => [v.itemId, v]));
  for (const v of input.values)
    if (!byId.has(v.itemId)) throw new AppError('quality.unknownItem', { itemId: v.itemId });
  const values: { itemId: number; value: number | null; passed: boolean }[] = [];
  for (const item of items) {
    const v = given.get(item.id);
    if (item.kind === 'passFail') {
      if (v?.passed === undefined) throw new AppError('quality.itemMissing', { item: item.code });
      values.push({ itemId: item.id, value: null, passed: v.passed });
    } else {
      if (v?.value === undefined) throw new AppError('quality.itemMissing', { item: item.code });
      checkPhysical(item.kind, v.value, item.code);
      const passed = v.value >= (item.min ?? -Infinity) && v.value <= (item.max ?? Infinity);
      values.push({ itemId: item.id, value: v.value, passed });
    }
  }
  const actions = new Map(input.actions.map((a) => [a.itemId, a]));
  for (const a of input.actions) {
    const v = values.find((x) => x.itemId === a.itemId);
    if (!v) throw new AppError('quality.unknownItem', { itemId: a.itemId });
    const owner = await ctx.db
      .selectFrom('users')
      .select('id')
      .where('id', '=', a.ownerId)
      .where('active', '=', 1)
      .executeTakeFirst();
    if (!owner) throw new AppError('quality.unknownOwner', { ownerId: a.ownerId });
  }
  const failed = values.filter((v) => !v.passed);
  for (const f of failed)
    if (!actions.has(f.itemId)) throw new AppError('quality.actionRequired', { item: byId.get(f.itemId)!.code });

  const at = ctx.now.toISOString();
  let recordId: number;
  let before: unknown;
  if (input.recordId !== undefined) {
    const rec = await ctx.db
      .selectFrom('quality_records')
      .selectAll()
      .where('id', '=', input.recordId)
      .executeTakeFirst();
    if (!rec || rec.zone_id !== input.zoneId || rec.check_date !== input.date || rec.shift !== input.shift)
      throw new AppError('quality.unknownRecord', { recordId: input.recordId });
    if (rec.check_date !== day) throw new AppError('quality.pastDayLocked', { date: rec.check_date });
    before = (await readRecords(ctx, { recordId: rec.id }))[0]?.values;
    recordId = rec.id;
    await ctx.db
      .updateTable('quality_records')
      .set({ note: input.note, updated_at: at })
      .where('id', '=', recordId)
      .execute();
    await ctx.db.deleteFrom('quality_values').where('record_id', '=', recordId).execute();
  } else {
    const existing = await ctx.db
      .selectFrom('quality_records')
      .select('id')
      .where('zone_id', '=', input.zoneId)
      .where('check_date', '=', input.date)
      .where('shift', '=', input.shift)
      .executeTakeFirst();
    if (existing) throw new AppError('quality.recordExists', { recordId: existing.id, date: input.date });
    const r = await ctx.db
      .insertInto('quality_records')
      .values({
        zone_id: input.zoneId,
        check_date: input.date,
        shift: input.shift,
        note: input.note,
        recorded_by: session.userId,
        recorded_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    recordId = r.id;
  }
  await ctx.db
    .insertInto('quality_values')
    .values(values.map((v) => ({ record_id: recordId, item_id: v.itemId, value: v.value, passed: v.passed ? 1 : 0 })))
    .execute();
  // An action stays once raised (it is followed to done); a new one is added for a newly failed item.
  for (const a of actions.values()) {
    const exists = await ctx.db
      .selectFrom('quality_actions')
      .select('id')
      .where('record_id', '=', recordId)
      .where('item_id', '=', a.itemId)
      .executeTakeFirst();
    if (exists) continue;
    await ctx.db
      .insertInto('quality_actions')
      .values({
        record_id: recordId,
        item_id: a.itemId,
        description: a.description,
        owner_id: a.ownerId,
        due_date: a.dueDate,
        created_by: session.userId,
        created_at: at,
      })
      .execute();
  }
  await recordAudit(ctx, {
    entity: 'qualityRecord',
    entityId: String(recordId),
    before,
    after: { zoneId: input.zoneId, date: input.date, shift: input.shift, values },
  });
  ctx.emit('quality.changed', { date: input.date, clientId: ctx.caller.clientId });
  return (await readRecords(ctx, { recordId }))[0]!;
}

export async function listActions(
  ctx: ServiceContext,
  input: { state?: 'open' | 'done' | undefined; mine: boolean },
): Promise<QualityAction[]> {
  let q = actionsQuery(ctx);
  if (input.state) q = q.where('a.state', '=', input.state);
  if (input.mine) q = q.where('a.owner_id', '=', requireSession(ctx).userId);
  const rows = await q.orderBy('a.state', 'desc').orderBy('a.due_date').orderBy('a.id').limit(5000).execute();
  const day = today(ctx.now, ctx.timeZone);
  return rows.map((r) => toAction(r, day));
}

async function openAction(ctx: ServiceContext, actionId: number) {
  const a = await ctx.db.selectFrom('quality_actions').selectAll().where('id', '=', actionId).executeTakeFirst();
  if (!a) throw new AppError('quality.unknownAction', { actionId });
  if (a.state !== 'open') throw new AppError('quality.actionDone', { actionId });
  return a;
}
async function readAction(ctx: ServiceContext, actionId: number): Promise<QualityAction> {
  const r = await actionsQuery(ctx).where('a.id', '=', actionId).executeTakeFirstOrThrow();
  return toAction(r, today(ctx.now, ctx.timeZone));
}

export async function completeAction(ctx: ServiceContext, input: { actionId: number; note: string }) {
  const session = requireSession(ctx);
  const a = await openAction(ctx, input.actionId);
  if (a.owner_id !== session.userId) throw new AppError('quality.notActionOwner', { actionId: a.id });
  await ctx.db
    .updateTable('quality_actions')
    .set({ state: 'done', done_note: input.note, done_by: session.userId, done_at: ctx.now.toISOString() })
    .where('id', '=', a.id)
    .execute();
  await recordAudit(ctx, {
    entity: 'qualityAction',
    entityId: String(a.id),
    before: { state: 'open' },
    after: { state: 'done', note: input.note },
  });
  ctx.emit('quality.changed', { date: null, clientId: ctx.caller.clientId });
  return readAction(ctx, a.id);
}

export async function reassignAction(
  ctx: ServiceContext,
  input: { actionId: number; ownerId: number; dueDate: string },
) {
  const a = await openAction(ctx, input.actionId);
  const owner = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('id', '=', input.ownerId)
    .where('active', '=', 1)
    .executeTakeFirst();
  if (!owner) throw new AppError('quality.unknownOwner', { ownerId: input.ownerId });
  await ctx.db
    .updateTable('quality_actions')
    .set({ owner_id: input.ownerId, due_date: input.dueDate })
    .where('id', '=', a.id)
    .execute();
  await recordAudit(ctx, {
    entity: 'qualityAction',
    entityId: String(a.id),
    before: { ownerId: a.owner_id, dueDate: a.due_date },
    after: { ownerId: input.ownerId, dueDate: input.dueDate },
  });
  ctx.emit('quality.changed', { date: null, clientId: ctx.caller.clientId });
  return readAction(ctx, a.id);
}

/** The working days (Mon–Sat) from `from` to `to`, both included. */
export function workingDaysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  for (let i = 0; ; i++) {
    const day = new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10);
    if (day > to || i > 400) break;
    if (isoWeekday(day) !== 7) out.push(day);
  }
  return out;
}

export async function missedDays(
  ctx: ServiceContext,
  input: { from: string; to: string },
): Promise<QualityMissedDay[]> {
  const day = today(ctx.now, ctx.timeZone);
  const to = input.to < day ? input.to : day;
  const days = workingDaysBetween(input.from, to);
  if (days.length === 0) return [];
  const recorded = await ctx.db
    .selectFrom('quality_records')
    .select(['zone_id', 'check_date'])
    .distinct()
    .where('check_date', '>=', input.from)
    .where('check_date', '<=', to)
    .execute();
  const have = new Set(recorded.map((r) => `${r.zone_id}|${r.check_date}`));
  const out: QualityMissedDay[] = [];
  for (const z of await zones(ctx.db))
    for (const d of days)
      if (!have.has(`${z.id}|${d}`)) out.push({ zoneId: z.id, zoneCode: z.code, zoneName: z.name, date: d });
  return out;
}

export async function summary(ctx: ServiceContext, month: string): Promise<QualitySummary> {
  const from = `${month}-01`;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const day = today(ctx.now, ctx.timeZone);
  const workingDays = workingDaysBetween(from, last < day ? last : day).length;
  const checks = await ctx.db
    .selectFrom('quality_values as v')
    .innerJoin('quality_records as r', 'r.id', 'v.record_id')
    .select((eb) => [
      'r.zone_id',
      eb.fn.countAll<number>().as('checked'),
      eb.fn.sum<number>('v.passed').as('passed'),
      eb.fn.count<number>('r.check_date').distinct().as('days'),
    ])
    .where('r.check_date', '>=', from)
    .where('r.check_date', '<=', last)
    .groupBy('r.zone_id')
    .execute();
  const actions = await ctx.db
    .selectFrom('quality_actions as a')
    .innerJoin('quality_records as r', 'r.id', 'a.record_id')
    .select(['r.zone_id', 'a.due_date'])
    .where('a.state', '=', 'open')
    .where('r.check_date', '>=', from)
    .where('r.check_date', '<=', last)
    .execute();
  const lines = (await zones(ctx.db)).map((z) => {
    const c = checks.find((x) => x.zone_id === z.id);
    const itemsChecked = Number(c?.checked ?? 0);
    const itemsPassed = Number(c?.passed ?? 0);
    const open = actions.filter((a) => a.zone_id === z.id);
    return {
      zoneId: z.id,
      zoneCode: z.code,
      zoneName: z.name,
      itemsChecked,
      itemsPassed,
      passRate: itemsChecked === 0 ? null : itemsPassed / itemsChecked,
      daysRecorded: Number(c?.days ?? 0),
      workingDays,
      openActions: open.length,
      overdueActions: open.filter((a) => a.due_date < day).length,
    };
  });
  return { month, lines };
}

/** Active users by name: who a corrective action can be given to. */
export async function listOwners(db: Db): Promise<QualityOwner[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('active', '=', 1)
    .orderBy('display_name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name }));
}
