// 残损登记 at a station (issue 13 §Damage 1): scan the bin label, then the
// damaged goods — each scan adds its units (a unit barcode 1, a case barcode
// its case pack) —, choose the cause and suggestion by number keys, Enter
// reports (damage.reportAtStation, which starts the task over). One product
// per report: another product's scan is refused with the error sound.
import type { TaskView } from '../../../../shared/contract';
import type { Task } from './task';

type DamageState = {
  location: { locationId: number; code: string } | null;
  goods: { productId: number; qty: number } | null;
  applied: { scanId: number; qty: number }[];
};

const maxUndo = 50;

export const damageTask: Task<DamageState> = {
  kind: 'damage',
  countsRepeats: true,
  ownerOnly: true,
  initial: () => ({ location: null, goods: null, applied: [] }),
  async apply(_db, state, scanId, resolution) {
    if (resolution.kind === 'location') {
      // Another bin starts another report: the goods scanned so far belonged to the old bin.
      const same = state.location?.locationId === resolution.locationId;
      return {
        accepted: true,
        state: {
          location: { locationId: resolution.locationId, code: resolution.code },
          goods: same ? state.goods : null,
          applied: same ? state.applied : [],
        },
      };
    }
    if (resolution.kind !== 'product') return { accepted: false, reason: 'scan.notForTask' };
    if (!state.location) return { accepted: false, reason: 'scan.scanLocationFirst' };
    if (state.goods && state.goods.productId !== resolution.productId)
      return { accepted: false, reason: 'damage.oneProduct' };
    const goods = { productId: resolution.productId, qty: (state.goods?.qty ?? 0) + resolution.qty };
    return {
      accepted: true,
      state: { ...state, goods, applied: [...state.applied, { scanId, qty: resolution.qty }].slice(-maxUndo) },
    };
  },
  done: (state) => ({ ...state, location: null, goods: null, applied: [] }),
  async undo(_db, state, scanId) {
    const a = state.applied.find((x) => x.scanId === scanId);
    if (!a || !state.goods) return null;
    const qty = state.goods.qty - a.qty;
    return {
      ...state,
      goods: qty > 0 ? { ...state.goods, qty } : null,
      applied: state.applied.filter((x) => x.scanId !== scanId),
    };
  },
  async view(ctx, state): Promise<TaskView> {
    if (!state.goods) return { kind: 'damage', location: state.location, goods: null };
    const p = await ctx.db
      .selectFrom('products')
      .select(['id', 'code', 'name_zh', 'name_en', 'unit', 'case_pack'])
      .where('id', '=', state.goods.productId)
      .executeTakeFirstOrThrow();
    return {
      kind: 'damage',
      location: state.location,
      goods: {
        productId: p.id,
        productCode: p.code,
        productNameZh: p.name_zh,
        productNameEn: p.name_en,
        unit: p.unit,
        casePack: p.case_pack,
        qty: state.goods.qty,
      },
    };
  },
};
