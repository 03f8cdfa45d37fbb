// Quantities, money and times as the console writes them, in one place for
// the screens (renderer/i18n/format.ts) and the documents written outside a
// page (electron/print/*Pdf.ts), so a PDF and the screen it came from never
// disagree on a figure's look. Quantities are whole base units; money is
// integer fen.

export type NumberFormats = {
  /** A quantity: integer, grouped ("12,480"). */
  qty(n: number): string;
  /** Money from integer fen: "¥1,234.50" in every language. */
  money(fen: number): string;
  /** An instant as date and 24-hour time in `timeZone`. */
  dateTime(at: Date): string;
};

export function numberFormats(locale: string, timeZone: string | undefined): NumberFormats {
  const qty = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const money = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'CNY',
    // "¥" in every language (en would otherwise write "CN¥").
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const dateTime = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone,
  });
  return {
    qty: (n) => qty.format(n),
    // Display only: one division of an integer by 100, rounded to 2 places by Intl,
    // is exact for every amount below 2^53 fen. Sums are always done in fen.
    money: (fen) => money.format(fen / 100),
    dateTime: (at) => dateTime.format(at),
  };
}
