// The fields of a stock line that every form repeats — the stock status, the
// location (shown by its path, warehouse › zone › bin) and a quantity with its
// unit — written once, so the receipt form and the adjustment form behave and
// read the same.
import { useTranslation } from 'react-i18next';
import type { LocationView } from '../../shared/contract/types';
import { stockStatuses, type StockStatus } from '../../shared/domain';

export function StatusSelect({
  value,
  onChange,
  testId,
  label,
}: {
  value: StockStatus;
  onChange(status: StockStatus): void;
  testId: string;
  label: string;
}) {
  const { t } = useTranslation();
  return (
    <select
      data-testid={testId}
      value={value}
      aria-label={label}
      onChange={(e) => onChange(e.target.value as StockStatus)}
    >
      {stockStatuses.map((s) => (
        <option key={s} value={s}>
          {t(`domain:status.${s}`)}
        </option>
      ))}
    </select>
  );
}

/** `locations` is null while they load: the select waits, disabled, saying so. */
export function LocationSelect({
  locations,
  value,
  onChange,
  testId,
  label,
  placeholder,
  invalid,
}: {
  locations: LocationView[] | null;
  value: number | null;
  onChange(locationId: number | null): void;
  testId: string;
  label: string;
  placeholder: string;
  invalid?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <select
      data-testid={testId}
      value={value ?? ''}
      aria-label={label}
      aria-invalid={invalid ? true : undefined}
      aria-busy={locations === null}
      disabled={locations === null}
      onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}
    >
      <option value="">{locations === null ? t('common:loading') : placeholder}</option>
      {(locations ?? []).map((loc) => (
        <option key={loc.id} value={loc.id}>
          {loc.path}
        </option>
      ))}
    </select>
  );
}

export function QtyInput({
  value,
  unit,
  onChange,
  testId,
  label,
  invalid,
}: {
  value: string;
  unit: string;
  onChange(text: string): void;
  testId: string;
  label: string;
  invalid?: boolean;
}) {
  return (
    <span className="qty-input">
      <input
        data-testid={testId}
        inputMode="numeric"
        value={value}
        aria-label={label}
        aria-invalid={invalid ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      <span className="unit">{unit}</span>
    </span>
  );
}
