// Money is integer fen everywhere (GUIDE); these turn it into yuan text without
// ever passing through a floating-point sum.
export function formatFenAsYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
