// Follow-up calls 回访 (issue 16 §4): the day's or week's plan built from the
// rules, shared out among the CS staff, each person's call sheet recorded by
// keyboard, and the follow-up summary 回访总结报告 of a period. Live: every
// 'calls.changed' reloads.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  callPlanners,
  type CallPlanRow,
  type CallPlanView,
  type CallSummary,
  type PlanPeriod,
  type ShareMode,
} from '../../shared/contract';
import { api } from '../api/client';
import { useApiEvent, useReconnected } from '../api/hooks';
import { hasRole, useSession } from '../app/session';
import { openPrint } from '../app/routes';
import { useNotify } from '../components/toast/useNotify';
import { warehouseDay } from '../i18n/format';
import { CallSheet } from './calls/CallSheet';
import { summaryCsv } from './calls/summaryCsv';
import { downloadText } from '../components/download';
import { TabBar } from '../components/TabBar';

type Tab = 'mine' | 'plan' | 'summary';

export function CallsPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const { session } = useSession();
  const planner = hasRole(session, callPlanners);
  const [tab, setTab] = useState<Tab>(planner ? 'plan' : 'mine');
  const [plans, setPlans] = useState<CallPlanRow[]>([]);
  const [planId, setPlanId] = useState<number | null>(null);
  const [plan, setPlan] = useState<CallPlanView | null>(null);
  const [period, setPeriod] = useState<PlanPeriod>('day');
  const [date, setDate] = useState(warehouseDay());
  const [refusalDays, setRefusalDays] = useState(3);
  const [returnDays, setReturnDays] = useState(3);
  const [complaintDays, setComplaintDays] = useState(3);
  const [sharePct, setSharePct] = useState(5);
  const [classADays, setClassADays] = useState(0);
  const [sheetOf, setSheetOf] = useState<number | null>(null);

  const load = useCallback(async () => {
    try {
      const list = await api.request('calls.plans', {});
      setPlans(list);
      const id = planId ?? list[0]?.id ?? null;
      setPlanId(id);
      setPlan(id === null ? null : await api.request('calls.plan', { planId: id }));
    } catch (e) {
      notify.error(e);
    }
  }, [planId, notify]);
  useEffect(() => {
    void load();
  }, [load]);
  useApiEvent('calls.changed', () => void load());
  useReconnected(() => void load());

  const build = async () => {
    try {
      const p = await api.request('calls.buildPlan', {
        period,
        date,
        rules: {
          refusalDays,
          returnDays,
          complaintDays,
          deliverySharePct: sharePct,
          alwaysCall: true,
          classARefusalDays: classADays,
        },
      });
      notify.success(t('calls:built', { n: p.total }));
      setPlanId(p.id);
      setPlan(p);
    } catch (e) {
      notify.error(e);
    }
  };
  const share = async (mode: ShareMode) => {
    if (planId === null) return;
    try {
      setPlan(await api.request('calls.share', { planId, mode }));
      notify.success(t('calls:shared'));
    } catch (e) {
      notify.error(e);
    }
  };

  const tabs: Tab[] = ['mine', 'plan', 'summary'];
  return (
    <section className="page-body calls-page" data-testid="calls">
      <div className="toolbar">
        <h1 className="page-title">{t('calls:title')}</h1>
        <TabBar
          tabs={tabs.map((k) => ({ id: k, label: t(`calls:tabs.${k}`) }))}
          current={tab}
          onChange={setTab}
          testIdPrefix="calls"
        />
        {tab !== 'summary' && (
          <select
            value={planId ?? ''}
            onChange={(e) => setPlanId(e.target.value ? Number(e.target.value) : null)}
            aria-label={t('calls:plan')}
            data-testid="calls-plan-select"
          >
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {t(`calls:period.${p.period}`)} {p.startDate}
                {p.period === 'week' ? `–${p.endDate}` : ''} ({p.done}/{p.total})
              </option>
            ))}
          </select>
        )}
      </div>
      <p className="page-hint">{t('calls:hint')}</p>
      {tab === 'mine' &&
        (planId !== null ? (
          <CallSheet key={planId} planId={planId} />
        ) : (
          <p className="task-empty">{t('calls:noPlan')}</p>
        ))}
      {tab === 'plan' && (
        <>
          {planner && (
            <div className="toolbar calls-build" data-testid="calls-build">
              <select
                value={period}
                onChange={(e) => setPeriod(e.target.value as PlanPeriod)}
                aria-label={t('calls:periodLabel')}
              >
                <option value="day">{t('calls:period.day')}</option>
                <option value="week">{t('calls:period.week')}</option>
              </select>
              <input type="date" value={date} onChange={(e) => setDate(e.target.value)} aria-label={t('calls:date')} />
              <label>
                {t('calls:rules.refusalDays')}
                <input
                  type="number"
                  min={0}
                  max={31}
                  value={refusalDays}
                  onChange={(e) => setRefusalDays(Number(e.target.value))}
                />
              </label>
              <label>
                {t('calls:rules.returnDays')}
                <input
                  type="number"
                  min={0}
                  max={31}
                  value={returnDays}
                  onChange={(e) => setReturnDays(Number(e.target.value))}
                />
              </label>
              <label>
                {t('calls:rules.complaintDays')}
                <input
                  type="number"
                  min={0}
                  max={31}
                  value={complaintDays}
                  onChange={(e) => setComplaintDays(Number(e.target.value))}
                />
              </label>
              <label>
                {t('calls:rules.deliverySharePct')}
                <input
                  type="number"
                  min={0}
                  max={100}
                  value={sharePct}
                  onChange={(e) => setSharePct(Number(e.target.value))}
                />
              </label>
              <label>
                {t('calls:rules.classARefusalDays')}
                <input
                  type="number"
                  min={0}
                  max={31}
                  value={classADays}
                  data-testid="calls-class-a-days"
                  onChange={(e) => setClassADays(Number(e.target.value))}
                />
              </label>
              <button type="button" className="primary" onClick={() => void build()} data-testid="calls-build-plan">
                {t('calls:build')}
              </button>
              <button
                type="button"
                disabled={planId === null}
                onClick={() => void share('even')}
                data-testid="calls-share-even"
              >
                {t('calls:shareEven')}
              </button>
              <button
                type="button"
                disabled={planId === null}
                onClick={() => void share('area')}
                data-testid="calls-share-area"
              >
                {t('calls:shareArea')}
              </button>
            </div>
          )}
          {plan && (
            <>
              <ul className="calls-staff" data-testid="calls-staff">
                {plan.staff.map((s) => (
                  <li key={s.userId}>
                    <button type="button" onClick={() => setSheetOf(s.userId)} data-testid={`calls-staff-${s.userId}`}>
                      {t('calls:staffLoad', { name: s.name, calls: s.calls, done: s.done })}
                    </button>
                  </li>
                ))}
                <li>{t('calls:unassigned', { n: plan.unassigned })}</li>
              </ul>
              {sheetOf !== null ? (
                <CallSheet key={`${plan.id}-${sheetOf}`} planId={plan.id} userId={sheetOf} />
              ) : (
                <p className="task-empty">{t('calls:pickStaff', { n: plan.total })}</p>
              )}
            </>
          )}
        </>
      )}
      {tab === 'summary' && <SummaryView canWrite={planner} />}
    </section>
  );
}

function SummaryView({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [from, setFrom] = useState(warehouseDay().slice(0, 8) + '01');
  const [to, setTo] = useState(warehouseDay());
  const [s, setS] = useState<CallSummary | null>(null);
  const [note, setNote] = useState('');
  const load = useCallback(async () => {
    try {
      const r = await api.request('calls.summary', { from, to });
      setS(r);
      setNote(r.note);
    } catch (e) {
      notify.error(e);
    }
  }, [from, to, notify]);
  useEffect(() => {
    void load();
  }, [load]);
  useApiEvent('calls.changed', () => void load());
  const pct = (pm: number | null) => (pm === null ? '—' : `${(pm / 10).toFixed(1)}%`);
  return (
    <div className="calls-summary" data-testid="calls-summary">
      <div className="toolbar">
        <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} aria-label={t('calls:from')} />
        <input type="date" value={to} onChange={(e) => setTo(e.target.value)} aria-label={t('calls:to')} />
        <button
          type="button"
          disabled={!s}
          onClick={() => s && downloadText(`${t('calls:sum.fileName', { from, to })}.csv`, summaryCsv(t, s))}
        >
          {t('calls:sum.csv')}
        </button>
        <button
          type="button"
          disabled={!s}
          data-testid="calls-summary-print"
          onClick={() => openPrint('callSummary', { date: from, to })}
        >
          {t('calls:print.printSummary')}
        </button>
      </div>
      {s && (
        <>
          <dl className="calls-figures">
            <dt>{t('calls:sum.planned')}</dt>
            <dd>{s.planned}</dd>
            <dt>{t('calls:sum.done')}</dt>
            <dd>{s.done}</dd>
            <dt>{t('calls:sum.satisfied')}</dt>
            <dd>{s.satisfied}</dd>
            <dt>{t('calls:sum.issueRaised')}</dt>
            <dd>{s.issueRaised}</dd>
            <dt>{t('calls:sum.noAnswer')}</dt>
            <dd>{s.noAnswerAttempts}</dd>
            <dt>{t('calls:sum.open')}</dt>
            <dd>{s.open}</dd>
            <dt>{t('calls:sum.satisfaction')}</dt>
            <dd data-testid="calls-satisfaction">{pct(s.satisfactionPermille)}</dd>
            <dt>{t('calls:sum.onTime')}</dt>
            <dd>{pct(s.onTimePermille)}</dd>
          </dl>
          <table className="call-table">
            <thead>
              <tr>
                <th>{t('calls:col.reason')}</th>
                <th>{t('calls:sum.planned')}</th>
                <th>{t('calls:sum.done')}</th>
                <th>{t('calls:sum.satisfied')}</th>
                <th>{t('calls:sum.issueRaised')}</th>
              </tr>
            </thead>
            <tbody>
              {s.byReason.map((g) => (
                <tr key={g.key}>
                  <td>{t(`calls:reason.${g.key}`)}</td>
                  <td>{g.calls}</td>
                  <td>{g.done}</td>
                  <td>{g.satisfied}</td>
                  <td>{g.issueRaised}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <label className="calls-note">
            {t('calls:sum.note')}
            <textarea value={note} readOnly={!canWrite} onChange={(e) => setNote(e.target.value)} rows={4} />
          </label>
          {canWrite && (
            <button
              type="button"
              onClick={() =>
                void api
                  .request('calls.saveSummaryNote', { from, to, note })
                  .then(setS)
                  .catch((e: unknown) => notify.error(e))
              }
            >
              {t('calls:sum.saveNote')}
            </button>
          )}
        </>
      )}
    </div>
  );
}
