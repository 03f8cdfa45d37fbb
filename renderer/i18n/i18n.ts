// i18next for the whole renderer. zh-CN is the default (DOMAIN: users speak
// Chinese). Before login the language is this machine's last choice
// (localStorage); after login it is the user's own (`user.locale`), and the
// switch in the top bar saves it to the user with auth.setLocale.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { defaultLocale, locales, type Locale } from '../../shared/domain';
import { namespaces, resources } from '../locales';

const lastLocaleKey = 'cangwu.locale';

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (locales as readonly string[]).includes(v);
}

function storedLocale(): Locale {
  try {
    const v = localStorage.getItem(lastLocaleKey);
    return isLocale(v) ? v : defaultLocale;
  } catch {
    return defaultLocale;
  }
}

export function initI18n(): typeof i18next {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources,
      lng: storedLocale(),
      fallbackLng: defaultLocale,
      supportedLngs: [...locales],
      ns: [...namespaces],
      defaultNS: 'common',
      // Bundled resources: ready synchronously, so the first render is translated.
      initAsync: false,
      // React escapes what it renders; escaping here too would show &amp; in the UI.
      interpolation: { escapeValue: false },
      returnNull: false,
      react: { useSuspense: false },
    });
    document.documentElement.lang = i18next.language;
    i18next.on('languageChanged', (lng) => {
      document.documentElement.lang = lng;
    });
  }
  return i18next;
}

/** Switches the UI language and remembers it for this machine's login screen. */
export async function applyLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(lastLocaleKey, locale);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
  if (i18next.language !== locale) await i18next.changeLanguage(locale);
}

export function currentLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : defaultLocale;
}
