// Vehicles and their drivers (issue 12 §1): plate, type, capacity in cases,
// kilograms and litres, home area, driver; active, and off the road 停运 for
// a dispatch date with a reason.
import type { VehicleRow } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import type { Db } from '../db/schema';
import { today } from '../orders/dates';

type VehicleInput = {
  id?: number | undefined;
  plate: string;
  vehicleType: string;
  capacityCases: number;
  capacityKg: number;
  capacityL: number | null;
  area: string;
  driverName: string;
  driverPhone: string;
  active: boolean;
};

function vehicleQuery(db: Db, date: string | undefined) {
  return db
    .selectFrom('vehicles as v')
    .leftJoin('vehicle_off_days as off', (j) => j.onRef('off.vehicle_id', '=', 'v.id').on('off.date', '=', date ?? ''))
    .select([
      'v.id',
      'v.plate',
      'v.vehicle_type as vehicleType',
      'v.capacity_cases as capacityCases',
      'v.capacity_kg as capacityKg',
      'v.capacity_l as capacityL',
      'v.area',
      'v.driver_name as driverName',
      'v.driver_phone as driverPhone',
      'v.active',
      'off.date as offDate',
      'off.reason as offReason',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof vehicleQuery>['execute']>>[number];

function toRow(r: Row): VehicleRow {
  const { offDate, offReason, active, ...rest } = r;
  return { ...rest, active: active === 1, offRoad: offDate ? { date: offDate, reason: offReason ?? '' } : null };
}

/** Every vehicle by plate; with `date`, whether it is off the road that day. */
export async function listVehicles(db: Db, date?: string): Promise<VehicleRow[]> {
  return (await vehicleQuery(db, date).orderBy('v.plate').execute()).map(toRow);
}

export async function vehicleRow(db: Db, id: number, date?: string): Promise<VehicleRow> {
  const r = await vehicleQuery(db, date).where('v.id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('vehicles.notFound', { vehicleId: id });
  return toRow(r);
}

export async function saveVehicle(ctx: ServiceContext, input: VehicleInput): Promise<VehicleRow> {
  const taken = await ctx.db
    .selectFrom('vehicles')
    .select('id')
    .where('plate', '=', input.plate)
    .$if(input.id !== undefined, (q) => q.where('id', '!=', input.id!))
    .executeTakeFirst();
  if (taken) throw new AppError('vehicles.plateTaken', { plate: input.plate });
  const values = {
    plate: input.plate,
    vehicle_type: input.vehicleType,
    capacity_cases: input.capacityCases,
    capacity_kg: input.capacityKg,
    capacity_l: input.capacityL,
    area: input.area,
    driver_name: input.driverName,
    driver_phone: input.driverPhone,
    active: input.active ? 1 : 0,
    updated_at: ctx.now.toISOString(),
  };
  if (input.id === undefined) {
    const row = await ctx.db.insertInto('vehicles').values(values).returning('id').executeTakeFirstOrThrow();
    const after = await vehicleRow(ctx.db, row.id);
    await recordAudit(ctx, { entity: 'vehicle', entityId: row.id, after });
    vehiclesChanged(ctx);
    return after;
  }
  const before = await vehicleRow(ctx.db, input.id);
  await ctx.db.updateTable('vehicles').set(values).where('id', '=', input.id).execute();
  const after = await vehicleRow(ctx.db, input.id);
  await recordAudit(ctx, { entity: 'vehicle', entityId: input.id, before, after });
  vehiclesChanged(ctx);
  return after;
}

/**
 * A vehicle added or changed: 'dispatch.changed' of today with no trips or
 * orders named, so vehicle lists (the vehicles page, a board's "new trip")
 * reload; the boards' rows are untouched.
 */
function vehiclesChanged(ctx: ServiceContext): void {
  ctx.emit('dispatch.changed', {
    dispatchDate: today(ctx.now, ctx.timeZone),
    tripIds: [],
    orderIds: [],
    clientId: ctx.caller.clientId,
  });
}

/** Off the road for a date (refused while it has a trip that day), or back on it. */
export async function setOffRoad(
  ctx: ServiceContext,
  input: { vehicleId: number; date: string; off: boolean; reason?: string | undefined },
): Promise<VehicleRow> {
  const before = await vehicleRow(ctx.db, input.vehicleId, input.date);
  if (input.off) {
    const trip = await ctx.db
      .selectFrom('trips')
      .select('number')
      .where('vehicle_id', '=', input.vehicleId)
      .where('dispatch_date', '=', input.date)
      .orderBy('seq')
      .executeTakeFirst();
    if (trip) throw new AppError('vehicles.hasTrip', { plate: before.plate, date: input.date, number: trip.number });
    await ctx.db
      .insertInto('vehicle_off_days')
      .values({ vehicle_id: input.vehicleId, date: input.date, reason: input.reason ?? '' })
      .onConflict((oc) => oc.columns(['vehicle_id', 'date']).doUpdateSet({ reason: input.reason ?? '' }))
      .execute();
  } else {
    await ctx.db
      .deleteFrom('vehicle_off_days')
      .where('vehicle_id', '=', input.vehicleId)
      .where('date', '=', input.date)
      .execute();
  }
  const after = await vehicleRow(ctx.db, input.vehicleId, input.date);
  await recordAudit(ctx, { entity: 'vehicle', entityId: input.vehicleId, before, after });
  ctx.emit('dispatch.changed', { dispatchDate: input.date, tripIds: [], orderIds: [], clientId: ctx.caller.clientId });
  return after;
}
