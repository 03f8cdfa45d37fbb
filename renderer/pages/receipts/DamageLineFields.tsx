// A receipt line damaged on arrival (issue 13): its cause and disposal
// suggestion, so the receipt opens the line's damage report as it posts.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { disposalKinds, type DamageCause, type DisposalKind } from '../../../shared/contract/damage';
import { api } from '../../api/client';
import { useFormat } from '../../i18n/format';

let cached: Promise<DamageCause[]> | null = null;

export function DamageLineFields({
  index,
  cause,
  causeNote,
  invalid,
  suggestion,
  onChange,
}: {
  index: number;
  cause: string;
  causeNote: string;
  /** The line's cause is missing (the form, or the core, refused it). */
  invalid: boolean;
  suggestion: DisposalKind;
  onChange(patch: { damageCause?: string; damageCauseNote?: string; damageSuggestion?: DisposalKind }): void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [causes, setCauses] = useState<DamageCause[]>([]);
  useEffect(() => {
    cached ??= api.request('damage.causes', {});
    cached.then(
      (c) => setCauses(c.filter((x) => x.active)),
      () => (cached = null),
    );
  }, []);
  return (
    <div className="receipt-damage">
      <select
        value={cause}
        aria-label={t('damage:form.cause')}
        aria-invalid={invalid}
        data-testid={`receipt-line-${index}-damage-cause`}
        onChange={(e) => onChange({ damageCause: e.target.value })}
      >
        <option value="">{t('damage:form.cause')}</option>
        {causes.map((c) => (
          <option key={c.code} value={c.code}>
            {f.productName(c.nameZh, c.nameEn)}
          </option>
        ))}
      </select>
      {cause === 'other' && (
        <input
          value={causeNote}
          aria-label={t('damage:station.note')}
          placeholder={t('damage:station.note')}
          data-testid={`receipt-line-${index}-damage-note`}
          onChange={(e) => onChange({ damageCauseNote: e.target.value })}
        />
      )}
      <select
        value={suggestion}
        aria-label={t('damage:form.suggestion')}
        data-testid={`receipt-line-${index}-damage-suggestion`}
        onChange={(e) => onChange({ damageSuggestion: e.target.value as DisposalKind })}
      >
        {disposalKinds.map((k) => (
          <option key={k} value={k}>
            {t(`damage:kind.${k}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
