// 顾客投诉分类统计表 The month's complaint classification statistics (issue 16
// §3): by category, department, area and salesperson, the valid and on-time
// rates, the chart and the trend; the supervisor writes the analysis and
// improvement measures 改进对策 saved with it; A4 print and CSV. Live.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintCategory, ComplaintStats } from '../../shared/contract';
import { api } from '../api/client';
import { useApiEvent, useReconnected } from '../api/hooks';
import { navigate, openPrint, useRoute } from '../app/routes';
import { hasRole, useSession } from '../app/session';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { MonthPicker, isMonth, thisMonth } from './analyses/parts';
import { StatsView } from './complaints/StatsView';
import { statsCsv } from './complaints/statsCsv';
import { downloadText } from '../components/download';

export function ComplaintStatsPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const route = useRoute();
  const param = route.params.get('month');
  const month = isMonth(param) ? param : thisMonth();
  const { session } = useSession();
  const isSupervisor = hasRole(session, ['supervisor']);
  const zh = i18n.language === 'zh-CN';
  const [s, setS] = useState<ComplaintStats | null>(null);
  const [categories, setCategories] = useState<ComplaintCategory[]>([]);
  const [note, setNote] = useState('');
  const [dirty, setDirty] = useState(false);

  const load = useCallback(
    async (keepEdits: boolean) => {
      try {
        const [r, c] = await Promise.all([
          api.request('complaints.stats', { month }),
          api.request('complaints.categories', {}),
        ]);
        setS(r);
        setCategories(c);
        if (!keepEdits) {
          setNote(r.note);
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
  useApiEvent('complaints.changed', () => void load(dirty));
  useReconnected(() => void load(dirty));

  const save = async () => {
    try {
      setS(await api.request('complaints.saveStatsNote', { month, note }));
      setDirty(false);
      notify.success(t('complaints:stats.saved'));
    } catch (e) {
      notify.error(e);
    }
  };
  const n = (k: string) => t(`complaints:stats.${k}`);
  return (
    <section className="page-body analysis-page" data-testid="complaintStats">
      <div className="toolbar">
        <h2>{n('title')}</h2>
        <MonthPicker value={month} onChange={(m) => navigate('complaintStats', { month: m })} />
        <span className="toolbar-spacer" />
        <button
          type="button"
          onClick={() => openPrint('complaintStats', { month })}
          data-testid="complaint-stats-print"
        >
          {n('print')}
        </button>
        <button
          type="button"
          disabled={!s}
          data-testid="complaint-stats-csv"
          onClick={() =>
            s && downloadText(`${t('complaints:stats.fileName', { month })}.csv`, statsCsv(t, s, categories, zh))
          }
        >
          {n('csv')}
        </button>
      </div>
      {s && (
        <>
          <StatsView s={s} categories={categories} />
          <label className="report-note">
            <span>{n('note')}</span>
            {isSupervisor ? (
              <>
                <textarea
                  data-testid="complaint-stats-note"
                  maxLength={4000}
                  value={note}
                  onChange={(e) => {
                    setNote(e.target.value);
                    setDirty(true);
                  }}
                />
                <button
                  type="button"
                  className="primary"
                  onClick={() => void save()}
                  data-testid="complaint-stats-save"
                >
                  {n('saveNote')}
                </button>
              </>
            ) : (
              <p data-testid="complaint-stats-note-text">{s.note}</p>
            )}
          </label>
          {s.noteBy && (
            <p className="page-hint">{t('complaints:stats.noteBy', { name: s.noteBy, at: f.dateTime(s.noteAt) })}</p>
          )}
        </>
      )}
    </section>
  );
}
