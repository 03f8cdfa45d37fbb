// 用户 Users (admin): who may log in, with which roles; who is locked out or
// disabled, and the administrator's unlock / disable / reset password.
import type { ColDef, GridApi, GridReadyEvent } from 'ag-grid-community';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserRow } from '../../shared/contract/types';
import { api } from '../api/client';
import { CangwuGrid } from '../components/grid/CangwuGrid';
import { useGridEvents } from '../components/grid/useGridEvents';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { UserActions } from './users/UserActions';
import { BackupsSection } from './users/BackupsSection';
import { DatabaseSection } from './users/DatabaseSection';
import { UserForm } from './users/UserForm';

const getRowId = ({ data }: { data: UserRow }) => String(data.id);

export function UsersPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const f = useFormat();
  const gridRef = useRef<GridApi<UserRow> | null>(null);
  const [selected, setSelected] = useState<UserRow | null>(null);

  const load = useCallback(async () => {
    const grid = gridRef.current;
    if (!grid) return;
    try {
      const rows = await api.request('users.list', {});
      if (!grid.isDestroyed()) grid.setGridOption('rowData', rows);
      setSelected((s) => (s ? (rows.find((r) => r.id === s.id) ?? null) : null));
    } catch (e) {
      notify.error(e);
    }
  }, [notify]);

  useGridEvents({ reconnected: () => void load() });

  const onGridReady = useCallback(
    (e: GridReadyEvent<UserRow>) => {
      gridRef.current = e.api;
      void load();
    },
    [load],
  );

  const columnDefs = useMemo<ColDef<UserRow>[]>(
    () => [
      { colId: 'username', field: 'username', headerName: t('users:col.username'), width: 150 },
      { colId: 'displayName', field: 'displayName', headerName: t('users:col.displayName'), width: 160 },
      {
        colId: 'roles',
        headerName: t('users:col.roles'),
        flex: 1,
        minWidth: 220,
        valueGetter: (p) =>
          p.data ? p.data.roles.map((r) => t(`domain:role.${r}`)).join(t('common:listSeparator')) : '',
      },
      {
        colId: 'locale',
        field: 'locale',
        headerName: t('users:col.locale'),
        width: 110,
        valueFormatter: (p) => (p.value ? t(`common:language.${String(p.value)}`) : ''),
      },
      {
        colId: 'active',
        headerName: t('users:col.active'),
        width: 100,
        valueGetter: (p) => (p.data ? (p.data.active ? t('common:yes') : t('common:no')) : ''),
      },
      {
        colId: 'status',
        headerName: t('users:col.status'),
        width: 220,
        valueGetter: (p) => {
          if (!p.data) return '';
          if (!p.data.active) return t('users:status.disabled');
          if (p.data.lockedUntil) return t('users:status.locked', { time: f.dateTime(p.data.lockedUntil) });
          return t('users:status.ok');
        },
      },
    ],
    [t, f],
  );

  return (
    <section className="page-body" data-testid="users">
      <div className="toolbar">
        <h1 className="page-title">{t('users:title')}</h1>
      </div>
      <div className="split">
        <CangwuGrid<UserRow>
          gridId="users"
          testId="users-grid"
          columnDefs={columnDefs}
          getRowId={getRowId}
          onGridReady={onGridReady}
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          onSelectionChanged={(e) => setSelected(e.api.getSelectedRows()[0] ?? null)}
        />
        <div className="users-side">
          <UserActions
            user={selected}
            onChanged={(row) => {
              gridRef.current?.applyTransaction({ update: [row] });
              setSelected(row);
            }}
          />
          <UserForm
            onCreated={(user) => {
              const grid = gridRef.current;
              if (!grid) return;
              const row: UserRow = { ...user, lockedUntil: null, dispatchOverride: false };
              if (grid.getRowNode(String(user.id))) grid.applyTransaction({ update: [row] });
              else grid.applyTransaction({ add: [row] });
            }}
          />
        </div>
      </div>
      <div className="admin-cards">
        <BackupsSection />
        <DatabaseSection />
      </div>
    </section>
  );
}
