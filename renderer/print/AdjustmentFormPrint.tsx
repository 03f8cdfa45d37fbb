// 库存调整表 as printed: every line with its cause, the totals, and signature
// lines for the keeper, the operator and the approving CS manager (R10).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdjustmentFormView } from '../../shared/contract/counts';
import { api } from '../api/client';
import { useSession } from '../app/session';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { PrintSheet, SignatureLines } from './PrintSheet';

export function AdjustmentFormPrint({ formId, onBack }: { formId: number; onBack(): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const [form, setForm] = useState<AdjustmentFormView | null>(null);

  useEffect(() => {
    api.request('adjustments.get', { formId }).then(setForm, notify.error);
  }, [formId, notify]);

  if (!form) return null;
  const meta = [
    { label: t('adjustments:print.kind'), value: t(`domain:adjustmentKind.${form.kind}`) },
    ...(form.sessionNumber ? [{ label: t('adjustments:print.session'), value: form.sessionNumber }] : []),
    { label: t('adjustments:print.state'), value: t(`domain:documentState.${form.state}`) },
    { label: t('adjustments:print.createdBy'), value: `${form.createdBy} ${f.dateTime(form.createdAt)}` },
    ...(form.submittedBy
      ? [{ label: t('adjustments:print.submittedBy'), value: `${form.submittedBy} ${f.dateTime(form.submittedAt)}` }]
      : []),
    ...(form.decidedBy
      ? [{ label: t('adjustments:print.decidedBy'), value: `${form.decidedBy} ${f.dateTime(form.decidedAt)}` }]
      : []),
    ...(form.comment ? [{ label: t('adjustments:print.comment'), value: form.comment }] : []),
    ...(form.documentNo ? [{ label: t('adjustments:print.documentNo'), value: form.documentNo }] : []),
  ];

  return (
    <PrintSheet
      title={t('adjustments:print.title')}
      number={form.number}
      meta={meta}
      printedBy={session.user.displayName}
      fileName={t('adjustments:print.file', { number: form.number })}
      onBack={onBack}
    >
      {form.note && <p className="print-section">{t('adjustments:detail.noteLine', { note: form.note })}</p>}
      <table className="print-table" data-testid="print-adjustment-lines">
        <thead>
          <tr>
            <th className="num">{t('adjustments:col.lineNo')}</th>
            <th>{t('adjustments:col.product')}</th>
            <th>{t('adjustments:col.unit')}</th>
            <th>{t('adjustments:col.status')}</th>
            <th>{t('adjustments:col.location')}</th>
            <th className="num">{t('adjustments:col.qty')}</th>
            <th className="num">{t('adjustments:col.unitCost')}</th>
            <th className="num">{t('adjustments:col.amount')}</th>
            <th>{t('adjustments:col.cause')}</th>
            <th>{t('adjustments:col.note')}</th>
          </tr>
        </thead>
        <tbody>
          {form.lines.map((l) => (
            <tr key={l.lineNo}>
              <td className="num">{l.lineNo}</td>
              <td>
                {l.productCode} {f.productName(l.productNameZh, l.productNameEn)}
              </td>
              <td>{l.unit}</td>
              <td>{t(`domain:status.${l.status}`)}</td>
              <td>{l.locationCode}</td>
              <td className="num">{f.qty(l.qty)}</td>
              <td className="num">{f.money(l.unitCostFen)}</td>
              <td className="num">{f.money(l.amountFen)}</td>
              <td>{t(`domain:countCause.${l.cause}`)}</td>
              <td>{l.note}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={5}>{t('adjustments:print.total')}</th>
            <th className="num">{f.qty(form.totalQty)}</th>
            <th />
            <th className="num">{f.money(form.totalAmountFen)}</th>
            <th colSpan={2} />
          </tr>
        </tfoot>
      </table>
      <SignatureLines
        roles={[t('adjustments:print.keeper'), t('adjustments:print.operator'), t('adjustments:print.manager')]}
      />
    </PrintSheet>
  );
}
