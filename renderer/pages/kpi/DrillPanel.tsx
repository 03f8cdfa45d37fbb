// The records behind one figure of the tracker (issue 14 item 3), beside the
// table: the count lines, the orders, the adjustment lines, the return notes,
// the receipts or the dispatch reports, those that count against the KPI first.
import type { ColDef } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KpiDrill, KpiDrillCell, KpiDrillKind, KpiId, KpiUnit } from '../../../shared/contract';
import { api } from '../../api/client';
import { pagesFor, routeHref } from '../../app/routes';
import { useSession } from '../../app/session';
import { CangwuGrid } from '../../components/grid/CangwuGrid';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat, type Formatters } from '../../i18n/format';
import { kpiDetail, kpiValue } from './kpiFormat';

type Row = Record<string, KpiDrillCell>;

/** Codes in a record shown in the user's words (a status, a movement type, an order state …). */
function words(t: TFunction, kpi: KpiId, key: string, v: KpiDrillCell): string {
  if (v === null || v === '') return '';
  const s = String(v);
  if (key === 'status') return t(`domain:status.${s}`, { defaultValue: s });
  if (key === 'type') return t(`domain:movementType.${s}`, { defaultValue: s });
  if (key === 'channel') return t(`orders:channel.${s}`, { defaultValue: s });
  if (key === 'state' && kpi === 'lateDispatchReports') return t(`kpi:dashboard.report.${s}`, { defaultValue: s });
  if (key === 'state') return t(`orders:state.${s}`, { defaultValue: s });
  if (key === 'issues') {
    try {
      return (JSON.parse(s) as string[]).map((i) => t(`orders:issue.${i}`, { defaultValue: i })).join('; ');
    } catch {
      return s;
    }
  }
  return s;
}

function cellText(t: TFunction, f: Formatters, kpi: KpiId, key: string, kind: KpiDrillKind, v: KpiDrillCell): string {
  if (v === null || v === undefined) return '';
  switch (kind) {
    case 'flag':
      return v ? t('kpi:drill.yes') : t('kpi:drill.no');
    case 'qty':
    case 'number':
      return f.qty(Number(v));
    case 'money':
      return f.money(Number(v));
    case 'instant':
      return f.dateTime(String(v));
    case 'minutes':
      return f.duration(Number(v));
    default:
      return words(t, kpi, key, v);
  }
}

type Props = { kpi: KpiId; unit: KpiUnit; from: string; to: string; onClose(): void };

export function DrillPanel({ kpi, unit, from, to, onClose }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const canOpenComplaints = pagesFor(session.user.roles).includes('complaints');
  const [drill, setDrill] = useState<KpiDrill | null>(null);
  useEffect(() => {
    setDrill(null);
    api.request('kpi.drill', { kpi, from, to }).then(setDrill, notify.error);
  }, [kpi, from, to, notify]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const columns = useMemo<ColDef<Row>[]>(
    () =>
      (drill?.columns ?? []).map(({ key, kind }) => ({
        colId: key,
        headerName: t(`kpi:drill.col.${key}`),
        valueGetter: (p) => p.data?.[key] ?? null,
        valueFormatter: (p) => cellText(t, f, kpi, key, kind, p.value as KpiDrillCell),
        type:
          kind === 'qty' || kind === 'number' || kind === 'money' || kind === 'minutes' ? 'numericColumn' : undefined,
        // A complaint's number opens it in the register (#/complaints?id=…) for those who may.
        cellRenderer:
          key === 'complaint' && canOpenComplaints
            ? (p: { value: unknown; data?: Row }) =>
                p.data?.complaintId != null ? (
                  <a
                    href={routeHref('complaints', { id: Number(p.data.complaintId) })}
                    data-testid={`kpi-drill-complaint-${String(p.data.complaintId)}`}
                  >
                    {String(p.value ?? '')}
                  </a>
                ) : (
                  String(p.value ?? '')
                )
            : undefined,
        cellClass: kind === 'flag' ? (p) => (p.value ? 'kpi-flag-yes' : 'kpi-flag-no') : undefined,
        flex: kind === 'text' ? 2 : 1,
        minWidth: 90,
      })),
    [drill, t, f, kpi, canOpenComplaints],
  );

  return (
    <aside className="kpi-drill" data-testid="kpi-drill" aria-label={t(`kpi:name.${kpi}`)}>
      <header className="kpi-drill-head">
        <h3>{t('kpi:drill.title', { kpi: t(`kpi:name.${kpi}`), from, to })}</h3>
        <button type="button" onClick={onClose} data-testid="kpi-drill-close">
          {t('kpi:drill.close')}
        </button>
      </header>
      {drill && (
        <>
          <p className="page-hint" data-testid="kpi-drill-figure">
            {t('kpi:drill.figure', { value: kpiValue(f, unit, drill.figure.value) || t('kpi:none') })}
            {kpiDetail(t, f, kpi, drill.figure) && ` (${kpiDetail(t, f, kpi, drill.figure)})`} ·{' '}
            {drill.truncated
              ? t('kpi:drill.truncated', { shown: f.qty(drill.rows.length), total: f.qty(drill.total) })
              : t('kpi:drill.total', { total: f.qty(drill.total) })}
          </p>
          <p className="page-hint">{t(`kpi:definition.${kpi}`)}</p>
          <CangwuGrid<Row>
            gridId={`kpiDrill.${kpi}`}
            testId="kpi-drill-grid"
            boxClassName="kpi-drill-grid"
            rowData={drill.rows}
            columnDefs={columns}
          />
        </>
      )}
    </aside>
  );
}
