import { useTranslation } from 'react-i18next';
import { locales, type Locale } from '../../shared/domain';
import { isLocale } from '../i18n/i18n';

/** The language picker; each language is named in itself. */
export function LocaleSwitch({ onChange }: { onChange(locale: Locale): void }) {
  const { t, i18n } = useTranslation();
  return (
    <label className="locale-switch">
      <span className="sr-only">{t('common:language.label')}</span>
      <select
        data-testid="locale-switch"
        value={i18n.language}
        onChange={(e) => {
          if (isLocale(e.target.value)) onChange(e.target.value);
        }}
      >
        {locales.map((l) => (
          <option key={l} value={l}>
            {t(`common:language.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
