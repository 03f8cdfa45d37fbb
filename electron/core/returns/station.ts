// returns.checkAtStation (issue 13 §Returns 3 and 5, R12 R3): finishes the
// station's return check by the chain's own steps — a refused order's goods
// are taken in (takeRefusal), then the return is checked (checkReturn) with
// the units scanned per product and status, the cases and the reasons the
// keeper confirmed — and the station starts over. A refusal of either step
// rolls the whole request back: nothing is written, the scans stay.
import type { ParsedInput, ReturnView } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import type { ScanPipeline } from '../scanner/pipeline';
import { checkReturn, takeRefusal } from './chain';

export async function checkAtStation(
  ctx: ServiceContext,
  pipeline: ScanPipeline,
  input: ParsedInput<'returns.checkAtStation'>,
): Promise<ReturnView> {
  const station = ctx.caller.station;
  const { task } = await pipeline.state(ctx, station);
  if (task.kind !== 'returnCheck' || !task.target) throw new AppError('returnCheck.nothingScanned');
  const returnId = task.target.returnId ?? (await takeRefusal(ctx, task.target.orderId!)).id;
  const reasonOf = (productId: number, status: 'good' | 'gift') =>
    input.reasons.find((r) => r.productId === productId && r.status === status)?.reason;
  const checked = await checkReturn(ctx, {
    returnId,
    casesChecked: input.casesChecked,
    note: input.note,
    lines: task.lines.map((l) => ({
      productId: l.productId,
      status: l.status,
      qty: l.qtyScanned,
      reason: reasonOf(l.productId, l.status) ?? l.reason,
    })),
  });
  await pipeline.clear(ctx, station);
  await pipeline.changed(ctx, station);
  return checked;
}
