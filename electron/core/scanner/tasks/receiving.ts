// Receiving by scanner (R7 入仓): scan the bin label, then the goods; each
// scan adds its units (a case barcode its case pack) to the line for that
// product and bin. The receipt itself is posted from the receipt form, which
// takes these lines; the station keeps them until then, across restarts.
// Damaged on arrival (issue 13): in the station's damaged mode the goods go to
// their own damaged line, with the cause and suggestion chosen by keys
// (station.receiptDamage); the receipt posts it into damaged stock and opens
// its damage report.
import type { ReceiptLineDamage, TaskView } from '../../../../shared/contract';
import { runTemplate } from '../../db/queryTemplate';
import type { Task } from './task';

// `damaged` and `damage` are absent in states stored before damaged lines were scanned: read as good.
type Line = {
  productId: number;
  locationId: number;
  qty: number;
  damaged?: boolean;
  damage?: ReceiptLineDamage | null;
};
export type ReceivingState = {
  location: { locationId: number; code: string } | null;
  lines: Line[];
  /** What each accepted scan added, newest last, so "undo last" is exact. */
  applied: { scanId: number; productId: number; locationId: number; qty: number; damaged?: boolean }[];
  /** The mode: goods scanned now are damaged on arrival. */
  damaged?: boolean;
  /** The cause and suggestion chosen in the damaged mode, given to the damaged lines scanned in it. */
  damage?: ReceiptLineDamage | null;
};

const sameLine = (l: Line, productId: number, locationId: number, damaged: boolean) =>
  l.productId === productId && l.locationId === locationId && (l.damaged ?? false) === damaged;

// Undo reaches back 50 scans: more than anyone takes back by hand, and the state
// (stored with every scan) stays small enough to read and write in microseconds.
const maxUndo = 50;

export const receivingTask: Task<ReceivingState> = {
  kind: 'receipt',
  countsRepeats: true,
  ownerOnly: false,
  initial: () => ({ location: null, lines: [], applied: [] }),
  async apply(_db, state, scanId, resolution) {
    if (resolution.kind === 'location') {
      return {
        accepted: true,
        state: { ...state, location: { locationId: resolution.locationId, code: resolution.code } },
      };
    }
    if (resolution.kind !== 'product') return { accepted: false, reason: 'scan.notForTask' };
    if (!state.location) return { accepted: false, reason: 'scan.scanLocationFirst' };
    const { locationId } = state.location;
    const damaged = state.damaged ?? false;
    const lines = [...state.lines];
    const i = lines.findIndex((l) => sameLine(l, resolution.productId, locationId, damaged));
    if (i >= 0) lines[i] = { ...lines[i]!, qty: lines[i]!.qty + resolution.qty };
    else
      lines.push({
        productId: resolution.productId,
        locationId,
        qty: resolution.qty,
        ...(damaged ? { damaged, damage: state.damage ?? null } : {}),
      });
    const applied = [
      ...state.applied,
      { scanId, productId: resolution.productId, locationId, qty: resolution.qty, ...(damaged ? { damaged } : {}) },
    ].slice(-maxUndo);
    return { accepted: true, state: { ...state, lines, applied } };
  },
  done: (state) => ({ ...state, location: null }),
  async undo(_db, state, scanId) {
    const a = state.applied.find((x) => x.scanId === scanId);
    if (!a) return null;
    const lines = state.lines
      .map((l) => (sameLine(l, a.productId, a.locationId, a.damaged ?? false) ? { ...l, qty: l.qty - a.qty } : l))
      .filter((l) => l.qty > 0);
    return { ...state, lines, applied: state.applied.filter((x) => x.scanId !== scanId) };
  },
  async view(ctx, state): Promise<TaskView> {
    const db = ctx.db;
    const ids = [...new Set(state.lines.map((l) => l.productId))];
    const locIds = [...new Set(state.lines.map((l) => l.locationId))];
    const products = ids.length
      ? (
          await runTemplate(db, 'receiving.products', ids, (i) =>
            db.selectFrom('products').select(['id', 'code', 'name_zh', 'name_en', 'unit']).where('id', 'in', i),
          )
        ).rows
      : [];
    const locations = locIds.length
      ? (
          await runTemplate(db, 'receiving.locations', locIds, (i) =>
            db.selectFrom('locations').select(['id', 'code']).where('id', 'in', i),
          )
        ).rows
      : [];
    const p = new Map(products.map((x) => [x.id, x]));
    const l = new Map(locations.map((x) => [x.id, x.code]));
    return {
      kind: 'receipt',
      location: state.location,
      lines: state.lines.map((line) => ({
        productId: line.productId,
        productCode: p.get(line.productId)?.code ?? '',
        productNameZh: p.get(line.productId)?.name_zh ?? '',
        productNameEn: p.get(line.productId)?.name_en ?? '',
        unit: p.get(line.productId)?.unit ?? '',
        locationId: line.locationId,
        locationCode: l.get(line.locationId) ?? '',
        qty: line.qty,
        damaged: line.damaged ?? false,
        damage: line.damage ?? null,
      })),
      damaged: state.damaged ?? false,
      damage: state.damage ?? null,
    };
  },
};

/**
 * station.receiptDamage on the receiving task's state: the mode, and the
 * cause and suggestion — given to the line being scanned (the last scan's,
 * when damaged) and kept for the damaged lines scanned next. Leaving the mode
 * forgets the choice: the next damaged goods get their own.
 */
export function markDamage(state: ReceivingState, damaged: boolean, damage: ReceiptLineDamage | null): ReceivingState {
  if (!damaged) return { ...state, damaged: false, damage: null };
  const last = state.applied[state.applied.length - 1];
  const lines =
    damage && last?.damaged
      ? state.lines.map((l) => (sameLine(l, last.productId, last.locationId, true) ? { ...l, damage } : l))
      : state.lines;
  return { ...state, lines, damaged: true, damage };
}
