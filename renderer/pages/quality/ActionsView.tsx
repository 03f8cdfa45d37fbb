// Corrective actions 纠正措施 (issue 17 §1): everyone in the warehouse reads
// them, open and overdue first; the owner marks one done with what was done.
// Live on quality.changed.
import type { ColDef } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QualityAction } from '../../../shared/contract';
import { api } from '../../api/client';
import { useApiEvent } from '../../api/hooks';
import { useSession } from '../../app/session';
import { CangwuGrid } from '../../components/grid/CangwuGrid';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat } from '../../i18n/format';

export function ActionsView() {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const [state, setState] = useState<'open' | 'done' | ''>('open');
  const [rows, setRows] = useState<QualityAction[]>([]);
  const [chosen, setChosen] = useState<QualityAction | null>(null);
  const [doneNote, setDoneNote] = useState('');

  const load = useCallback(async () => {
    try {
      setRows(await api.request('quality.actions', state ? { state } : {}));
    } catch (e) {
      notify.error(e);
    }
  }, [state, notify]);
  useEffect(() => {
    void load();
  }, [load]);
  useApiEvent('quality.changed', () => void load());

  const complete = async () => {
    if (!chosen) return;
    try {
      await api.request('quality.completeAction', { actionId: chosen.id, note: doneNote });
      notify.success(t('quality:actionDone', { item: chosen.itemCode }));
      setChosen(null);
      setDoneNote('');
      await load();
    } catch (e) {
      notify.error(e);
    }
  };

  const cols = useMemo<ColDef<QualityAction>[]>(
    () => [
      { colId: 'checkDate', field: 'checkDate', headerName: t('quality:date'), width: 110 },
      { colId: 'zone', field: 'zoneName', headerName: t('quality:zone'), width: 120 },
      { colId: 'item', field: 'itemCode', headerName: t('quality:item'), width: 120 },
      { colId: 'description', field: 'description', headerName: t('quality:action'), flex: 1, minWidth: 200 },
      { colId: 'owner', field: 'ownerName', headerName: t('quality:owner'), width: 110 },
      {
        colId: 'due',
        field: 'dueDate',
        headerName: t('quality:due'),
        width: 130,
        cellClass: (p) => (p.data?.overdue ? 'quality-overdue' : ''),
        valueFormatter: (p) => (p.data?.overdue ? `${p.value as string} · ${t('quality:overdue')}` : String(p.value)),
      },
      {
        colId: 'state',
        headerName: t('quality:state'),
        width: 90,
        valueGetter: (p) => (p.data ? t(`quality:actionState.${p.data.state}`) : ''),
      },
      { colId: 'doneNote', field: 'doneNote', headerName: t('quality:doneNote'), width: 180 },
      {
        colId: 'doneAt',
        headerName: t('quality:doneAt'),
        width: 150,
        valueGetter: (p) => (p.data?.doneAt ? f.dateTime(p.data.doneAt) : ''),
      },
    ],
    [t, f],
  );

  return (
    <div className="quality-actions">
      <div className="toolbar">
        <select
          value={state}
          onChange={(e) => setState(e.target.value as typeof state)}
          data-testid="quality-actions-state"
          aria-label={t('quality:state')}
        >
          <option value="open">{t('quality:actionState.open')}</option>
          <option value="done">{t('quality:actionState.done')}</option>
          <option value="">{t('quality:all')}</option>
        </select>
        {chosen && chosen.state === 'open' && chosen.ownerId === session.user.id && (
          <>
            <input
              value={doneNote}
              maxLength={1000}
              placeholder={t('quality:doneHint')}
              onChange={(e) => setDoneNote(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && void complete()}
              data-testid="quality-done-note"
            />
            <button type="button" className="primary" onClick={() => void complete()} data-testid="quality-done">
              {t('quality:markDone')}
            </button>
          </>
        )}
      </div>
      <CangwuGrid<QualityAction>
        gridId="qualityActions"
        testId="quality-actions-grid"
        rowData={rows}
        columnDefs={cols}
        getRowId={(p) => String(p.data.id)}
        rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
        onSelectionChanged={(e) => setChosen(e.api.getSelectedRows()[0] ?? null)}
      />
    </div>
  );
}
