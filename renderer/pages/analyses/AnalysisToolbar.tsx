// The toolbar both monthly analyses share: the title, the month, the warehouse
// filter (shown when the site has more than one warehouse), the state, save and
// submit for their writers, print and CSV. The month and the warehouse live in
// the address (#/<page>?month=…&warehouse=…), so the print shows the same.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalysisHeader, LocationView } from '../../../shared/contract';
import { api } from '../../api/client';
import { navigate, openPrint, useRoute } from '../../app/routes';
import { useNotify } from '../../components/toast/useNotify';
import { MonthPicker, isMonth, thisMonth } from './parts';

export type AnalysisPageId = 'damageAnalysis' | 'returnAnalysis';

/** The month and the warehouse filter of the address. */
export function useAnalysisParams(): { month: string; warehouseId: number | undefined } {
  const route = useRoute();
  const m = route.params.get('month');
  const w = Number(route.params.get('warehouse'));
  return { month: isMonth(m) ? m : thisMonth(), warehouseId: Number.isSafeInteger(w) && w > 0 ? w : undefined };
}

const address = (month: string, warehouseId: number | undefined): Record<string, string | number> =>
  warehouseId === undefined ? { month } : { month, warehouse: warehouseId };

export function AnalysisToolbar({
  page,
  title,
  a,
  editable,
  busy,
  saveDisabled = false,
  onRun,
  onCsv,
}: {
  page: AnalysisPageId;
  title: string;
  a: AnalysisHeader | null;
  editable: boolean;
  busy: boolean;
  saveDisabled?: boolean;
  onRun(submit: boolean): void;
  onCsv(): void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { month, warehouseId } = useAnalysisParams();
  const [warehouses, setWarehouses] = useState<LocationView[]>([]);
  useEffect(() => {
    api.request('locations.list', {}).then((l) => setWarehouses(l.filter((x) => x.kind === 'warehouse')), notify.error);
  }, [notify]);

  return (
    <div className="toolbar">
      <h2>{title}</h2>
      <MonthPicker value={month} onChange={(m) => navigate(page, address(m, warehouseId))} />
      {warehouses.length > 1 && (
        <label className="analysis-warehouse">
          <span>{t('analyses:warehouse')}</span>
          <select
            data-testid="analysis-warehouse"
            value={warehouseId ?? ''}
            onChange={(e) => navigate(page, address(month, e.target.value ? Number(e.target.value) : undefined))}
          >
            <option value="">{t('analyses:allWarehouses')}</option>
            {warehouses.map((w) => (
              <option key={w.id} value={w.id}>
                {w.code} {w.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {a && (
        <span className={`badge badge-${a.state}`} data-testid="analysis-state">
          {t(`analyses:state.${a.state}`)}
        </span>
      )}
      <span className="toolbar-spacer" />
      {editable && (
        <>
          <button
            type="button"
            disabled={busy || saveDisabled}
            onClick={() => onRun(false)}
            data-testid="analysis-save"
          >
            {t('analyses:save')}
          </button>
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => onRun(true)}
            data-testid="analysis-submit"
          >
            {t('analyses:submit')}
          </button>
        </>
      )}
      <button type="button" onClick={() => openPrint(page, address(month, warehouseId))} data-testid="analysis-print">
        {t('analyses:print')}
      </button>
      <button type="button" disabled={!a} data-testid="analysis-csv" onClick={onCsv}>
        {t('analyses:csv')}
      </button>
    </div>
  );
}
