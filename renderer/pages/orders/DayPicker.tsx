import { useTranslation } from 'react-i18next';
import { addDays } from './orderText';

/** The dispatch date of a page: a date field with a day back and a day on (Alt+← / Alt+→ stay the browser's). */
export function DayPicker({ value, onChange, testId }: { value: string; onChange(day: string): void; testId: string }) {
  const { t } = useTranslation();
  return (
    <span className="toolbar-field day-picker">
      <button
        type="button"
        aria-label={t('orders:list.prevDay')}
        title={t('orders:list.prevDay')}
        onClick={() => onChange(addDays(value, -1))}
      >
        ‹
      </button>
      <label>
        <span className="sr-only">{t('orders:list.dispatchDate')}</span>
        <input
          type="date"
          data-testid={testId}
          value={value}
          onChange={(e) => {
            if (e.target.value) onChange(e.target.value);
          }}
        />
      </label>
      <button
        type="button"
        aria-label={t('orders:list.nextDay')}
        title={t('orders:list.nextDay')}
        onClick={() => onChange(addDays(value, 1))}
      >
        ›
      </button>
    </span>
  );
}
