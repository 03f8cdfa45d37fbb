// 每日发货报告 The daily dispatch report (R9) of a dispatch date: the keeper
// fills a remark per exception and a general note, saves and submits it
// before the cut-off (late after it); the operator posts it; everyone it
// concerns reads it, prints it (A4 with signature lines) or takes it as CSV.
// Below, the goods awaiting return 待退回 from refusals (R6). Live: any change
// of the date's trips, orders or report reloads it.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AwaitingReturn, DispatchReport } from '../../shared/contract/dispatch';
import { api } from '../api/client';
import { navigate, openPrint, useRoute } from '../app/routes';
import { hasRole, useSession } from '../app/session';
import { useGridEvents } from '../components/grid/useGridEvents';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { ReportBody } from './dispatchReport/ReportView';
import { reportCsv } from './dispatchReport/reportCsv';
import { downloadText } from '../components/download';
import { AwaitingReturnList } from './dispatchReport/AwaitingReturnList';
import { ReportSettings } from './dispatchReport/ReportSettings';
import { DayPicker } from './orders/DayPicker';
import { isDay, localDay } from './orders/orderText';

export function DispatchReportPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const route = useRoute();
  const dateParam = route.params.get('date');
  // The report of today: the keeper fills it for the trucks that left today.
  const date = isDay(dateParam) ? dateParam : localDay(new Date());
  const { session } = useSession();
  const isKeeper = hasRole(session, ['warehouseKeeper', 'admin']);
  const isOperator = hasRole(session, ['operator', 'admin']);
  const [report, setReport] = useState<DispatchReport | null>(null);
  const [awaiting, setAwaiting] = useState<AwaitingReturn | null>(null);
  const [remarks, setRemarks] = useState(new Map<number, string>());
  const [note, setNote] = useState('');
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    async (keepEdits: boolean) => {
      try {
        const [r, a] = await Promise.all([
          api.request('dispatch.report', { dispatchDate: date }),
          api.request('dispatch.awaitingReturn', { dispatchDate: date }),
        ]);
        setReport(r);
        setAwaiting(a);
        if (!keepEdits) {
          setRemarks(new Map(r.exceptions.map((e) => [e.orderId, e.remark])));
          setNote(r.note);
          setDirty(false);
        }
      } catch (e) {
        notify.error(e);
      }
    },
    [date, notify],
  );
  useEffect(() => {
    void load(false);
  }, [load]);
  useGridEvents({
    // Another window's change: reload, keeping what the keeper is typing.
    'dispatch.changed': (p) => {
      if (p.dispatchDate === date) void load(dirty);
    },
    reconnected: () => void load(dirty),
  });

  const editable = isKeeper && report !== null && (report.state === 'new' || report.state === 'draft');
  const input = () => ({
    dispatchDate: date,
    note,
    remarks: [...remarks].map(([orderId, remark]) => ({ orderId, remark })),
  });
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(async () => {
      setReport(await api.request('dispatch.saveReport', input()));
      setDirty(false);
      notify.success(t('delivery:report.saved'));
    });
  const submit = () => {
    if (!window.confirm(t('delivery:report.submitConfirm', { date }))) return;
    void run(async () => {
      const r = await api.request('dispatch.submitReport', input());
      setReport(r);
      setDirty(false);
      notify.success(t(r.late ? 'delivery:report.submittedLate' : 'delivery:report.submitted'));
    });
  };
  const post = () => {
    if (!window.confirm(t('delivery:report.postConfirm', { date }))) return;
    void run(async () => {
      setReport(await api.request('dispatch.postReport', { dispatchDate: date }));
      notify.success(t('delivery:report.posted'));
    });
  };

  return (
    <section className="page-body dispatch-report" data-testid="dispatch-report">
      <div className="toolbar">
        <h2>{t('delivery:report.title')}</h2>
        <DayPicker value={date} onChange={(d) => navigate('dispatchReport', { date: d })} testId="report-date" />
        {report && (
          <>
            <span className={`badge badge-${report.state}`} data-testid="report-state">
              {t(`delivery:report.state.${report.state}`)}
            </span>
            {report.late !== null && (
              <span className={report.late ? 'badge badge-late' : 'badge badge-ontime'} data-testid="report-late">
                {t(report.late ? 'delivery:report.late' : 'delivery:report.onTime')}
              </span>
            )}
            <span className="toolbar-count">
              {t('delivery:report.cutoff', { time: report.cutoffTime, zone: report.timeZone })}
            </span>
          </>
        )}
        <span className="toolbar-spacer" />
        {editable && (
          <>
            <button type="button" disabled={busy || !dirty} onClick={() => void save()} data-testid="report-save">
              {t('delivery:report.save')}
            </button>
            <button type="button" className="primary" disabled={busy} onClick={submit} data-testid="report-submit">
              {t('delivery:report.submit')}
            </button>
          </>
        )}
        {isOperator && report?.state === 'submitted' && (
          <button type="button" className="primary" disabled={busy} onClick={post} data-testid="report-post">
            {t('delivery:report.post')}
          </button>
        )}
        <button type="button" onClick={() => openPrint('dispatchReport', { date })} data-testid="report-print">
          {t('delivery:report.print')}
        </button>
        <button
          type="button"
          disabled={!report}
          data-testid="report-csv"
          onClick={() => report && downloadText(`${t('delivery:report.fileName', { date })}.csv`, reportCsv(t, report))}
        >
          {t('delivery:report.csv')}
        </button>
      </div>
      {report && (
        <>
          <p className="page-hint" data-testid="report-who">
            {report.submittedBy &&
              t('delivery:report.submittedBy', { name: report.submittedBy, at: f.dateTime(report.submittedAt) })}
            {report.postedBy &&
              ` · ${t('delivery:report.postedBy', { name: report.postedBy, at: f.dateTime(report.postedAt) })}`}
            {report.frozen && ` · ${t('delivery:report.frozen')}`}
          </p>
          <ReportBody
            report={report}
            stops={false}
            {...(editable && {
              remarks,
              onRemark: (orderId: number, remark: string) => {
                setRemarks((m) => new Map(m).set(orderId, remark));
                setDirty(true);
              },
            })}
          />
          <label className="report-note">
            <span>{t('delivery:report.note')}</span>
            {editable ? (
              <textarea
                data-testid="report-note"
                maxLength={1000}
                value={note}
                onChange={(e) => {
                  setNote(e.target.value);
                  setDirty(true);
                }}
              />
            ) : (
              <p data-testid="report-note-text">{report.note}</p>
            )}
          </label>
        </>
      )}
      {awaiting && <AwaitingReturnList list={awaiting} />}
      {report && <ReportSettings date={date} cutoffTime={report.cutoffTime} />}
    </section>
  );
}
