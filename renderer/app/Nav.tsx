import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { pageGroup, routeHref, type NavGroup, type NavGroupId, type PageId } from './routes';

const storageKey = 'cangwu.nav.collapsed';

function loadCollapsed(): NavGroupId[] {
  try {
    const v: unknown = JSON.parse(window.localStorage.getItem(storageKey) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is NavGroupId => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The left navigation, grouped by the department's work: only the pages the
 * user's roles allow, groups they have none of left out. A heading folds its
 * group (remembered on this computer); the current page's group is always open.
 * Keyboard: Tab, or ↑/↓ (Home/End) between headings and pages, ←/→ fold and unfold.
 */
export function Nav({ groups, current }: { groups: NavGroup[]; current: PageId }) {
  const { t } = useTranslation();
  const [collapsed, setCollapsed] = useState<NavGroupId[]>(loadCollapsed);
  const currentGroup = pageGroup[current];
  const isOpen = (g: NavGroupId) => g === currentGroup || !collapsed.includes(g);

  const setOpen = (g: NavGroupId, open: boolean) => {
    const next = open ? collapsed.filter((x) => x !== g) : [...collapsed.filter((x) => x !== g), g];
    setCollapsed(next);
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(next));
    } catch {
      // Storage refused: the fold lasts until the window closes.
    }
  };

  // Alt+N numbers every page in nav order, folded groups included.
  let n = 0;
  const numbered = groups.map((g) => ({ ...g, first: (n += g.pages.length) - g.pages.length }));

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const items = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('[data-nav-item]'));
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (at < 0) return;
    const focus = (i: number) => items[Math.max(0, Math.min(items.length - 1, i))]?.focus();
    const group = items[at]?.dataset.navGroup as NavGroupId | undefined;
    if (e.key === 'ArrowDown') focus(at + 1);
    else if (e.key === 'ArrowUp') focus(at - 1);
    else if (e.key === 'Home') focus(0);
    else if (e.key === 'End') focus(items.length - 1);
    else if (e.key === 'ArrowLeft' && group && group !== currentGroup) {
      setOpen(group, false);
      e.currentTarget.querySelector<HTMLElement>(`[data-testid="nav-group-${group}"]`)?.focus();
    } else if (e.key === 'ArrowRight' && group) setOpen(group, true);
    else return;
    e.preventDefault();
  };

  return (
    <nav className="nav" aria-label={t('common:nav.label')} onKeyDown={onKeyDown}>
      {numbered.map((g) => {
        const open = isOpen(g.id);
        return (
          <section key={g.id} className="nav-group" data-testid={`nav-section-${g.id}`}>
            <button
              type="button"
              className="nav-group-heading"
              aria-expanded={open}
              aria-controls={`nav-list-${g.id}`}
              data-testid={`nav-group-${g.id}`}
              data-nav-item
              data-nav-group={g.id}
              onClick={() => g.id !== currentGroup && setOpen(g.id, !open)}
            >
              <span className="nav-group-caret" aria-hidden>
                {open ? '▾' : '▸'}
              </span>
              {t(`common:nav.groups.${g.id}`)}
            </button>
            {open && (
              <ul id={`nav-list-${g.id}`}>
                {g.pages.map((p, i) => (
                  <li key={p}>
                    <a
                      href={routeHref(p)}
                      className={p === current ? 'nav-link active' : 'nav-link'}
                      aria-current={p === current ? 'page' : undefined}
                      data-testid={`nav-${p}`}
                      data-nav-item
                      data-nav-group={g.id}
                      title={t('common:nav.shortcut', { key: g.first + i + 1 })}
                    >
                      {t(`common:nav.${p}`)}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </nav>
  );
}
