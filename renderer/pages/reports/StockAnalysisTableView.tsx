// One section of the stock analysis as printed: its title and note, the table
// with its header repeated on every page (styles.css print block), the total
// last. The page header/footer (title, page x of y) come from the PDF layout.
import { useTranslation } from 'react-i18next';
import type { Cell, ColumnKind, SectionTable } from '../../../shared/reports/stockAnalysisTable';
import { useFormat } from '../../i18n/format';

export function useCellText() {
  const f = useFormat();
  return (v: Cell, kind: ColumnKind): string => {
    if (v === null || v === undefined) return kind === 'days' ? '—' : '';
    if (typeof v === 'string') return v;
    if (kind === 'amount') return f.money(Math.round(v * 100));
    if (kind === 'days') return v.toFixed(1);
    return f.qty(v);
  };
}

export function StockAnalysisTableView({ section }: { section: SectionTable }) {
  const { t } = useTranslation();
  const text = useCellText();
  return (
    <section className="stock-analysis-section" data-testid={`stock-analysis-print-${section.id}`}>
      <h3>{section.title}</h3>
      <p className="weekly-note">{section.note}</p>
      {section.rows.length === 0 ? (
        <p className="weekly-note">{t('stockAnalysis:empty')}</p>
      ) : (
        <table className="print-table stock-analysis-table">
          <thead>
            <tr>
              {section.columns.map((c, i) => (
                <th key={i} className={c.kind === 'text' ? undefined : 'num'}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {section.rows.map((r) => (
              <tr key={r.id}>
                {r.cells.map((v, i) => (
                  <td key={i} className={section.columns[i]!.kind === 'text' ? undefined : 'num'}>
                    {text(v, section.columns[i]!.kind)}
                  </td>
                ))}
              </tr>
            ))}
            {section.total && (
              <tr className="weekly-total">
                {section.total.map((v, i) => (
                  <td key={i} className={section.columns[i]!.kind === 'text' ? undefined : 'num'}>
                    {text(v, section.columns[i]!.kind)}
                  </td>
                ))}
              </tr>
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
