// 用户 Users (admin): who may log in, with which roles.
import type { ColDef, GridApi, GridReadyEvent } from 'ag-grid-community';
import { useCallback, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../shared/contract/types';
import { api } from '../api/client';
import { CangwuGrid } from '../components/grid/CangwuGrid';
import { useGridEvents } from '../components/grid/useGridEvents';
import { useNotify } from '../components/toast/useNotify';
import { BackupsSection } from './users/BackupsSection';
import { UserForm } from './users/UserForm';

const getRowId = ({ data }: { data: UserView }) => String(data.id);

export function UsersPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const gridRef = useRef<GridApi<UserView> | null>(null);

  const load = useCallback(async () => {
    const grid = gridRef.current;
    if (!grid) return;
    try {
      const rows = await api.request('users.list', {});
      if (!grid.isDestroyed()) grid.setGridOption('rowData', rows);
    } catch (e) {
      notify.error(e);
    }
  }, [notify]);

  useGridEvents({ reconnected: () => void load() });

  const onGridReady = useCallback(
    (e: GridReadyEvent<UserView>) => {
      gridRef.current = e.api;
      void load();
    },
    [load],
  );

  const columnDefs = useMemo<ColDef<UserView>[]>(
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
    ],
    [t],
  );

  return (
    <section className="page-body" data-testid="users">
      <div className="toolbar">
        <h1 className="page-title">{t('users:title')}</h1>
      </div>
      <div className="split">
        <CangwuGrid<UserView>
          gridId="users"
          testId="users-grid"
          columnDefs={columnDefs}
          getRowId={getRowId}
          onGridReady={onGridReady}
        />
        <UserForm
          onCreated={(user) => {
            const grid = gridRef.current;
            if (!grid) return;
            if (grid.getRowNode(String(user.id))) grid.applyTransaction({ update: [user] });
            else grid.applyTransaction({ add: [user] });
          }}
        />
      </div>
      <BackupsSection />
    </section>
  );
}
