import { useTranslation } from 'react-i18next';

/** Long work (demo load, import): a bar, the phase and "done / total". */
export function ProgressBar({
  label,
  done,
  total,
  testId,
}: {
  label: string;
  done: number;
  total: number;
  testId: string;
}) {
  const { t } = useTranslation();
  const pct = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div className="progress" data-testid={testId}>
      <div className="progress-label">
        <span>{label}</span>
        <span className="progress-count">{t('common:progress.count', { done, total, pct })}</span>
      </div>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
