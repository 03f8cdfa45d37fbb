// 退货报告 as printed (issue 13 §Returns 1–2): the return's number as a
// barcode (the keeper scans it at the station's return check), the customer,
// the salesperson, the delivered orders it refers to, the lines (product,
// cases + units, reason, unit credit price, amount), the manager's decision,
// and signature lines for the salesperson and the manager.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReturnView } from '../../shared/contract';
import { api } from '../api/client';
import { useSession } from '../app/session';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { casesUnits } from '../pages/returns/returnText';
import { Barcode } from './Barcode';
import { PrintSheet, SignatureLines } from './PrintSheet';

export function ReturnReportPrint({ returnId, onBack }: { returnId: number; onBack(): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const [r, setR] = useState<ReturnView | null>(null);

  useEffect(() => {
    api
      .request('returns.get', { returnId })
      .then(setR)
      .catch((e: unknown) => notify.error(e));
  }, [returnId, notify]);

  if (!r) return null;
  const total = r.lines.reduce((s, l) => s + l.qtyReported * l.unitPriceFen, 0);
  const units = r.lines.reduce((s, l) => s + l.qtyReported, 0);
  const decision = r.steps.find((s) => s.step === 'approved' || s.step === 'rejected');
  return (
    <PrintSheet
      title={t('returnDocs:report.title')}
      number={r.number}
      meta={[
        { label: t('returnDocs:print.customer'), value: `${r.customerCode} ${r.customerName}` },
        { label: t('returnDocs:print.salesperson'), value: r.salespersonName ?? '—' },
        {
          label: t('returnDocs:print.orders'),
          value: r.noDelivery ? t('returnDocs:print.noDelivery') : r.orderNumbers.join(', '),
        },
        { label: t('returnDocs:print.reportedBy'), value: `${r.reportedBy} ${f.dateTime(r.reportedAt)}` },
        { label: t('returnDocs:print.state'), value: t(`returns:state.${r.state}`) },
      ]}
      printedBy={session.user.displayName}
      fileName={t('returnDocs:report.file', { number: r.number })}
      onBack={onBack}
    >
      <div className="returndocs-barcode" data-testid="print-return-barcode">
        <Barcode text={r.number} heightMm={12} />
      </div>
      <table className="print-table" data-testid="print-return-lines">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('returnDocs:col.product')}</th>
            <th className="num">{t('returnDocs:col.qty')}</th>
            <th className="num">{t('returnDocs:col.units')}</th>
            <th>{t('returnDocs:col.reason')}</th>
            <th className="num">{t('returnDocs:col.unitPrice')}</th>
            <th className="num">{t('returnDocs:col.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {r.lines.map((l) => (
            <tr key={l.lineNo}>
              <td>{l.lineNo}</td>
              <td>
                {l.productCode} {l.productName}
                {l.status === 'gift' ? ` (${t('returns:gift')})` : ''}
              </td>
              <td className="num">{casesUnits(t, f, l.qtyReported, l.casePack)}</td>
              <td className="num">{f.qty(l.qtyReported)}</td>
              <td>
                {t(`returns:reason.${l.reason}`)}
                {l.reasonNote ? ` — ${l.reasonNote}` : ''}
              </td>
              <td className="num">{f.money(l.unitPriceFen)}</td>
              <td className="num">{f.money(l.qtyReported * l.unitPriceFen)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={3}>{t('returnDocs:print.total')}</th>
            <th className="num">{f.qty(units)}</th>
            <th colSpan={2} />
            <th className="num">{f.money(total)}</th>
          </tr>
        </tfoot>
      </table>
      {r.note && (
        <p className="print-section">
          <strong>{t('returnDocs:print.note')}</strong> {r.note}
        </p>
      )}
      <p className="print-section" data-testid="print-return-approval">
        <strong>{t('returnDocs:print.approval')}</strong>{' '}
        {decision
          ? `${t(`returns:step.${decision.step}`)} · ${decision.by} · ${f.dateTime(decision.at)}${decision.note ? ` · ${decision.note}` : ''}`
          : t('returnDocs:print.awaitingApproval')}
      </p>
      <SignatureLines roles={[t('returnDocs:sign.salesperson'), t('returnDocs:sign.manager')]} />
    </PrintSheet>
  );
}
