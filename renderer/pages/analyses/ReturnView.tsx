// The return analysis's figures as the page and the print show them: returns
// and refusals apart, the split by reason (chart and table), by salesperson,
// the trend and the reconciliation. The salesperson × product × reason lines
// are a grid on the page (ReturnAnalysisPage) and a table in the print.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReturnAnalysis, ReturnAnalysisRow } from '../../../shared/contract';
import { useFormat } from '../../i18n/format';
import { Chart } from './Chart';
import { reasonOption, returnTrendOption } from './charts';
import { ReconciliationTable } from './parts';

export function ReturnView({ a, print = false }: { a: ReturnAnalysis; print?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const c = (k: string) => t(`analyses:returns.col.${k}`);
  const names = { report: t('analyses:returnKind.report'), refusal: t('analyses:returnKind.refusal') };
  const reasons = useMemo(
    () => reasonOption(a.reasons, (r) => t(`analyses:reason.${r.reason}`), names),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [a.reasons, t],
  );
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const trend = useMemo(() => returnTrendOption(a.trend, names), [a.trend, t]);
  const who = (name: string) => name || t('analyses:none');
  return (
    <div className="analysis-body" data-testid="return-analysis-body">
      <p className="analysis-basis">{t('analyses:returns.basis')}</p>
      <table className="print-table" data-testid="return-kinds">
        <thead>
          <tr>
            <th>{c('kind')}</th>
            <th className="num">{c('returns')}</th>
            <th className="num">{c('lines')}</th>
            <th className="num">{c('qty')}</th>
            <th className="num">{c('good')}</th>
            <th className="num">{c('damaged')}</th>
            <th className="num">{c('credit')}</th>
          </tr>
        </thead>
        <tbody>
          {a.kinds.map((k) => (
            <tr key={k.kind}>
              <td>{t(`analyses:returnKind.${k.kind}`)}</td>
              <td className="num">{f.qty(k.returns)}</td>
              <td className="num">{f.qty(k.lines)}</td>
              <td className="num">{f.qty(k.qty)}</td>
              <td className="num">{f.qty(k.qtyGood)}</td>
              <td className="num">{f.qty(k.qtyDamaged)}</td>
              <td className="num">{f.money(k.creditFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="analysis-charts">
        <section>
          <h3>{t('analyses:returns.byReason')}</h3>
          <Chart option={reasons} print={print} testId="chart-reasons" />
        </section>
        <section>
          <h3>{t('analyses:trend')}</h3>
          <Chart option={trend} print={print} testId="chart-return-trend" />
        </section>
      </div>
      <section className="print-section">
        <h3>{t('analyses:returns.byReason')}</h3>
        <table className="print-table" data-testid="return-by-reason">
          <thead>
            <tr>
              <th>{c('reason')}</th>
              <th className="num">{c('reportQty')}</th>
              <th className="num">{c('refusalQty')}</th>
              <th className="num">{c('credit')}</th>
              <th className="num">{c('share')}</th>
            </tr>
          </thead>
          <tbody>
            {a.reasons.map((r) => (
              <tr key={r.reason}>
                <td>{t(`analyses:reason.${r.reason}`)}</td>
                <td className="num">{f.qty(r.reportQty)}</td>
                <td className="num">{f.qty(r.refusalQty)}</td>
                <td className="num">{f.money(r.creditFen)}</td>
                <td className="num">{r.sharePct}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="print-section">
        <h3>{t('analyses:returns.bySalesperson')}</h3>
        <table className="print-table" data-testid="return-by-salesperson">
          <thead>
            <tr>
              <th>{c('salesperson')}</th>
              <th className="num">{c('returns')}</th>
              <th className="num">{c('reportQty')}</th>
              <th className="num">{c('reportCredit')}</th>
              <th className="num">{c('refusalQty')}</th>
              <th className="num">{c('refusalCredit')}</th>
            </tr>
          </thead>
          <tbody>
            {a.salespeople.map((s) => (
              <tr key={String(s.salespersonId)}>
                <td>{who(s.salespersonName)}</td>
                <td className="num">{f.qty(s.returns)}</td>
                <td className="num">{f.qty(s.reportQty)}</td>
                <td className="num">{f.money(s.reportCreditFen)}</td>
                <td className="num">{f.qty(s.refusalQty)}</td>
                <td className="num">{f.money(s.refusalCreditFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <ReconciliationTable rows={a.reconciliation} />
      {print && <PlansTable a={a} />}
      {print && <DetailTable rows={a.rows} />}
    </div>
  );
}

/** The plan's target as shown: the salesperson's name or the reason. */
export function planTarget(t: (k: string) => string, a: ReturnAnalysis, scope: string, key: string): string {
  if (scope === 'reason') return t(`analyses:reason.${key}`);
  if (key === 'none') return t('analyses:none');
  return a.salespeople.find((s) => String(s.salespersonId) === key)?.salespersonName ?? `#${key}`;
}

function PlansTable({ a }: { a: ReturnAnalysis }) {
  const { t } = useTranslation();
  return (
    <section className="print-section">
      <h3>{t('analyses:returns.plans')}</h3>
      <table className="print-table" data-testid="return-plans-print">
        <tbody>
          {a.plans.map((p) => (
            <tr key={`${p.scope}-${p.key}`}>
              <td>{planTarget(t, a, p.scope, p.key)}</td>
              <td className="plan-text">{p.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function DetailTable({ rows }: { rows: ReturnAnalysisRow[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const c = (k: string) => t(`analyses:returns.col.${k}`);
  return (
    <section className="print-section">
      <h3>{t('analyses:returns.detail')}</h3>
      <table className="print-table" data-testid="return-detail-print">
        <thead>
          <tr>
            <th>{c('kind')}</th>
            <th>{c('salesperson')}</th>
            <th>{c('product')}</th>
            <th>{c('reason')}</th>
            <th className="num">{c('qty')}</th>
            <th className="num">{c('credit')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>{t(`analyses:returnKind.${r.kind}`)}</td>
              <td>{r.salespersonName || t('analyses:none')}</td>
              <td>
                {r.productCode} {r.productName}
              </td>
              <td>{t(`analyses:reason.${r.reason}`)}</td>
              <td className="num">{f.qty(r.qty)}</td>
              <td className="num">{f.money(r.creditFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
