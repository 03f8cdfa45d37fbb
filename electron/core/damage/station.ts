// Enter at a station's damage task (issue 13 §Damage 1): what was scanned —
// the bin and the damaged goods — becomes a damage report, and the task
// starts over for the next find. Nothing scanned: refused, nothing written.
import type { DamageReportView, DisposalKind, DamageWhereFound } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import type { ScanPipeline } from '../scanner/pipeline';
import { raiseReport } from './reports';

export async function reportAtStation(
  ctx: ServiceContext,
  pipeline: ScanPipeline,
  input: {
    fromStatus: 'good' | 'gift';
    whereFound: DamageWhereFound;
    cause: string;
    causeNote: string;
    suggestion: DisposalKind;
    note: string;
    idempotencyKey: string;
  },
): Promise<DamageReportView> {
  const station = ctx.caller.station;
  const { task } = await pipeline.state(ctx, station);
  if (task.kind !== 'damage' || !task.location || !task.goods) throw new AppError('damage.nothingScanned');
  const report = await raiseReport(ctx, {
    productId: task.goods.productId,
    locationId: task.location.locationId,
    qty: task.goods.qty,
    ...input,
  });
  await pipeline.clear(ctx, station);
  await pipeline.changed(ctx, station);
  return report;
}
