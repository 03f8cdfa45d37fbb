// The fields the damage report form and the disposal form share: a labelled
// field, the disposal kind (a report's suggestion 处理建议, a disposal's kind)
// and a quantity box — written once so both forms read and behave the same.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { disposalKinds, type DisposalKind } from '../../../shared/contract/damage';

export function Field({ label, wide = false, children }: { label: string; wide?: boolean; children: ReactNode }) {
  return (
    <label className={wide ? 'field wide' : 'field'}>
      <span>{label}</span>
      {children}
    </label>
  );
}

export function DisposalKindSelect({
  value,
  onChange,
  testId,
  autoFocus = false,
}: {
  value: DisposalKind;
  onChange(kind: DisposalKind): void;
  testId: string;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <select
      value={value}
      onChange={(e) => onChange(e.target.value as DisposalKind)}
      data-testid={testId}
      autoFocus={autoFocus}
    >
      {disposalKinds.map((k) => (
        <option key={k} value={k}>
          {t(`damage:kind.${k}`)}
        </option>
      ))}
    </select>
  );
}

/** A quantity typed as text (checked by the core), with the number keypad on a tablet. */
export function QtyInput({ value, onChange, testId }: { value: string; onChange(v: string): void; testId: string }) {
  return <input value={value} inputMode="numeric" onChange={(e) => onChange(e.target.value)} data-testid={testId} />;
}

/** A free-text box (a note, a supplier, a reference). */
export function TextInput({ value, onChange, testId }: { value: string; onChange(v: string): void; testId: string }) {
  return <input value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} />;
}
