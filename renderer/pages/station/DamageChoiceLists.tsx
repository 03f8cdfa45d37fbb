// The numbered causes and disposal suggestions a station picks by number keys
// (damageChoice.ts), the note 'other' asks for, and the hint for the next key:
// one block for the damage task and for damaged goods at receiving.
import { useTranslation } from 'react-i18next';
import { disposalKinds, type DamageCause } from '../../../shared/contract/damage';
import { useFormat } from '../../i18n/format';
import type { Choice } from './damageChoice';

export function DamageChoiceLists({
  causes,
  picked,
  note,
  onNote,
  onSubmit,
  done,
  testId,
}: {
  causes: DamageCause[];
  picked: Choice;
  note: string;
  onNote: (note: string) => void;
  /** Enter in the note field. */
  onSubmit: () => void;
  /** What Enter (or the chosen pair) does once both are picked. */
  done: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <>
      <div className="damage-task-choices">
        <div>
          <h3>{t('damage:station.cause')}</h3>
          <ol className="damage-task-list" data-testid={`${testId}-causes`}>
            {causes.slice(0, 10).map((c, i) => (
              <li key={c.code} className={picked.cause === c.code ? 'picked' : ''} data-code={c.code}>
                <kbd>{(i + 1) % 10}</kbd> {f.productName(c.nameZh, c.nameEn)}
              </li>
            ))}
          </ol>
        </div>
        <div>
          <h3>{t('damage:station.suggestion')}</h3>
          <ol className="damage-task-list" data-testid={`${testId}-suggestions`}>
            {disposalKinds.map((k, i) => (
              <li key={k} className={picked.suggestion === k ? 'picked' : ''} data-code={k}>
                <kbd>{i + 1}</kbd> {t(`damage:kind.${k}`)}
              </li>
            ))}
          </ol>
        </div>
      </div>
      {picked.cause === 'other' && (
        <label className="damage-task-note">
          {t('damage:station.note')}
          <input
            value={note}
            onChange={(e) => onNote(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Enter' || e.defaultPrevented) return;
              e.preventDefault();
              onSubmit();
            }}
            data-testid={`${testId}-note`}
          />
        </label>
      )}
      <p className="page-hint" data-testid={`${testId}-hint`}>
        {picked.cause === null
          ? t('damage:station.chooseCause')
          : picked.suggestion === null
            ? t('damage:station.chooseSuggestion')
            : done}
      </p>
    </>
  );
}
