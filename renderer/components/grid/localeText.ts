// AG Grid's own texts (filter menus, "no rows", loading, paging) in the active
// language, from grid.json's `ag` section. localeText is read once when a grid
// is created, so CangwuGrid re-creates its grid when the language changes.
import type { LocaleText } from 'ag-grid-community';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export function useGridLocaleText(): LocaleText {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    void language;
    const text = t('grid:ag', { returnObjects: true }) as unknown;
    return typeof text === 'object' && text !== null ? (text as LocaleText) : {};
  }, [t, language]);
}
