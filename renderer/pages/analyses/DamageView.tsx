// The damage analysis's figures as the page and the print show them: the
// Pareto of causes, the trend, the table by cause, the disposals of the month
// and the reconciliation. The per-product list is a grid on the page
// (DamageAnalysisPage) and a table in the print (`products`).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DamageAnalysis, DamageProductRow, DisposalKind } from '../../../shared/contract';
import { useFormat } from '../../i18n/format';
import { Chart } from './Chart';
import { damageTrendOption, paretoOption } from './charts';
import { ReconciliationTable } from './parts';

export function kindList(
  t: (k: string) => string,
  by: Partial<Record<DisposalKind, number>>,
  qty: (n: number) => string,
) {
  return Object.entries(by)
    .map(([k, n]) => `${t(`analyses:kind.${k}`)} ${qty(n)}`)
    .join('，');
}

export function DamageView({ a, print = false }: { a: DamageAnalysis; print?: boolean }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const c = (k: string) => t(`analyses:damage.col.${k}`);
  const zh = i18n.language === 'zh-CN';
  const pareto = useMemo(
    () =>
      paretoOption(a.causes, (x) => (zh ? x.nameZh : x.nameEn), {
        amount: t('analyses:damage.paretoAmount'),
        cumulative: t('analyses:damage.paretoCumulative'),
      }),
    [a.causes, zh, t],
  );
  const trend = useMemo(
    () => damageTrendOption(a.trend, { qty: t('analyses:damage.trendQty'), amount: t('analyses:damage.trendAmount') }),
    [a.trend, t],
  );
  return (
    <div className="analysis-body" data-testid="damage-analysis-body">
      <p className="analysis-basis">{t('analyses:damage.basis')}</p>
      <p className="analysis-total" data-testid="damage-total">
        {t('analyses:total')}: {f.qty(a.total.reports)} {c('reports')} · {f.qty(a.total.qty)} {c('qty')} ·{' '}
        {f.money(a.total.amountFen)}
      </p>
      <div className="analysis-charts">
        <section>
          <h3>{t('analyses:damage.pareto')}</h3>
          <Chart option={pareto} print={print} testId="chart-pareto" />
        </section>
        <section>
          <h3>{t('analyses:trend')}</h3>
          <Chart option={trend} print={print} testId="chart-damage-trend" />
        </section>
      </div>
      <section className="print-section">
        <h3>{t('analyses:damage.byCause')}</h3>
        <table className="print-table" data-testid="damage-by-cause">
          <thead>
            <tr>
              <th>{c('cause')}</th>
              <th className="num">{c('reports')}</th>
              <th className="num">{c('qty')}</th>
              <th className="num">{c('amount')}</th>
              <th className="num">{c('share')}</th>
              <th className="num">{c('cumulative')}</th>
            </tr>
          </thead>
          <tbody>
            {a.causes.map((x) => (
              <tr key={x.cause}>
                <td>{zh ? x.nameZh : x.nameEn}</td>
                <td className="num">{f.qty(x.reports)}</td>
                <td className="num">{f.qty(x.qty)}</td>
                <td className="num">{f.money(x.amountFen)}</td>
                <td className="num">{x.sharePct}%</td>
                <td className="num">{x.cumulativePct}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="print-section">
        <h3>{t('analyses:damage.disposals')}</h3>
        <table className="print-table" data-testid="damage-disposals">
          <thead>
            <tr>
              <th>{c('kind')}</th>
              <th className="num">{c('disposalCount')}</th>
              <th className="num">{c('qty')}</th>
              <th className="num">{c('amount')}</th>
            </tr>
          </thead>
          <tbody>
            {a.disposals.map((d) => (
              <tr key={d.kind}>
                <td>{t(`analyses:kind.${d.kind}`)}</td>
                <td className="num">{f.qty(d.disposals)}</td>
                <td className="num">{f.qty(d.qty)}</td>
                <td className="num">{f.money(d.amountFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <ReconciliationTable rows={a.reconciliation} />
      {print && <ProductTable rows={a.products} causeName={(code) => causeName(a, code, zh)} />}
    </div>
  );
}

export const causeName = (a: DamageAnalysis, code: string, zh: boolean) => {
  const x = a.causes.find((c) => c.cause === code);
  return x ? (zh ? x.nameZh : x.nameEn) : code;
};

function ProductTable({ rows, causeName }: { rows: DamageProductRow[]; causeName(code: string): string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const c = (k: string) => t(`analyses:damage.col.${k}`);
  return (
    <section className="print-section">
      <h3>{t('analyses:damage.byProduct')}</h3>
      <table className="print-table" data-testid="damage-by-product">
        <thead>
          <tr>
            <th>{c('product')}</th>
            <th className="num">{c('qty')}</th>
            <th className="num">{c('amount')}</th>
            <th>{c('causes')}</th>
            <th>{c('suggested')}</th>
            <th>{c('disposed')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.productId}>
              <td>
                {p.productCode} {p.productName}
              </td>
              <td className="num">{f.qty(p.qty)}</td>
              <td className="num">{f.money(p.amountFen)}</td>
              <td>{p.causes.map(causeName).join('，')}</td>
              <td>{kindList(t, p.suggested, f.qty)}</td>
              <td>{kindList(t, p.disposed, f.qty)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
