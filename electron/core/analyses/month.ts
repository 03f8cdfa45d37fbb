// Month arithmetic for the analyses: 'YYYY-MM' of business days in the
// warehouse's time zone, so a month's range is plain text on business dates.
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The three months before `month` and `month`, oldest first (the trend). */
export function trendMonths(month: string): string[] {
  return [-3, -2, -1, 0].map((n) => addMonths(month, n));
}
