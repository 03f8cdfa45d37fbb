// The warehouse's working week, shared by the core and the console: it works
// Monday to Saturday, so an order taken today is dispatched on the next
// working day (on a Saturday that is Monday). The core dates the order file
// with it, and the console opens the board, the loading list and the order
// form on the same day; they disagreed on Saturdays when the console used the
// calendar tomorrow (a Sunday with nothing on it).

/** ISO weekday of a 'YYYY-MM-DD' date, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return w === 0 ? 7 : w;
}

/** The day after `date` on which the warehouse works (Sunday is skipped). */
export function nextWorkingDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  let offset = 1;
  let next = new Date(Date.UTC(y, m - 1, d + offset));
  while (next.getUTCDay() === 0) next = new Date(Date.UTC(y, m - 1, d + ++offset));
  return next.toISOString().slice(0, 10);
}
