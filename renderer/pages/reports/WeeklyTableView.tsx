// The weekly stock report as printed: one table, category lines then their
// subtotal, the grand total last; each figure cell shows the quantity over the
// amount. The header row repeats on every page and no row splits (styles.css,
// print block), the page header/footer (title, page x of y) come from the PDF
// layout (electron/print/pdfLayout.ts).
import { useTranslation } from 'react-i18next';
import { weeklyColumns, type WeeklyReport } from '../../../shared/contract/reports';
import { weeklyTableLines } from '../../../shared/reports/weeklyTable';
import { useFormat } from '../../i18n/format';

export function WeeklyTableView({ report }: { report: WeeklyReport }) {
  const { t } = useTranslation();
  const f = useFormat();
  const lines = weeklyTableLines(report);
  const days = (d: number | null) => (d === null ? '—' : d.toFixed(1));
  return (
    <table className="print-table weekly-print-table" data-testid="weekly-print-table">
      <colgroup>
        <col className="weekly-col-code" />
        <col className="weekly-col-name" />
        <col className="weekly-col-status" />
        {weeklyColumns.map((c) => (
          <col key={c} />
        ))}
        <col className="weekly-col-days" />
      </colgroup>
      <thead>
        <tr>
          <th>{t('reports:weekly.col.code')}</th>
          <th>{t('reports:weekly.col.name')}</th>
          <th>{t('reports:weekly.col.status')}</th>
          {weeklyColumns.map((c) => (
            <th key={c} className="num">
              {t(`reports:weekly.col.${c}`)}
            </th>
          ))}
          <th className="num">{t('reports:weekly.col.daysOfInventory')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={l.id} className={l.kind === 'line' ? undefined : `weekly-${l.kind}`}>
            {l.kind === 'line' ? (
              <>
                <td className="weekly-code">{l.productCode}</td>
                <td>
                  {f.productName(l.productName, l.productNameEn)}
                  {l.spec && <span className="weekly-spec"> {l.spec}</span>}
                  {l.successorCode && <span className="weekly-spec"> → {l.successorCode}</span>}
                </td>
                <td>{t(`domain:status.${l.status}`)}</td>
              </>
            ) : (
              <th colSpan={3} scope="row">
                {l.kind === 'total'
                  ? t('reports:weekly.grandTotal')
                  : t('reports:weekly.subtotal', { category: l.category || t('reports:weekly.noCategory') })}
              </th>
            )}
            {weeklyColumns.map((c) => (
              <td key={c} className="num">
                {f.qty(l.figures[c].qty)}
                <br />
                {f.money(l.figures[c].amountFen)}
              </td>
            ))}
            <td className="num">{days(l.daysOfInventory)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
