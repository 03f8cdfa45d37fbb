// 回访记录表 as printed (issue 16 §4): a CS person's calls of a plan on A4 —
// customer, contact and phone, the reason with the record it concerns, the
// day it is due, and the outcome: the one recorded, or boxes to tick and a
// line to write on when the sheet is taken to the phone; the signature lines
// at the end. Page x of y comes from the PDF layout; no row splits.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callOutcomes, type CallSheet } from '../../shared/contract';
import { api } from '../api/client';
import { useSession } from '../app/session';
import { useNotify } from '../components/toast/useNotify';
import { PrintSheet, SignatureLines } from './PrintSheet';

export function CallSheetPrint({ planId, userId, onBack }: { planId: number; userId?: number; onBack(): void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { session } = useSession();
  const [sheet, setSheet] = useState<CallSheet | null>(null);
  useEffect(() => {
    api.request('calls.sheet', { planId, ...(userId !== undefined && { userId }) }).then(setSheet, notify.error);
  }, [planId, userId, notify]);
  if (!sheet) return null;
  const c = (k: string) => t(`calls:col.${k}`);
  return (
    <PrintSheet
      title={t('calls:print.title')}
      number={`${sheet.startDate} – ${sheet.endDate}`}
      meta={[
        { label: t('calls:print.person'), value: sheet.userName },
        { label: t('calls:print.period'), value: `${sheet.startDate} – ${sheet.endDate}` },
        { label: t('calls:print.count'), value: String(sheet.calls.length) },
      ]}
      printedBy={session.user.displayName}
      fileName={t('calls:print.fileName', { name: sheet.userName, date: sheet.startDate })}
      onBack={onBack}
    >
      <div data-testid="print-call-sheet">
        <table className="print-table call-print-table">
          <thead>
            <tr>
              <th>#</th>
              <th>{c('customer')}</th>
              <th>{c('phone')}</th>
              <th>{c('reason')}</th>
              <th>{c('due')}</th>
              <th>{t('calls:print.outcome')}</th>
              <th>{c('note')}</th>
            </tr>
          </thead>
          <tbody>
            {sheet.calls.map((call, i) => (
              <tr key={call.id}>
                <td>{i + 1}</td>
                <td>
                  {call.customerCode} {call.customerName}
                  <div className="call-print-area">{call.area}</div>
                </td>
                <td>
                  {call.contact}
                  <div>{call.phone}</div>
                </td>
                <td>
                  {t(`calls:reason.${call.reason}`)}
                  {call.sourceNo && <div className="call-print-area">{call.sourceNo}</div>}
                </td>
                <td>{call.dueDate}</td>
                <td className="call-print-outcome">
                  {call.outcome
                    ? t(`calls:outcome.${call.outcome}`)
                    : callOutcomes.map((o) => (
                        <span key={o} className="call-print-box">
                          □ {t(`calls:outcome.${o}`)}
                        </span>
                      ))}
                </td>
                <td className="call-print-note">{[call.note, call.lastNote].filter(Boolean).join(' · ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <SignatureLines roles={[t('calls:print.signCaller'), t('calls:print.signSupervisor')]} />
      </div>
    </PrintSheet>
  );
}
