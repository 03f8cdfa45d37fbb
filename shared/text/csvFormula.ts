// Exports that open safely in Excel (issue 10 §4; OWASP "CSV injection"): a
// cell that begins with = + - @ tab or carriage return is read by a
// spreadsheet as a formula — `=HYPERLINK("http://x","y")` in a product name
// becomes a live link. Such a cell gets a leading apostrophe, which Excel and
// WPS show as text. A number stays a number: "-5" or "-12.50" is not touched.
// One rule for every CSV export: papaparse's `escapeFormulae` takes the
// regular expression (the CLI), the grids call `csvSafeCell` (AG Grid's
// processCellCallback).

/** Cells a spreadsheet would evaluate: a formula lead character, unless the whole cell is a plain number. */
export const csvFormulaTrigger = /^(?!-?\d+(?:\.\d+)?$)[=+\-@\t\r]/;

/** The cell as text a spreadsheet will not evaluate. */
export function csvSafeCell(value: string): string {
  return csvFormulaTrigger.test(value) ? `'${value}` : value;
}

/** One CSV field: a number as it is, text formula-safe, quoted when it holds a quote, comma or line break. */
export function csvField(v: string | number): string {
  const s = typeof v === 'number' ? String(v) : csvSafeCell(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One CSV line of fields (the report exports' CSV files: UTF-8 with a BOM, CRLF between lines). */
export const csvRow = (cells: (string | number)[]): string => cells.map(csvField).join(',');
