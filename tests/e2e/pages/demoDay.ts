// The demo day as the dock's e2e tests need it, read through the contract:
// which products have a unit barcode to scan, and a few small released orders
// of a dispatch date whose every line can be scanned.
import type { StationClient } from '../../helpers/stationClient';

export type OrderLine = { productId: number; qty: number };
export type ScannableOrder = { id: number; number: string; lines: OrderLine[] };
export type Catalogue = { barcodes: Map<number, string>; codes: Map<number, string> };

type Request = StationClient['request'];

/** Each product's code, and its unit barcode where it has one. */
export async function catalogue(request: Request): Promise<Catalogue> {
  const barcodes = new Map<number, string>();
  const codes = new Map<number, string>();
  for (const p of await request<{ id: number; code: string; unitBarcode: string | null }[]>('products.list', {})) {
    if (p.unitBarcode) barcodes.set(p.id, p.unitBarcode);
    codes.set(p.id, p.code);
  }
  return { barcodes, codes };
}

/**
 * `count` released orders of `dispatchDate` of at most `maxUnits` units and two
 * lines or more, every line a product with a unit barcode and no gift —
 * emergency ones first when asked, and with no product in common when asked
 * (so each order's scans are its own).
 */
export async function scannableOrders(
  request: Request,
  barcodes: Map<number, string>,
  opts: { dispatchDate: string; count: number; maxUnits: number; emergencyFirst?: boolean; distinct?: boolean },
): Promise<ScannableOrder[]> {
  const released = await request<
    { id: number; number: string; units: number; lineCount: number; emergency: boolean }[]
  >('orders.list', { dispatchDate: opts.dispatchDate, states: ['released'] });
  const candidates = released.filter((o) => o.units <= opts.maxUnits && o.lineCount >= 2);
  if (opts.emergencyFirst) candidates.sort((a, b) => Number(b.emergency) - Number(a.emergency) || a.units - b.units);
  const picked: ScannableOrder[] = [];
  for (const o of candidates) {
    const view = await request<{ lines: { productId: number | null; qty: number | null; gift: boolean }[] }>(
      'orders.get',
      { orderId: o.id },
    );
    const lines = view.lines.map((l) => ({ productId: l.productId!, qty: l.qty! }));
    const clash =
      opts.distinct && picked.some((p) => p.lines.some((a) => lines.some((b) => a.productId === b.productId)));
    if (!clash && lines.every((l) => barcodes.has(l.productId)) && view.lines.every((l) => !l.gift))
      picked.push({ id: o.id, number: o.number, lines });
    if (picked.length === opts.count) break;
  }
  return picked;
}
