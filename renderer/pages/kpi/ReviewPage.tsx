// 客户服务部每月业绩回顾表 The monthly performance review (issue 14 item 4): the
// CS manager reads the month's KPIs against targets and the month before,
// writes the commentary and the actions, saves a draft and, once the month is
// over, signs it off — then it is kept as it was (figures frozen with it).
// The supervisor reads it. Printable.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KpiReview } from '../../../shared/contract';
import { api } from '../../api/client';
import { navigate, openPrint, useRoute } from '../../app/routes';
import { hasRole, useSession } from '../../app/session';
import { useGridEvents } from '../../components/grid/useGridEvents';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat } from '../../i18n/format';
import { warehouseMonth } from './kpiFormat';
import { ReviewView } from './ReviewView';

const isMonth = (v: string | null): v is string => v !== null && /^\d{4}-(0[1-9]|1[0-2])$/.test(v);

export function ReviewPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const route = useRoute();
  const { session } = useSession();
  const manager = hasRole(session, ['csManager']);
  const current = warehouseMonth(f.timeZone);
  const param = route.params.get('month');
  const month = isMonth(param) && param <= current ? param : current;
  const [r, setR] = useState<KpiReview | null>(null);
  const [commentary, setCommentary] = useState('');
  const [actions, setActions] = useState('');
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    async (keepEdits: boolean) => {
      try {
        const x = await api.request('kpi.review', { month });
        setR(x);
        if (!keepEdits) {
          setCommentary(x.commentary);
          setActions(x.actions);
          setDirty(false);
        }
      } catch (e) {
        notify.error(e);
      }
    },
    [month, notify],
  );
  useEffect(() => {
    void load(false);
  }, [load]);
  useGridEvents({ 'kpi.changed': () => void load(dirty), reconnected: () => void load(dirty) });

  const editable = manager && r !== null && r.state !== 'signed';
  const run = async (sign: boolean) => {
    if (sign && !window.confirm(t('kpi:review.signConfirm', { month }))) return;
    setBusy(true);
    try {
      const x = await api.request(sign ? 'kpi.signReview' : 'kpi.saveReview', { month, commentary, actions });
      setR(x);
      setDirty(false);
      notify.success(t(sign ? 'kpi:review.signed' : 'kpi:review.saved'));
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page-body kpi-page" data-testid="kpi-review">
      <div className="toolbar">
        <h2>{t('kpi:review.title')}</h2>
        <label className="analysis-month">
          <span>{t('kpi:month')}</span>
          <input
            type="month"
            value={month}
            max={current}
            data-testid="review-month"
            onChange={(e) => isMonth(e.target.value) && navigate('kpiReview', { month: e.target.value })}
          />
        </label>
        {r && (
          <span className={`badge badge-${r.state}`} data-testid="review-state">
            {t(`kpi:review.state.${r.state}`)}
          </span>
        )}
        <span className="toolbar-spacer" />
        {editable && (
          <>
            <button type="button" disabled={busy || !dirty} onClick={() => void run(false)} data-testid="review-save">
              {t('kpi:review.save')}
            </button>
            <button
              type="button"
              className="primary"
              // Signed off once the month is over (the core refuses before).
              disabled={busy || month >= current}
              title={month >= current ? t('errors:kpi.monthNotOver', { month }) : undefined}
              onClick={() => void run(true)}
              data-testid="review-sign"
            >
              {t('kpi:review.sign')}
            </button>
          </>
        )}
        <button type="button" onClick={() => openPrint('kpiReview', { month })} data-testid="review-print">
          {t('kpi:print')}
        </button>
      </div>
      {r && (
        <>
          <p className="page-hint" data-testid="review-who">
            {t('kpi:review.period', { from: r.from, to: r.to })}
            {r.savedBy && ` · ${t('kpi:review.savedBy', { name: r.savedBy, at: f.dateTime(r.savedAt) })}`}
            {r.signedBy && ` · ${t('kpi:review.signedBy', { name: r.signedBy, at: f.dateTime(r.signedAt) })}`}
          </p>
          <ReviewView r={r} />
          {(['commentary', 'actions'] as const).map((k) => {
            const value = k === 'commentary' ? commentary : actions;
            return (
              <label key={k} className="report-note">
                <span>{t(`kpi:review.${k}`)}</span>
                {editable ? (
                  <textarea
                    data-testid={`review-${k}`}
                    maxLength={4000}
                    value={value}
                    onChange={(e) => {
                      (k === 'commentary' ? setCommentary : setActions)(e.target.value);
                      setDirty(true);
                    }}
                  />
                ) : (
                  <p data-testid={`review-${k}-text`}>{value}</p>
                )}
              </label>
            );
          })}
        </>
      )}
    </section>
  );
}
