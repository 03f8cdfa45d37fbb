// stock.changed → a grid transaction: the event carries each changed key's new
// quantity, so the grid updates those rows (or adds/removes them) without
// reloading 10,000 balances. A key the grid has never seen needs the product's
// and the location's names, which come from the catalogue (loaded once).
import type { GridApi } from 'ag-grid-community';
import type { StockKey } from '../../../shared/contract/events';
import type { BalanceRow, LocationView, ProductView } from '../../../shared/contract/types';
import { api } from '../../api/client';
import { balanceRowId } from './inventoryColumns';

export type Catalogue = { products: Map<number, ProductView>; locations: Map<number, LocationView> };

export async function loadCatalogue(): Promise<Catalogue> {
  const [products, locations] = await Promise.all([
    api.request('products.list', {}),
    api.request('locations.list', {}),
  ]);
  return {
    products: new Map(products.map((p) => [p.id, p])),
    locations: new Map(locations.map((l) => [l.id, l])),
  };
}

function newRow(k: StockKey, c: Catalogue): BalanceRow | null {
  const p = c.products.get(k.productId);
  const l = c.locations.get(k.locationId);
  if (!p || !l) return null;
  return {
    productId: p.id,
    productCode: p.code,
    productNameZh: p.nameZh,
    productNameEn: p.nameEn,
    category: p.category,
    unit: p.unit,
    oldCode: p.replacedByCode !== null,
    status: k.status,
    locationId: l.id,
    locationCode: l.code,
    qty: k.qty,
    unitCostFen: p.unitCostFen,
    amountFen: p.unitCostFen === null ? null : k.qty * p.unitCostFen,
  };
}

/**
 * Applies the changed keys. Returns false when a new row could not be built
 * (a product or location the catalogue does not know yet): the caller reloads.
 */
export async function applyStockKeys(
  grid: GridApi<BalanceRow>,
  keys: StockKey[],
  catalogue: () => Promise<Catalogue>,
): Promise<boolean> {
  const add: BalanceRow[] = [];
  const update: BalanceRow[] = [];
  const remove: BalanceRow[] = [];
  for (const k of keys) {
    const node = grid.getRowNode(balanceRowId(k));
    if (node?.data) {
      if (k.qty === 0) remove.push(node.data);
      // Integer fen × integer qty: exact.
      else
        update.push({
          ...node.data,
          qty: k.qty,
          amountFen: node.data.unitCostFen === null ? null : k.qty * node.data.unitCostFen,
        });
    } else if (k.qty > 0) {
      const row = newRow(k, await catalogue());
      if (!row) return false;
      add.push(row);
    }
  }
  if (grid.isDestroyed()) return true;
  grid.applyTransaction({ add, update, remove });
  return true;
}
