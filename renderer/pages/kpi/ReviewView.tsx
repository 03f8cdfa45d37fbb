// The review's figures, on the page and in the print: the KPIs of the month
// against their targets and the month before, the damage, counts and
// adjustments of the month.
import { useTranslation } from 'react-i18next';
import type { KpiReview } from '../../../shared/contract';
import { useFormat } from '../../i18n/format';
import { gradeLabel, kpiDetail, kpiValue, targetText } from './kpiFormat';

export function ReviewView({ r, print = false }: { r: KpiReview; print?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const c = (k: string) => t(`kpi:review.col.${k}`);
  return (
    <>
      <table className={`kpi-table${print ? ' print-table' : ''}`} data-testid="review-kpis">
        <thead>
          <tr>
            <th>{t('kpi:kpi')}</th>
            <th>{t('kpi:target')}</th>
            <th className="num">{c('month')}</th>
            <th className="num">{t('kpi:review.previous', { month: r.previousMonth })}</th>
          </tr>
        </thead>
        <tbody>
          {r.kpis.map((k) => (
            <tr key={k.kpi} data-testid={`review-row-${k.kpi}`}>
              <th scope="row">{t(`kpi:name.${k.kpi}`)}</th>
              <td>{targetText(k.unit, k.better, k.target, f)}</td>
              <td className={`num kpi-cell${k.grade ? ` kpi-${k.grade}` : ''}`}>
                <span className="kpi-value">{kpiValue(f, k.unit, k.figure.value) || t('kpi:none')}</span>
                {k.grade && <span className="kpi-grade">{gradeLabel(t, k.grade)}</span>}
                <span className="kpi-detail">{kpiDetail(t, f, k.kpi, k.figure)}</span>
              </td>
              <td className="num kpi-cell">
                <span className="kpi-value">{kpiValue(f, k.unit, k.previous.value) || t('kpi:none')}</span>
                <span className="kpi-detail">{kpiDetail(t, f, k.kpi, k.previous)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className={`kpi-table review-facts${print ? ' print-table' : ''}`} data-testid="review-facts">
        <tbody>
          <tr>
            <th scope="row">{c('damage')}</th>
            <td>
              {t('kpi:review.damage', {
                reports: f.qty(r.damage.reports),
                qty: f.qty(r.damage.qty),
                amount: f.money(r.damage.amountFen),
              })}
            </td>
          </tr>
          <tr>
            <th scope="row">{c('counts')}</th>
            <td>
              {t('kpi:review.counts', {
                sessions: f.qty(r.counts.sessions),
                lines: f.qty(r.counts.linesCounted),
                within: f.qty(r.counts.linesWithinTolerance),
                pct: kpiValue(f, 'pct', r.counts.accuracyPct) || t('kpi:none'),
              })}
            </td>
          </tr>
          <tr>
            <th scope="row">{c('adjustments')}</th>
            <td>
              {r.adjustments.length === 0
                ? t('kpi:review.noAdjustments')
                : r.adjustments
                    .map((a) =>
                      t('kpi:review.adjustment', {
                        kind: t(`domain:adjustmentKind.${a.kind}`),
                        forms: f.qty(a.forms),
                        lines: f.qty(a.lines),
                        amount: f.money(a.netAmountFen),
                      }),
                    )
                    .join('; ')}
            </td>
          </tr>
        </tbody>
      </table>
    </>
  );
}
