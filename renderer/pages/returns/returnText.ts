// How the return documents say a quantity: cases and loose units as the
// stations do (3 箱 + 2), and the unit count behind it.
import type { TFunction } from 'i18next';

export function casesUnits(t: TFunction, f: { qty(n: number): string }, qty: number, casePack: number): string {
  if (casePack <= 1) return t('returnDocs:qty.units', { units: f.qty(qty) });
  const cases = Math.floor(qty / casePack);
  const units = qty - cases * casePack;
  if (cases === 0) return t('returnDocs:qty.units', { units: f.qty(units) });
  if (units === 0) return t('returnDocs:qty.cases', { cases: f.qty(cases) });
  return t('returnDocs:qty.casesUnits', { cases: f.qty(cases), units: f.qty(units) });
}
