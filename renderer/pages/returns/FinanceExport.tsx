// 财务导出 The finance export on the returns page: the return notes issued in
// a date range (business days in the warehouse's zone) as CSV, one row per
// note line with its credit (returns.financeExport), saved as a file.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { hasRole, useSession } from '../../app/session';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat, warehouseDay } from '../../i18n/format';
import { downloadText } from '../../components/download';

const financeRoles = ['operator', 'csManager', 'supervisor', 'admin'] as const;

export function FinanceExport() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const today = warehouseDay();
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [busy, setBusy] = useState(false);
  if (!hasRole(session, financeRoles)) return null;

  const run = async () => {
    setBusy(true);
    try {
      const x = await api.request('returns.financeExport', { from, to });
      downloadText(x.fileName, x.csv);
      notify.success(t('returnDocs:finance.done', { notes: f.qty(x.notes), credit: f.money(x.creditFen) }));
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="returndocs-finance" role="group" aria-label={t('returnDocs:finance.label')}>
      <label>
        {t('returnDocs:finance.from')}{' '}
        <input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} data-testid="finance-from" />
      </label>
      <label>
        {t('returnDocs:finance.to')}{' '}
        <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} data-testid="finance-to" />
      </label>
      <button
        type="button"
        disabled={busy || !from || !to || from > to}
        onClick={() => void run()}
        data-testid="finance-export"
      >
        {t('returnDocs:finance.export')}
      </button>
    </span>
  );
}
