// Keyboard-first pick from a list: type a code or part of a name, ↑/↓ move,
// Enter takes the highlighted entry (an exact code match first), Escape clears.
import { useId, useMemo, useState, type KeyboardEvent, type Ref } from 'react';

export type Choice<T> = { item: T; key: string; code: string; label: string; search: string };

export function Typeahead<T>({
  choices,
  onPick,
  placeholder,
  label,
  testId,
  inputRef,
  autoFocus,
  noMatch,
  exact,
  onKeyDown,
}: {
  choices: Choice<T>[];
  onPick(item: T): void;
  placeholder: string;
  label: string;
  testId: string;
  inputRef?: Ref<HTMLInputElement>;
  autoFocus?: boolean;
  noMatch: string;
  /** An exact hit that is not a code (a barcode): taken on Enter before any suggestion. */
  exact?: (text: string) => T | undefined;
  onKeyDown?(e: KeyboardEvent<HTMLInputElement>): void;
}) {
  const listId = useId();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const query = text.trim().toLowerCase();
  const matches = useMemo(() => {
    if (!query) return [];
    const starts: Choice<T>[] = [];
    const contains: Choice<T>[] = [];
    for (const c of choices) {
      if (c.code.toLowerCase().startsWith(query)) starts.push(c);
      else if (c.search.includes(query)) contains.push(c);
      if (starts.length >= 8) break;
    }
    return [...starts, ...contains].slice(0, 8);
  }, [choices, query]);

  const pick = (item: T) => {
    onPick(item);
    setText('');
    setActive(0);
  };

  return (
    <div className="typeahead">
      <input
        ref={inputRef}
        data-testid={testId}
        value={text}
        autoFocus={autoFocus}
        placeholder={placeholder}
        aria-label={label}
        role="combobox"
        aria-expanded={matches.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        autoComplete="off"
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          onKeyDown?.(e);
          if (e.defaultPrevented) return;
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, Math.max(0, matches.length - 1)));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === 'Escape') {
            setText('');
          } else if (e.key === 'Enter' && query) {
            e.preventDefault();
            const hit =
              exact?.(text.trim()) ??
              choices.find((c) => c.code.toLowerCase() === query)?.item ??
              matches[active]?.item;
            if (hit !== undefined) pick(hit);
          }
        }}
      />
      {query && (
        <ul id={listId} role="listbox" className="typeahead-list" data-testid={`${testId}-list`}>
          {matches.length === 0 && <li className="muted">{noMatch}</li>}
          {matches.map((c, i) => (
            <li
              key={c.key}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'typeahead-active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(c.item);
              }}
            >
              <span className="mono">{c.code}</span> {c.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
