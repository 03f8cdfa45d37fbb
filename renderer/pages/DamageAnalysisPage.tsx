// 残损分析报告 The monthly damage analysis (issue 13, R11): per product the
// quantity, amount at cost, causes, disposal suggestion and what was done; the
// Pareto of causes; the trend; the reconciliation with the ledger. Prepared
// by the operator with the keeper (a note), then submitted to the manager.
// Live: any change to the damage register or disposals reloads it.
import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DamageProductRow } from '../../shared/contract';
import { api } from '../api/client';
import { hasRole, useSession } from '../app/session';
import { CangwuGrid } from '../components/grid/CangwuGrid';
import { useFormat } from '../i18n/format';
import { damageCsv } from './analyses/analysesCsv';
import { AnalysisToolbar, useAnalysisParams } from './analyses/AnalysisToolbar';
import { DamageView, causeName, kindList } from './analyses/DamageView';
import { AnalysisNote, WhoLine } from './analyses/parts';
import { useAnalysis } from './analyses/useAnalysis';
import { downloadText } from '../components/download';

export function DamageAnalysisPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const { month, warehouseId } = useAnalysisParams();
  const { session } = useSession();
  const writer = hasRole(session, ['operator', 'warehouseKeeper', 'admin']);
  const [note, setNote] = useState('');
  const [dirty, setDirty] = useState(false);
  const zh = i18n.language === 'zh-CN';

  const { a, busy, run } = useAnalysis({
    event: 'damage.changed',
    key: `${month}/${warehouseId}`,
    load: () => api.request('analyses.damage', { month, warehouseId }),
    resetEdits: (r) => setNote(r.note),
    dirty,
    setDirty,
    submitConfirm: t('analyses:damage.submitConfirm', { month }),
    save: (submit) =>
      api.request(submit ? 'analyses.submitDamage' : 'analyses.saveDamage', { month, note, warehouseId }),
  });

  const editable = writer && a !== null && a.state !== 'submitted';
  const c = (k: string) => t(`analyses:damage.col.${k}`);
  const columns = useMemo<ColDef<DamageProductRow>[]>(
    () => [
      { headerName: c('product'), valueGetter: (p) => `${p.data?.productCode} ${p.data?.productName}`, flex: 2 },
      { headerName: c('reports'), field: 'reports', type: 'numericColumn', width: 90 },
      { headerName: c('qty'), field: 'qty', type: 'numericColumn', width: 100, valueFormatter: (p) => f.qty(p.value) },
      {
        headerName: c('amount'),
        field: 'amountFen',
        type: 'numericColumn',
        width: 130,
        valueFormatter: (p) => f.money(p.value),
      },
      {
        headerName: c('causes'),
        valueGetter: (p) => (a && p.data ? p.data.causes.map((x) => causeName(a, x, zh)).join('，') : ''),
        flex: 1,
      },
      { headerName: c('suggested'), valueGetter: (p) => (p.data ? kindList(t, p.data.suggested, f.qty) : ''), flex: 1 },
      { headerName: c('disposed'), valueGetter: (p) => (p.data ? kindList(t, p.data.disposed, f.qty) : ''), flex: 1 },
      { headerName: c('open'), field: 'openQty', type: 'numericColumn', width: 90 },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [a, zh, t, f],
  );

  return (
    <section className="page-body analysis-page" data-testid="damage-analysis">
      <AnalysisToolbar
        page="damageAnalysis"
        title={t('analyses:damage.title')}
        a={a}
        editable={editable}
        busy={busy}
        onRun={(submit) => void run(submit)}
        onCsv={() => a && downloadText(`${t('analyses:damage.fileName', { month })}.csv`, damageCsv(t, a, zh))}
      />
      {a && (
        <>
          <WhoLine a={a} />
          <DamageView a={a} />
          <h3>{t('analyses:damage.byProduct')}</h3>
          <CangwuGrid<DamageProductRow>
            gridId="damageAnalysisProducts"
            boxClassName="analysis-grid"
            rowData={a.products}
            columnDefs={columns}
            getRowId={(p) => String(p.data.productId)}
          />
          <AnalysisNote
            editable={editable}
            value={note}
            saved={a.note}
            onChange={(n) => {
              setNote(n);
              setDirty(true);
            }}
          />
        </>
      )}
    </section>
  );
}
