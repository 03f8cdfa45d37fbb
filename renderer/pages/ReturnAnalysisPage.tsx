// 退货分析报告 The monthly return analysis (issue 13, R12 R3): by salesperson,
// product, quantity, amount at credit and reason, returns and refusals apart;
// the next-step action plan 下一步行动计划 per salesperson and per reason,
// written by the operator and saved with the report (every edit audited);
// submitted to the manager. Live: any move along the return chain reloads it.
import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanScope, ReturnAnalysis, ReturnAnalysisRow } from '../../shared/contract';
import { returnReasons } from '../../shared/contract/returns/words';
import { api } from '../api/client';
import { hasRole, useSession } from '../app/session';
import { CangwuGrid } from '../components/grid/CangwuGrid';
import { useFormat } from '../i18n/format';
import { returnCsv } from './analyses/analysesCsv';
import { AnalysisToolbar, useAnalysisParams } from './analyses/AnalysisToolbar';
import { AnalysisNote, WhoLine } from './analyses/parts';
import { useAnalysis } from './analyses/useAnalysis';
import { ReturnView, planTarget } from './analyses/ReturnView';
import { downloadText } from '../components/download';

const planKey = (scope: PlanScope, key: string) => `${scope}:${key}`;

export function ReturnAnalysisPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { month, warehouseId } = useAnalysisParams();
  const { session } = useSession();
  const writer = hasRole(session, ['operator', 'admin']);
  const [note, setNote] = useState('');
  const [plans, setPlans] = useState(new Map<string, string>());
  const [dirty, setDirty] = useState(false);
  const savedPlans = (r: ReturnAnalysis) => setPlans(new Map(r.plans.map((p) => [planKey(p.scope, p.key), p.text])));
  const { a, busy, run } = useAnalysis<ReturnAnalysis>({
    event: 'returns.changed',
    key: `${month}/${warehouseId}`,
    load: () => api.request('analyses.returns', { month, warehouseId }),
    resetEdits: (r) => {
      setNote(r.note);
      savedPlans(r);
    },
    dirty,
    setDirty,
    submitConfirm: t('analyses:returns.submitConfirm', { month }),
    save: (submit): Promise<ReturnAnalysis> =>
      api.request(submit ? 'analyses.submitReturns' : 'analyses.saveReturns', {
        month,
        warehouseId,
        note,
        plans: targets.map((x) => ({ ...x, text: (plans.get(planKey(x.scope, x.key)) ?? '').trim() })),
      }),
    onSaved: savedPlans,
  });

  // The plans' targets: every salesperson of the month and every reason, and any plan already saved.
  const targets: { scope: PlanScope; key: string }[] = useMemo(() => {
    if (!a) return [];
    const list: { scope: PlanScope; key: string }[] = [
      ...a.salespeople.map((s) => ({
        scope: 'salesperson' as const,
        key: s.salespersonId === null ? 'none' : String(s.salespersonId),
      })),
      ...returnReasons.map((r) => ({ scope: 'reason' as const, key: r })),
    ];
    for (const p of a.plans)
      if (!list.some((x) => x.scope === p.scope && x.key === p.key)) list.push({ scope: p.scope, key: p.key });
    return list;
  }, [a]);

  const editable = writer && a !== null && a.state !== 'submitted';
  const c = (k: string) => t(`analyses:returns.col.${k}`);
  const columns = useMemo<ColDef<ReturnAnalysisRow>[]>(
    () => [
      { headerName: c('kind'), valueGetter: (p) => (p.data ? t(`analyses:returnKind.${p.data.kind}`) : ''), width: 90 },
      {
        headerName: c('salesperson'),
        valueGetter: (p) => p.data?.salespersonName || t('analyses:none'),
        width: 140,
      },
      { headerName: c('product'), valueGetter: (p) => `${p.data?.productCode} ${p.data?.productName}`, flex: 2 },
      {
        headerName: c('reason'),
        valueGetter: (p) => (p.data ? t(`analyses:reason.${p.data.reason}`) : ''),
        width: 120,
      },
      { headerName: c('qty'), field: 'qty', type: 'numericColumn', width: 90, valueFormatter: (p) => f.qty(p.value) },
      { headerName: c('good'), field: 'qtyGood', type: 'numericColumn', width: 90 },
      { headerName: c('damaged'), field: 'qtyDamaged', type: 'numericColumn', width: 90 },
      {
        headerName: c('credit'),
        field: 'creditFen',
        type: 'numericColumn',
        width: 130,
        valueFormatter: (p) => f.money(p.value),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, f],
  );

  return (
    <section className="page-body analysis-page" data-testid="return-analysis">
      <AnalysisToolbar
        page="returnAnalysis"
        title={t('analyses:returns.title')}
        a={a}
        editable={editable}
        busy={busy}
        saveDisabled={!dirty}
        onRun={(submit) => void run(submit)}
        onCsv={() => a && downloadText(`${t('analyses:returns.fileName', { month })}.csv`, returnCsv(t, a))}
      />
      {a && (
        <>
          <WhoLine a={a} />
          <ReturnView a={a} />
          <h3>{t('analyses:returns.detail')}</h3>
          <CangwuGrid<ReturnAnalysisRow>
            gridId="returnAnalysisRows"
            boxClassName="analysis-grid"
            rowData={a.rows}
            columnDefs={columns}
          />
          <section className="analysis-plans" data-testid="return-plans">
            <h3>{t('analyses:returns.plans')}</h3>
            <p className="page-hint">{t('analyses:returns.planHint')}</p>
            {targets.map((x) => {
              const k = planKey(x.scope, x.key);
              const text = plans.get(k) ?? '';
              return (
                <label key={k} className="analysis-plan">
                  <span>{planTarget(t, a, x.scope, x.key)}</span>
                  {editable ? (
                    <textarea
                      data-testid={`plan-${x.scope}-${x.key}`}
                      maxLength={2000}
                      value={text}
                      onChange={(e) => {
                        setPlans((m) => new Map(m).set(k, e.target.value));
                        setDirty(true);
                      }}
                    />
                  ) : (
                    <p>{text}</p>
                  )}
                </label>
              );
            })}
          </section>
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
