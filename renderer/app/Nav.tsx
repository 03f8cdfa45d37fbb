import { useTranslation } from 'react-i18next';
import { routeHref, type PageId } from './routes';

/** The left navigation: only the pages the user's roles allow. */
export function Nav({ pages, current }: { pages: PageId[]; current: PageId }) {
  const { t } = useTranslation();
  return (
    <nav className="nav" aria-label={t('common:nav.label')}>
      <ul>
        {pages.map((p, i) => (
          <li key={p}>
            <a
              href={routeHref(p)}
              className={p === current ? 'nav-link active' : 'nav-link'}
              aria-current={p === current ? 'page' : undefined}
              data-testid={`nav-${p}`}
              title={t('common:nav.shortcut', { key: i + 1 })}
            >
              {t(`common:nav.${p}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
