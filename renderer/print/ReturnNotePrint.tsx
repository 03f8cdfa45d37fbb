// 退货单 as printed (issue 13 §Returns 4): the operator's return note — per
// line what came back, how much went to good stock and how much to damaged
// (with the bins, and the damage report the damaged part opened), the credit
// per line and in total for finance — with signature lines for the
// salesperson, the manager, the keeper, the operator and finance.
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

export function ReturnNotePrint({ returnId, onBack }: { returnId: number; onBack(): void }) {
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
  const note = r.returnNote;
  if (!note)
    return (
      <PrintSheet
        title={t('returnDocs:note.title')}
        printedBy={session.user.displayName}
        fileName={t('returnDocs:note.file', { number: r.number })}
        onBack={onBack}
      >
        <p className="print-section">{t('returnDocs:note.notIssued', { number: r.number })}</p>
      </PrintSheet>
    );
  const lines = r.lines.filter((l) => (l.qtyChecked ?? 0) > 0 || (l.qtyGood ?? 0) + (l.qtyDamaged ?? 0) > 0);
  const checker = r.steps.find((s) => s.step === 'checked');
  return (
    <PrintSheet
      title={t('returnDocs:note.title')}
      number={note.number}
      meta={[
        { label: t('returnDocs:print.return'), value: `${r.number} · ${t(`returns:kind.${r.kind}`)}` },
        { label: t('returnDocs:print.customer'), value: `${r.customerCode} ${r.customerName}` },
        { label: t('returnDocs:print.salesperson'), value: r.salespersonName ?? '—' },
        {
          label: t('returnDocs:print.orders'),
          value: r.noDelivery ? t('returnDocs:print.noDelivery') : r.orderNumbers.join(', '),
        },
        {
          label: t('returnDocs:print.checked'),
          value: checker
            ? `${checker.by} ${f.dateTime(checker.at)} · ${t('returnDocs:print.cases', { cases: r.casesChecked ?? 0 })}`
            : '—',
        },
        { label: t('returnDocs:print.issued'), value: `${note.issuedBy} ${note.issuedDate}` },
      ]}
      printedBy={session.user.displayName}
      fileName={t('returnDocs:note.file', { number: note.number })}
      onBack={onBack}
    >
      <div className="returndocs-barcode">
        <Barcode text={note.number} heightMm={10} />
      </div>
      <table className="print-table" data-testid="print-note-lines">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('returnDocs:col.product')}</th>
            <th>{t('returnDocs:col.reason')}</th>
            <th className="num">{t('returnDocs:col.checked')}</th>
            <th className="num">{t('returnDocs:col.good')}</th>
            <th>{t('returnDocs:col.goodBin')}</th>
            <th className="num">{t('returnDocs:col.damaged')}</th>
            <th>{t('returnDocs:col.damagedBin')}</th>
            <th className="num">{t('returnDocs:col.unitPrice')}</th>
            <th className="num">{t('returnDocs:col.credit')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.lineNo}>
              <td>{l.lineNo}</td>
              <td>
                {l.productCode} {l.productName}
                {l.status === 'gift' ? ` (${t('returns:gift')})` : ''}
              </td>
              <td>{t(`returns:reason.${l.checkReason ?? l.reason}`)}</td>
              <td className="num">{casesUnits(t, f, l.qtyChecked ?? 0, l.casePack)}</td>
              <td className="num">{f.qty(l.qtyGood ?? 0)}</td>
              <td>{l.goodLocationCode ?? ''}</td>
              <td className="num">{f.qty(l.qtyDamaged ?? 0)}</td>
              <td>
                {l.damagedLocationCode ?? ''}
                {l.damageReportNumber ? ` · ${l.damageReportNumber}` : ''}
              </td>
              <td className="num">{f.money(l.unitPriceFen)}</td>
              <td className="num">{f.money(l.creditFen ?? 0)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={4}>{t('returnDocs:print.total')}</th>
            <th className="num">{f.qty(note.unitsGood)}</th>
            <th />
            <th className="num">{f.qty(note.unitsDamaged)}</th>
            <th colSpan={2} />
            <th className="num" data-testid="print-note-credit">
              {f.money(note.creditFen)}
            </th>
          </tr>
        </tfoot>
      </table>
      <p className="print-section">
        <strong>{t('returnDocs:note.creditForFinance')}</strong> {f.money(note.creditFen)}
      </p>
      <SignatureLines
        roles={[
          t('returnDocs:sign.salesperson'),
          t('returnDocs:sign.manager'),
          t('returnDocs:sign.keeper'),
          t('returnDocs:sign.operator'),
          t('returnDocs:sign.finance'),
        ]}
      />
    </PrintSheet>
  );
}
