// One formula rule for every CSV export: the CLI (papaparse) and the grids
// (AG Grid's processCellCallback) neutralise the same cells.
import type { ProcessCellForExportParams } from 'ag-grid-community';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { safeCsvCells } from '../../../renderer/components/grid/csvExport';
import { csvFormulaTrigger, csvSafeCell } from '../../../shared/text/csvFormula';

const dangerous = ['=HYPERLINK("http://x","y")', '@SUM(1)', '+1+1', '-2+3', '-', '\tTAB', '\rCR', '=1'];
const harmless = ['-5', '-12.50', '5', '0.5', '康师傅', 'P-01', 'a=b', ' =x', ''];

describe('CSV formula neutralising', () => {
  it.each(dangerous)('turns %j into text', (cell) => {
    expect(csvSafeCell(cell)).toBe(`'${cell}`);
  });

  it.each(harmless)('leaves %j alone (numbers stay numbers)', (cell) => {
    expect(csvSafeCell(cell)).toBe(cell);
  });

  it('papaparse with the shared rule writes the same cells, numbers unquoted', () => {
    const csv = Papa.unparse([{ name: '=HYPERLINK("http://x","y")', at: '@SUM(1)', qty: -5, amount: '-12.50' }], {
      escapeFormulae: csvFormulaTrigger,
    });
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""http://x"",""y"")","'@SUM(1)",-5,-12.50`);
  });

  it('the grid export callback applies it after the column formatting', () => {
    const params = (value: unknown) =>
      ({ value, formatValue: (v: unknown) => String(v) }) as unknown as ProcessCellForExportParams<unknown>;
    expect(safeCsvCells()(params('=HYPERLINK("http://x","y")'))).toBe(`'=HYPERLINK("http://x","y")`);
    expect(safeCsvCells()(params(-5))).toBe('-5');
    expect(safeCsvCells(() => '@SUM(1)')(params('x'))).toBe("'@SUM(1)");
  });
});
