import { useTranslation } from 'react-i18next';

/** The search box above a grid: focused on arrival, Escape clears it. */
export function QuickFilter({ value, onChange }: { value: string; onChange(v: string): void }) {
  const { t } = useTranslation();
  return (
    <input
      type="search"
      className="quick-filter"
      data-testid="quick-filter"
      placeholder={t('grid:quickFilter')}
      aria-label={t('grid:quickFilter')}
      value={value}
      autoFocus
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onChange('');
      }}
    />
  );
}
