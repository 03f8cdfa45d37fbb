// AG Grid with the console's defaults: theme, localised texts, sortable and
// resizable columns, and each user's column layout (order, widths, hidden,
// pinned, sort) kept per grid on this machine (GUIDE: "column state saved per user").
import type { ColDef, GridState, StateUpdatedEvent } from 'ag-grid-community';
import { AgGridReact, type AgGridReactProps } from 'ag-grid-react';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { safeCsvCells } from './csvExport';
import { useGridLocaleText } from './localeText';
import { gridTheme } from './theme';

export type CangwuGridProps<T> = AgGridReactProps<T> & {
  /** Names the saved column layout ("inventory"). */
  gridId: string;
  testId?: string;
  /** Extra class on the wrapper (e.g. a fixed height inside a panel). */
  boxClassName?: string;
};

const savedParts = ['columnOrder', 'columnSizing', 'columnVisibility', 'columnPinning', 'sort'] as const;

function loadState(key: string): GridState | undefined {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as GridState) : undefined;
  } catch {
    return undefined;
  }
}

function saveState(key: string, state: GridState): void {
  const kept: GridState = {};
  for (const part of savedParts) if (state[part] !== undefined) Object.assign(kept, { [part]: state[part] });
  try {
    localStorage.setItem(key, JSON.stringify(kept));
  } catch {
    // storage full or disabled: the layout simply is not remembered
  }
}

// An export without its own callback still neutralises formulas.
const defaultCsvExport = { processCellCallback: safeCsvCells() };

const baseColDef: ColDef = { sortable: true, filter: true, resizable: true, minWidth: 70 };

export function CangwuGrid<T>({
  gridId,
  testId,
  boxClassName,
  defaultColDef,
  onStateUpdated,
  ...props
}: CangwuGridProps<T>) {
  const { i18n } = useTranslation();
  const localeText = useGridLocaleText();
  const { session } = useSession();
  const storageKey = `cangwu.grid.${session.user.id}.${gridId}`;
  const initialState = useMemo(() => loadState(storageKey), [storageKey]);
  const colDef = useMemo<ColDef<T>>(() => ({ ...(baseColDef as ColDef<T>), ...defaultColDef }), [defaultColDef]);
  const handleState = useCallback(
    (e: StateUpdatedEvent<T>) => {
      if (!e.sources.includes('gridInitializing')) saveState(storageKey, e.state);
      onStateUpdated?.(e);
    },
    [storageKey, onStateUpdated],
  );
  return (
    <div className={boxClassName ? `grid-box ${boxClassName}` : 'grid-box'} data-testid={testId ?? `grid-${gridId}`}>
      <AgGridReact<T>
        // localeText is read once at creation: a new language needs a new grid.
        key={i18n.language}
        theme={gridTheme}
        localeText={localeText}
        initialState={initialState}
        defaultColDef={colDef}
        onStateUpdated={handleState}
        defaultCsvExportParams={defaultCsvExport}
        containerStyle={{ height: '100%', width: '100%' }}
        {...props}
      />
    </div>
  );
}
