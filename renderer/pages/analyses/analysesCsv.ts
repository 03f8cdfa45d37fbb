// Both analyses as CSV: UTF-8 with a BOM so Excel and WPS read the Chinese,
// every text cell formula-safe, amounts in yuan (two decimals).
import type { TFunction } from 'i18next';
import type { DamageAnalysis, ReturnAnalysis } from '../../../shared/contract';
import { csvRow } from '../../../shared/text/csvFormula';
import { planTarget } from './ReturnView';

const row = csvRow;
const yuan = (fen: number) => (fen / 100).toFixed(2);
const done = (lines: string[]) => `\uFEFF${lines.join('\r\n')}\r\n`;
const kinds = (t: TFunction, by: Record<string, number | undefined>) =>
  Object.entries(by)
    .map(([k, n]) => `${t(`analyses:kind.${k}`)} ${n ?? 0}`)
    .join('; ');

export function damageCsv(t: TFunction, a: DamageAnalysis, zh: boolean): string {
  const c = (k: string) => t(`analyses:damage.col.${k}`);
  const cause = (code: string) => {
    const x = a.causes.find((y) => y.cause === code);
    return x ? (zh ? x.nameZh : x.nameEn) : code;
  };
  const lines = [
    row([t('analyses:damage.title'), a.month, t(`analyses:state.${a.state}`)]),
    row([t('analyses:damage.basis')]),
    '',
    row([c('product'), c('reports'), c('qty'), c('amount'), c('causes'), c('suggested'), c('disposed'), c('open')]),
    ...a.products.map((p) =>
      row([
        `${p.productCode} ${p.productName}`,
        p.reports,
        p.qty,
        yuan(p.amountFen),
        p.causes.map(cause).join('; '),
        kinds(t, p.suggested),
        kinds(t, p.disposed),
        p.openQty,
      ]),
    ),
    row([t('analyses:total'), a.total.reports, a.total.qty, yuan(a.total.amountFen)]),
    '',
    row([c('cause'), c('reports'), c('qty'), c('amount'), c('share'), c('cumulative')]),
    ...a.causes.map((x) => row([cause(x.cause), x.reports, x.qty, yuan(x.amountFen), x.sharePct, x.cumulativePct])),
    '',
    row([c('kind'), c('disposalCount'), c('qty'), c('amount')]),
    ...a.disposals.map((d) => row([t(`analyses:kind.${d.kind}`), d.disposals, d.qty, yuan(d.amountFen)])),
    '',
    row([t('analyses:trend'), c('reports'), c('qty'), c('amount')]),
    ...a.trend.map((x) => row([x.month, x.count, x.qty, yuan(x.amountFen)])),
    '',
    ...reconciliation(t, a.reconciliation),
    '',
    row([t('analyses:note'), a.note]),
  ];
  return done(lines);
}

function reconciliation(t: TFunction, rows: DamageAnalysis['reconciliation']): string[] {
  const c = (k: string) => t(`analyses:recCol.${k}`);
  return [
    row([c('what'), c('analysis'), c('ledger'), c('analysis'), c('ledger'), c('result')]),
    ...rows.map((r) =>
      row([
        t(`analyses:rec.${r.label}`),
        r.analysisQty,
        r.ledgerQty,
        yuan(r.analysisAmountFen),
        yuan(r.ledgerAmountFen),
        r.reconciled ? t('analyses:reconciled') : '≠',
      ]),
    ),
  ];
}

export function returnCsv(t: TFunction, a: ReturnAnalysis): string {
  const c = (k: string) => t(`analyses:returns.col.${k}`);
  const lines = [
    row([t('analyses:returns.title'), a.month, t(`analyses:state.${a.state}`)]),
    row([t('analyses:returns.basis')]),
    '',
    row([
      c('kind'),
      c('salesperson'),
      c('product'),
      c('reason'),
      c('lines'),
      c('qty'),
      c('good'),
      c('damaged'),
      c('credit'),
    ]),
    ...a.rows.map((r) =>
      row([
        t(`analyses:returnKind.${r.kind}`),
        r.salespersonName || t('analyses:none'),
        `${r.productCode} ${r.productName}`,
        t(`analyses:reason.${r.reason}`),
        r.lines,
        r.qty,
        r.qtyGood,
        r.qtyDamaged,
        yuan(r.creditFen),
      ]),
    ),
    '',
    row([c('kind'), c('returns'), c('lines'), c('qty'), c('good'), c('damaged'), c('credit')]),
    ...a.kinds.map((k) =>
      row([t(`analyses:returnKind.${k.kind}`), k.returns, k.lines, k.qty, k.qtyGood, k.qtyDamaged, yuan(k.creditFen)]),
    ),
    '',
    row([t('analyses:trend'), c('reportQty'), c('refusalQty'), c('reportCredit'), c('refusalCredit')]),
    ...a.trend.map((x) => row([x.month, x.reportQty, x.refusalQty, yuan(x.reportCreditFen), yuan(x.refusalCreditFen)])),
    '',
    ...reconciliation(t, a.reconciliation),
    '',
    row([t('analyses:returns.plans')]),
    ...a.plans.map((p) => row([planTarget(t, a, p.scope, p.key), p.text])),
    '',
    row([t('analyses:note'), a.note]),
  ];
  return done(lines);
}
