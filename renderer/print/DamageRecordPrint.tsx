// 残损记录 as printed (issue 13): one report or a selection, each with its
// product, bin, qty, amount, where found, cause, suggestion and what was done,
// its steps, and signature lines for the reporter, the keeper and the manager.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DamageCause, DamageReportView } from '../../shared/contract/damage';
import { api } from '../api/client';
import { useSession } from '../app/session';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { causeName } from '../pages/damage/ReportDetail';
import { PrintSheet, SignatureLines } from './PrintSheet';

export function DamageRecordPrint({ reportIds, onBack }: { reportIds: number[]; onBack(): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const [reports, setReports] = useState<DamageReportView[] | null>(null);
  const [causes, setCauses] = useState<DamageCause[]>([]);

  useEffect(() => {
    Promise.all([
      api.request('damage.causes', {}),
      ...reportIds.map((reportId) => api.request('damage.get', { reportId })),
    ])
      .then(([c, ...r]) => {
        setCauses(c);
        setReports(r);
      })
      .catch((e: unknown) => notify.error(e));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the ids' text, not the array's identity
  }, [reportIds.join(','), notify]);

  if (!reports) return null;
  const totalQty = reports.reduce((s, r) => s + r.qty, 0);
  const totalAmount = reports.reduce((s, r) => s + r.amountFen, 0);
  const number = reports.length === 1 ? reports[0]!.number : `${reports[0]?.number ?? ''} …`;
  return (
    <PrintSheet
      title={t('damage:print.title')}
      number={number}
      meta={[{ label: t('damage:print.count'), value: f.qty(reports.length) }]}
      printedBy={session.user.displayName}
      fileName={t('damage:print.file', { number: reports[0]?.number ?? '' })}
      onBack={onBack}
    >
      <table className="print-table" data-testid="print-damage-lines">
        <thead>
          <tr>
            <th>{t('damage:col.number')}</th>
            <th>{t('damage:col.product')}</th>
            <th>{t('damage:col.location')}</th>
            <th className="num">{t('damage:col.qty')}</th>
            <th className="num">{t('damage:col.amount')}</th>
            <th>{t('damage:col.whereFound')}</th>
            <th>{t('damage:col.cause')}</th>
            <th>{t('damage:col.suggestion')}</th>
            <th>{t('damage:print.done')}</th>
            <th>{t('damage:col.state')}</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((r) => (
            <tr key={r.id}>
              <td>{r.number}</td>
              <td>
                {r.productCode} {f.productName(r.productName, r.productNameEn)}
              </td>
              <td>{r.locationCode}</td>
              <td className="num">{f.qty(r.qty)}</td>
              <td className="num">{f.money(r.amountFen)}</td>
              <td>{t(`damage:whereFound.${r.whereFound}`)}</td>
              <td>
                {causeName(causes, r.cause, f.productName)}
                {r.causeNote && ` — ${r.causeNote}`}
              </td>
              <td>{t(`damage:kind.${r.suggestion}`)}</td>
              <td>
                {r.done
                  .filter((d) => d.state === 'approved')
                  .map((d) => `${t(`damage:kind.${d.kind}`)} ${f.qty(d.qty)}`)
                  .join('；') || '—'}
              </td>
              <td>{t(`damage:state.${r.state}`)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={3}>{t('damage:print.total')}</th>
            <th className="num">{f.qty(totalQty)}</th>
            <th className="num">{f.money(totalAmount)}</th>
            <th colSpan={5} />
          </tr>
        </tfoot>
      </table>
      {reports.map((r) => (
        <p key={r.id} className="print-section">
          <strong>{r.number}</strong>{' '}
          {r.steps
            .map((s) => `${t(`damage:step.${s.step}`)} ${s.by} ${f.dateTime(s.at)}${s.note ? ` (${s.note})` : ''}`)
            .join(' → ')}
        </p>
      ))}
      <SignatureLines roles={[t('damage:print.reporter'), t('damage:print.keeper'), t('damage:print.manager')]} />
    </PrintSheet>
  );
}
