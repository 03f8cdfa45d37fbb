// Configured serial scanners (admin): stored in the database, applied to the bridge.
import type { ScannerConfig, ScannerParity, ScannerTerminator } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import type { Db } from '../db/schema';

type Row = Awaited<ReturnType<ReturnType<typeof selectAll>['execute']>>[number];
const selectAll = (db: Db) => db.selectFrom('scanners').selectAll();

function view(r: Row): ScannerConfig {
  return {
    id: r.id,
    name: r.name,
    station: r.station,
    port: r.port,
    usbVendorId: r.usb_vendor_id,
    usbProductId: r.usb_product_id,
    baudRate: r.baud_rate,
    dataBits: r.data_bits === 7 ? 7 : 8,
    parity: r.parity as ScannerParity,
    stopBits: r.stop_bits === 2 ? 2 : 1,
    terminator: r.terminator as ScannerTerminator,
    idleMs: r.idle_ms,
    prefix: r.prefix,
    suffix: r.suffix,
    enabled: r.enabled === 1,
  };
}

export async function listScannerConfigs(db: Db): Promise<ScannerConfig[]> {
  return (await selectAll(db).orderBy('name').execute()).map(view);
}

export async function saveScannerConfig(
  ctx: ServiceContext,
  input: Omit<ScannerConfig, 'id'> & { id?: number | undefined },
): Promise<ScannerConfig> {
  const taken = await ctx.db.selectFrom('scanners').select('id').where('name', '=', input.name).executeTakeFirst();
  if (taken && taken.id !== input.id) throw new AppError('scanner.nameTaken', { name: input.name });
  const values = {
    name: input.name,
    station: input.station,
    port: input.port,
    usb_vendor_id: input.usbVendorId,
    usb_product_id: input.usbProductId,
    baud_rate: input.baudRate,
    data_bits: input.dataBits,
    parity: input.parity,
    stop_bits: input.stopBits,
    terminator: input.terminator,
    idle_ms: input.idleMs,
    prefix: input.prefix,
    suffix: input.suffix,
    enabled: input.enabled ? 1 : 0,
  };
  let before: ScannerConfig | undefined;
  let id: number;
  if (input.id !== undefined) {
    const existing = await selectAll(ctx.db).where('id', '=', input.id).executeTakeFirst();
    if (!existing) throw new AppError('scanner.notFound', { id: input.id });
    before = view(existing);
    await ctx.db.updateTable('scanners').set(values).where('id', '=', input.id).execute();
    id = input.id;
  } else {
    id = (await ctx.db.insertInto('scanners').values(values).returning('id').executeTakeFirstOrThrow()).id;
  }
  const after = view(await selectAll(ctx.db).where('id', '=', id).executeTakeFirstOrThrow());
  await recordAudit(ctx, { entity: 'scanner', entityId: id, before, after });
  return after;
}

export async function removeScannerConfig(ctx: ServiceContext, id: number): Promise<null> {
  const existing = await selectAll(ctx.db).where('id', '=', id).executeTakeFirst();
  if (!existing) throw new AppError('scanner.notFound', { id });
  await ctx.db.deleteFrom('scanners').where('id', '=', id).execute();
  await recordAudit(ctx, { entity: 'scanner', entityId: id, before: view(existing) });
  return null;
}
