import { useTranslation } from 'react-i18next';

/**
 * The search box above a grid: focused on arrival, Escape clears it.
 * `placeholder`: what this box searches, where the shared hint (codes, names, bins) does not apply.
 */
export function QuickFilter({
  value,
  onChange,
  placeholder,
}: {
  value: string;
  onChange(v: string): void;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const hint = placeholder ?? t('grid:quickFilter');
  return (
    <input
      type="search"
      className="quick-filter"
      data-testid="quick-filter"
      placeholder={hint}
      aria-label={hint}
      value={value}
      autoFocus
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onChange('');
      }}
    />
  );
}
