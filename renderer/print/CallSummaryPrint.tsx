// 回访总结报告 as printed (issue 16 §4): the follow-up summary of a period on
// A4 — calls planned, done, satisfied, issues raised, unanswered attempts, the
// satisfaction and within-3-days rates, the counts by reason, by CS person and
// by area, and the supervisor's written conclusions with who wrote them; the
// signature lines at the end. Page x of y comes from the PDF layout.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallSummary, SummaryCount } from '../../shared/contract';
import { api } from '../api/client';
import { useSession } from '../app/session';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { PrintSheet, SignatureLines } from './PrintSheet';

export function CallSummaryPrint({ from, to, onBack }: { from: string; to: string; onBack(): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const [s, setS] = useState<CallSummary | null>(null);
  useEffect(() => {
    api.request('calls.summary', { from, to }).then(setS, notify.error);
  }, [from, to, notify]);
  if (!s) return null;
  const n = (k: string) => t(`calls:sum.${k}`);
  const pct = (pm: number | null) => (pm === null ? '—' : `${(pm / 10).toFixed(1)}%`);
  const counts = (title: string, rows: SummaryCount[], label: (key: string) => string) => (
    <table className="print-table call-summary-table">
      <thead>
        <tr>
          <th>{title}</th>
          <th className="num">{n('planned')}</th>
          <th className="num">{n('done')}</th>
          <th className="num">{n('satisfied')}</th>
          <th className="num">{n('issueRaised')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((g) => (
          <tr key={g.key}>
            <td>{label(g.key)}</td>
            <td className="num">{g.calls}</td>
            <td className="num">{g.done}</td>
            <td className="num">{g.satisfied}</td>
            <td className="num">{g.issueRaised}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <PrintSheet
      title={t('calls:print.summaryTitle')}
      number={`${s.from} – ${s.to}`}
      meta={[{ label: t('calls:print.period'), value: `${s.from} – ${s.to}` }]}
      printedBy={session.user.displayName}
      fileName={t('calls:sum.fileName', { from, to })}
      onBack={onBack}
    >
      <div data-testid="print-call-summary">
        <table className="print-table call-summary-figures">
          <tbody>
            <tr>
              <th>{n('planned')}</th>
              <td className="num">{s.planned}</td>
              <th>{n('done')}</th>
              <td className="num">{s.done}</td>
              <th>{n('open')}</th>
              <td className="num">{s.open}</td>
            </tr>
            <tr>
              <th>{n('satisfied')}</th>
              <td className="num">{s.satisfied}</td>
              <th>{n('issueRaised')}</th>
              <td className="num">{s.issueRaised}</td>
              <th>{n('noAnswer')}</th>
              <td className="num">{s.noAnswerAttempts}</td>
            </tr>
            <tr>
              <th>{n('satisfaction')}</th>
              <td className="num">{pct(s.satisfactionPermille)}</td>
              <th>{n('onTime')}</th>
              <td className="num">{pct(s.onTimePermille)}</td>
              <th />
              <td />
            </tr>
          </tbody>
        </table>
        {counts(t('calls:col.reason'), s.byReason, (k) => t(`calls:reason.${k}`))}
        {counts(t('calls:col.assignee'), s.byStaff, (k) => k)}
        {counts(t('calls:print.area'), s.byArea, (k) => k)}
        <section className="call-summary-note">
          <h3>{n('note')}</h3>
          <p>{s.note || '—'}</p>
          {s.noteBy && s.noteAt && (
            <p className="call-print-area">
              {s.noteBy} · {f.dateTime(s.noteAt)}
            </p>
          )}
        </section>
        <SignatureLines roles={[t('calls:print.signSupervisor')]} />
      </div>
    </PrintSheet>
  );
}
