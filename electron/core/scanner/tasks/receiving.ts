// Receiving by scanner (R7 入仓): scan the bin label, then the goods; each
// scan adds its units (a case barcode its case pack) to the line for that
// product and bin. The receipt itself is posted from the receipt form, which
// takes these lines; the station keeps them until then, across restarts.
import type { TaskView } from '../../../../shared/contract';
import { runTemplate } from '../../db/queryTemplate';
import type { Task } from './task';

type Line = { productId: number; locationId: number; qty: number };
type ReceivingState = {
  location: { locationId: number; code: string } | null;
  lines: Line[];
  /** What each accepted scan added, newest last, so "undo last" is exact. */
  applied: { scanId: number; productId: number; locationId: number; qty: number }[];
};

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
    const lines = [...state.lines];
    const i = lines.findIndex((l) => l.productId === resolution.productId && l.locationId === locationId);
    if (i >= 0) lines[i] = { ...lines[i]!, qty: lines[i]!.qty + resolution.qty };
    else lines.push({ productId: resolution.productId, locationId, qty: resolution.qty });
    const applied = [
      ...state.applied,
      { scanId, productId: resolution.productId, locationId, qty: resolution.qty },
    ].slice(-maxUndo);
    return { accepted: true, state: { ...state, lines, applied } };
  },
  done: (state) => ({ ...state, location: null }),
  async undo(_db, state, scanId) {
    const a = state.applied.find((x) => x.scanId === scanId);
    if (!a) return null;
    const lines = state.lines
      .map((l) => (l.productId === a.productId && l.locationId === a.locationId ? { ...l, qty: l.qty - a.qty } : l))
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
      })),
    };
  },
};
