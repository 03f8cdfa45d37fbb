// One tab strip for every page with tabs (registers, the count session, the
// reports): the WAI-ARIA tabs pattern, so the keyboard works as users expect
// of tabs — Tab reaches the chosen one, ←/→ (and Home/End) move along the
// strip and choose as they go. Each tab may carry a count (rows behind it).
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export type TabItem<T extends string> = { id: T; label: ReactNode; count?: number | undefined };

export function TabBar<T extends string>({
  tabs,
  current,
  onChange,
  testIdPrefix,
  label,
}: {
  tabs: readonly TabItem<NoInfer<T>>[];
  /** The chosen tab; its type is the tabs' ids. */
  current: T;
  onChange(id: NoInfer<T>): void;
  /** Tabs are `<prefix>-tab-<id>` to tests. */
  testIdPrefix: string;
  /** What the tabs choose between, for screen readers. */
  label?: string | undefined;
}) {
  const buttons = useRef(new Map<T, HTMLButtonElement>());

  function onKeyDown(e: KeyboardEvent) {
    const i = tabs.findIndex((x) => x.id === current);
    const to =
      e.key === 'ArrowRight'
        ? (i + 1) % tabs.length
        : e.key === 'ArrowLeft'
          ? (i - 1 + tabs.length) % tabs.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? tabs.length - 1
              : null;
    if (to === null || to === i) return;
    e.preventDefault();
    const next = tabs[to]!.id;
    onChange(next);
    buttons.current.get(next)?.focus();
  }

  return (
    <div className="tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          ref={(el) => {
            if (el) buttons.current.set(tab.id, el);
            else buttons.current.delete(tab.id);
          }}
          type="button"
          role="tab"
          aria-selected={tab.id === current}
          tabIndex={tab.id === current ? 0 : -1}
          className={tab.id === current ? 'tab tab-active' : 'tab'}
          data-testid={`${testIdPrefix}-tab-${tab.id}`}
          onClick={() => onChange(tab.id)}
        >
          {tab.label}
          {tab.count !== undefined && <span className="tab-count">{tab.count}</span>}
        </button>
      ))}
    </div>
  );
}
