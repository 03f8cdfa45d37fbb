// Pieces both analyses show on the page and in the print: the month picker,
// who prepared and submitted it, and the reconciliation with the ledger.
import { useTranslation } from 'react-i18next';
import type { AnalysisHeader, Reconciliation } from '../../../shared/contract';
import { useFormat, warehouseDay } from '../../i18n/format';

/** This month in the warehouse's time zone: 'YYYY-MM'. */
export function thisMonth(): string {
  return warehouseDay().slice(0, 7);
}
export const isMonth = (v: string | null): v is string => v !== null && /^\d{4}-(0[1-9]|1[0-2])$/.test(v);

export function MonthPicker({ value, onChange }: { value: string; onChange(m: string): void }) {
  const { t } = useTranslation();
  return (
    <label className="analysis-month">
      <span>{t('analyses:month')}</span>
      <input
        type="month"
        value={value}
        data-testid="analysis-month"
        onChange={(e) => isMonth(e.target.value) && onChange(e.target.value)}
      />
    </label>
  );
}

export function WhoLine({ a }: { a: AnalysisHeader }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <p className="page-hint" data-testid="analysis-who">
      {a.savedBy && t('analyses:savedBy', { name: a.savedBy, at: f.dateTime(a.savedAt) })}
      {a.submittedBy && ` · ${t('analyses:submittedBy', { name: a.submittedBy, at: f.dateTime(a.submittedAt) })}`}
    </p>
  );
}

/** The analysis's note: a text box for its writers while it is not submitted, else the text. */
export function AnalysisNote({
  editable,
  value,
  saved,
  onChange,
}: {
  editable: boolean;
  value: string;
  saved: string;
  onChange(note: string): void;
}) {
  const { t } = useTranslation();
  return (
    <label className="report-note">
      <span>{t('analyses:note')}</span>
      {editable ? (
        <textarea
          data-testid="analysis-note"
          maxLength={2000}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <p data-testid="analysis-note-text">{saved}</p>
      )}
    </label>
  );
}

export function ReconciliationTable({ rows }: { rows: Reconciliation[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const c = (k: string) => t(`analyses:recCol.${k}`);
  return (
    <section className="print-section">
      <h3>{t('analyses:reconciliation')}</h3>
      <table className="print-table" data-testid="analysis-reconciliation">
        <thead>
          <tr>
            <th>{c('what')}</th>
            <th className="num">{c('analysis')}</th>
            <th className="num">{c('ledger')}</th>
            <th>{c('result')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <td>{t(`analyses:rec.${r.label}`)}</td>
              <td className="num">
                {f.qty(r.analysisQty)} · {f.money(r.analysisAmountFen)}
              </td>
              <td className="num">
                {f.qty(r.ledgerQty)} · {f.money(r.ledgerAmountFen)}
              </td>
              <td className={r.reconciled ? 'rec-ok' : 'rec-diff'}>
                {r.reconciled
                  ? t('analyses:reconciled')
                  : t('analyses:difference', {
                      qty: f.qty(r.analysisQty - r.ledgerQty),
                      amount: f.money(r.analysisAmountFen - r.ledgerAmountFen),
                    })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
