// 顾客投诉登记表 The complaint register (issue 16 §1–2): every complaint in a
// grid with where it stands against its deadline (coloured and in words),
// filters by state, deadline and category, an "overdue" list for the CS
// manager, the detail with the next step for the user's role, the register
// form, and the manager's categories and working calendar. Live: every
// 'complaints.changed' reloads.
import type { ColDef, SelectionChangedEvent } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  complaintRegistrars,
  complaintStates,
  deadlineStatuses,
  type ComplaintCategory,
  type ComplaintRow,
  type ComplaintState,
  type DeadlineStatus,
} from '../../shared/contract';
import { api } from '../api/client';
import { useApiEvent, useReconnected } from '../api/hooks';
import { useRoute } from '../app/routes';
import { hasRole, useSession } from '../app/session';
import { CangwuGrid } from '../components/grid/CangwuGrid';
import { dateTimeColumn } from '../components/grid/formatters';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { CalendarPanel } from './complaints/CalendarPanel';
import { CategoriesPanel } from './complaints/CategoriesPanel';
import { ComplaintDetail } from './complaints/ComplaintDetail';
import { ComplaintForm } from './complaints/ComplaintForm';
import { categoryName } from './complaints/words';
import { TabBar } from '../components/TabBar';

type Tab = 'register' | 'overdue' | 'categories' | 'calendar';

/** A register row with its category's name in the user's language. */
type Row = ComplaintRow & { categoryName: string };

export function ComplaintsPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const zh = i18n.language === 'zh-CN';
  const canRegister = hasRole(session, complaintRegistrars);
  const isManager = hasRole(session, ['csManager']);
  const [tab, setTab] = useState<Tab>('register');
  const [state, setState] = useState<ComplaintState | ''>('');
  const [deadline, setDeadline] = useState<DeadlineStatus | ''>('');
  const [category, setCategory] = useState('');
  const [openOnly, setOpenOnly] = useState(false);
  const [rows, setRows] = useState<Row[]>([]);
  const [categories, setCategories] = useState<ComplaintCategory[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [form, setForm] = useState(false);
  // #/complaints?deadline=atRisk (the dashboard's tile): the register filtered to open complaints at that deadline.
  const params = useRoute().params;
  const deadlineParam = params.get('deadline');
  // #/complaints?id=… (a KPI drill's row): the register with that complaint open.
  const idParam = params.get('id');
  useEffect(() => {
    const id = Number(idParam);
    if (!idParam || !Number.isInteger(id) || id <= 0) return;
    setTab('register');
    setSelected(id);
  }, [idParam]);
  useEffect(() => {
    if (!(deadlineStatuses as readonly string[]).includes(deadlineParam ?? '')) return;
    setTab('register');
    setState('');
    setDeadline(deadlineParam as DeadlineStatus);
    setOpenOnly(true);
  }, [deadlineParam]);

  const load = useCallback(async () => {
    try {
      const filter =
        tab === 'overdue'
          ? { deadline: 'overdue' as const }
          : { ...(state && { state }), ...(deadline && { deadline }), ...(openOnly && { open: true }) };
      const [c, r] = await Promise.all([
        api.request('complaints.categories', {}),
        api.request('complaints.list', filter),
      ]);
      setCategories(c);
      // The category's name goes on the row: a grid keeps a cell's value until the row changes, so a
      // name looked up by the column would stay the code when the list arrives after the rows.
      const shown = category ? r.filter((x) => x.category === category) : r;
      setRows(shown.map((x) => ({ ...x, categoryName: categoryName(c, x.category, zh) })));
    } catch (e) {
      notify.error(e);
    }
  }, [tab, state, deadline, category, openOnly, notify, zh]);
  useEffect(() => {
    void load();
  }, [load]);
  useApiEvent('complaints.changed', () => void load());
  useReconnected(() => void load());

  const cols = useMemo<ColDef<Row>[]>(
    () => [
      { colId: 'number', field: 'number', headerName: t('complaints:col.number'), width: 170, pinned: 'left' },
      {
        colId: 'deadline',
        headerName: t('complaints:col.deadline'),
        width: 150,
        valueGetter: (p) =>
          p.data
            ? `${t(`complaints:deadline.${p.data.deadline.kind}`)} · ${t(`complaints:deadline.${p.data.deadline.status}`)}`
            : '',
        cellClass: (p) => `complaint-deadline complaint-deadline-${p.data?.deadline.status ?? ''}`,
      },
      {
        colId: 'dueAt',
        headerName: t('complaints:col.dueAt'),
        width: 150,
        valueGetter: (p) => p.data?.deadline.dueAt ?? null,
        ...dateTimeColumn(f),
      },
      {
        colId: 'state',
        headerName: t('complaints:col.state'),
        width: 110,
        valueGetter: (p) => (p.data ? t(`complaints:state.${p.data.state}`) : ''),
      },
      { colId: 'complainant', field: 'complainant', headerName: t('complaints:col.complainant'), width: 150 },
      { colId: 'area', field: 'area', headerName: t('complaints:col.area'), width: 80 },
      {
        colId: 'category',
        headerName: t('complaints:col.category'),
        width: 110,
        field: 'categoryName',
      },
      {
        colId: 'severity',
        headerName: t('complaints:col.severity'),
        width: 90,
        valueGetter: (p) => (p.data ? t(`complaints:severity.${p.data.severity}`) : ''),
      },
      { colId: 'content', field: 'content', headerName: t('complaints:col.content'), flex: 1, minWidth: 180 },
      {
        colId: 'channel',
        headerName: t('complaints:col.channel'),
        width: 90,
        valueGetter: (p) => (p.data ? t(`complaints:channel.${p.data.channel}`) : ''),
      },
      {
        colId: 'receivedAt',
        field: 'receivedAt',
        headerName: t('complaints:col.receivedAt'),
        width: 150,
        ...dateTimeColumn(f),
      },
      {
        colId: 'department',
        headerName: t('complaints:col.department'),
        width: 100,
        valueGetter: (p) => (p.data?.department ? t(`complaints:department.${p.data.department}`) : ''),
      },
      { colId: 'order', field: 'orderNumber', headerName: t('complaints:col.order'), width: 160 },
      { colId: 'registeredBy', field: 'registeredBy', headerName: t('complaints:col.registeredBy'), width: 100 },
    ],
    [t, f],
  );

  const tabs: Tab[] = ['register', 'overdue', ...(isManager ? (['categories', 'calendar'] as Tab[]) : [])];
  return (
    <section className="page-body complaints-page" data-testid="complaints">
      <div className="toolbar">
        <h1 className="page-title">{t('complaints:title')}</h1>
        <TabBar
          tabs={tabs.map((k) => ({ id: k, label: t(`complaints:tabs.${k}`) }))}
          current={tab}
          onChange={setTab}
          testIdPrefix="complaints"
        />
        {tab === 'register' && (
          <>
            <select
              value={state}
              onChange={(e) => setState(e.target.value as ComplaintState | '')}
              data-testid="complaints-state-filter"
              aria-label={t('complaints:col.state')}
            >
              <option value="">{t('complaints:filter.allStates')}</option>
              {complaintStates.map((s) => (
                <option key={s} value={s}>
                  {t(`complaints:state.${s}`)}
                </option>
              ))}
            </select>
            <select
              value={deadline}
              onChange={(e) => setDeadline(e.target.value as DeadlineStatus | '')}
              data-testid="complaints-deadline-filter"
              aria-label={t('complaints:col.deadline')}
            >
              <option value="">{t('complaints:filter.allDeadlines')}</option>
              {deadlineStatuses.map((s) => (
                <option key={s} value={s}>
                  {t(`complaints:deadline.${s}`)}
                </option>
              ))}
            </select>
            <select
              value={category}
              onChange={(e) => setCategory(e.target.value)}
              data-testid="complaints-category-filter"
              aria-label={t('complaints:col.category')}
            >
              <option value="">{t('complaints:filter.allCategories')}</option>
              {categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {zh ? c.nameZh : c.nameEn}
                </option>
              ))}
            </select>
            <label className="check-label">
              <input
                type="checkbox"
                checked={openOnly}
                onChange={(e) => setOpenOnly(e.target.checked)}
                data-testid="complaints-open-only"
              />
              {t('complaints:filter.open')}
            </label>
          </>
        )}
        <span className="toolbar-spacer" />
        {canRegister && (tab === 'register' || tab === 'overdue') && (
          <button type="button" className="primary" onClick={() => setForm(true)} data-testid="complaints-new">
            {t('complaints:new')}
          </button>
        )}
      </div>
      <p className="page-hint">{t('complaints:hint')}</p>
      {form && (
        <ComplaintForm
          categories={categories}
          onCancel={() => setForm(false)}
          onRegistered={(c) => {
            setForm(false);
            setSelected(c.id);
            void load();
          }}
        />
      )}
      {(tab === 'register' || tab === 'overdue') && (
        <div className="damage-split">
          <CangwuGrid<Row>
            gridId={tab === 'overdue' ? 'complaintsOverdue' : 'complaints'}
            testId="complaints-grid"
            rowData={rows}
            columnDefs={cols}
            getRowId={(p) => String(p.data.id)}
            rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
            onSelectionChanged={(e: SelectionChangedEvent<Row>) => setSelected(e.api.getSelectedRows()[0]?.id ?? null)}
          />
          {selected !== null ? (
            <ComplaintDetail key={selected} complaintId={selected} categories={categories} />
          ) : (
            <p className="task-empty">{t('complaints:detail.empty')}</p>
          )}
        </div>
      )}
      {tab === 'categories' && isManager && <CategoriesPanel categories={categories} onSaved={setCategories} />}
      {tab === 'calendar' && isManager && <CalendarPanel />}
    </section>
  );
}
