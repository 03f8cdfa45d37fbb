// The tracker's table: a row per KPI, a column per week 第一周 … and the month;
// each cell coloured against the KPI's target with a mark and a word (met ✓,
// near ≈, missed ✗), and on screen a button that opens the records behind it.
// The same table prints (print: no buttons, no target inputs).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { KpiId, KpiTracker } from '../../../shared/contract';
import { useFormat } from '../../i18n/format';
import { gradeLabel, kpiDetail, kpiValue, targetText } from './kpiFormat';

type Props = {
  tracker: KpiTracker;
  print?: boolean;
  onDrill?(kpi: KpiId, periodIndex: number): void;
  /** The CS manager edits targets in place. */
  targetEditor?(kpi: KpiId): ReactNode;
};

export function KpiTable({ tracker, print = false, onDrill, targetEditor }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <table className={`kpi-table${print ? ' print-table' : ''}`} data-testid="kpi-table">
      <thead>
        <tr>
          <th>{t('kpi:kpi')}</th>
          <th>{t('kpi:target')}</th>
          {tracker.periods.map((p) => (
            <th key={p.key} className="num">
              <div>{t(`kpi:period.${p.key}`)}</div>
              <div className="kpi-period-dates">
                {t('kpi:periodDates', { from: p.from.slice(5), to: p.to.slice(5) })}
              </div>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {tracker.rows.map((row) => (
          <tr key={row.kpi} data-testid={`kpi-row-${row.kpi}`}>
            <th scope="row" title={t(`kpi:definition.${row.kpi}`)}>
              <div>{t(`kpi:name.${row.kpi}`)}</div>
              {print && <div className="kpi-definition">{t(`kpi:definition.${row.kpi}`)}</div>}
            </th>
            <td className="kpi-target">
              {targetEditor ? targetEditor(row.kpi) : targetText(row.unit, row.better, row.target, f)}
            </td>
            {row.cells.map((c, i) => {
              const p = tracker.periods[i]!;
              const content = p.future ? (
                <span className="kpi-future">{t('kpi:future')}</span>
              ) : c.figure === null || c.figure.value === null ? (
                <span className="kpi-none">{t('kpi:none')}</span>
              ) : (
                <>
                  <span className="kpi-value">{kpiValue(f, row.unit, c.figure.value)}</span>
                  {c.grade && <span className="kpi-grade">{gradeLabel(t, c.grade)}</span>}
                  <span className="kpi-detail">{kpiDetail(t, f, row.kpi, c.figure)}</span>
                </>
              );
              const cls = `num kpi-cell${c.grade ? ` kpi-${c.grade}` : ''}`;
              return (
                <td key={p.key} className={cls} data-testid={`kpi-cell-${row.kpi}-${p.key}`}>
                  {onDrill && !p.future ? (
                    <button
                      type="button"
                      className="kpi-drill-button"
                      aria-label={t('kpi:openDrill', {
                        kpi: t(`kpi:name.${row.kpi}`),
                        period: t(`kpi:period.${p.key}`),
                      })}
                      onClick={() => onDrill(row.kpi, i)}
                    >
                      {content}
                    </button>
                  ) : (
                    content
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function KpiLegend() {
  const { t } = useTranslation();
  return (
    <div className="kpi-legend" data-testid="kpi-legend">
      <span>{t('kpi:legend')}:</span>
      {(['met', 'near', 'missed'] as const).map((g) => (
        <span key={g} className={`kpi-cell kpi-${g}`}>
          {gradeLabel(t, g)}
        </span>
      ))}
      <span className="kpi-cell">{t('kpi:noTarget')}</span>
    </div>
  );
}
