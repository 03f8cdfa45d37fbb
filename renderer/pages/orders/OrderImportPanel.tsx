// Order file import: choose a file → preview (orders to be created, how many
// unqualified and why, bad rows by line) → confirm → result. Nothing is written
// before the confirmation; a file with a bad row imports nothing; a file
// imported before is refused with the translated reason.
import type { ColDef } from 'ag-grid-community';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Events } from '../../../shared/contract/events';
import {
  orderFileColumns,
  type ImportPreviewOrder,
  type OrderImportPreview,
  type OrderImportResult,
  type OrderReason,
} from '../../../shared/contract/orders';
import { api } from '../../api/client';
import { useApiEvent } from '../../api/hooks';
import { CangwuGrid } from '../../components/grid/CangwuGrid';
import { ProgressBar } from '../../components/ProgressBar';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat } from '../../i18n/format';
import { orderFileText, type OrderFileText } from './orderFileText';
import { issuesText } from './orderText';

type Loaded = { fileName: string; csv: string; encoding: OrderFileText['encoding'] };
type FileError = OrderImportPreview['errors'][number];

export function OrderImportPanel({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const [file, setFile] = useState<File | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [busy, setBusy] = useState<'preview' | 'import' | null>(null);
  const [progress, setProgress] = useState<Events['work.progress'] | null>(null);
  const [preview, setPreview] = useState<OrderImportPreview | null>(null);
  const [result, setResult] = useState<OrderImportResult | null>(null);

  useApiEvent('work.progress', (p) => {
    if (busy && p.job.startsWith('orders.')) setProgress(p);
  });

  async function runPreview(e: FormEvent) {
    e.preventDefault();
    if (!file || busy) return;
    setBusy('preview');
    setProgress(null);
    setPreview(null);
    setResult(null);
    try {
      // CSV in any encoding Chinese Excel writes, or the workbook itself (.xlsx).
      const read = await orderFileText(file);
      const l = { fileName: file.name, csv: read.text, encoding: read.encoding };
      setLoaded(l);
      setPreview(await api.request('orders.previewImport', { csv: l.csv, fileName: l.fileName }));
    } catch (err) {
      notify.error(err);
    } finally {
      setBusy(null);
    }
  }

  async function runImport() {
    if (!loaded || busy) return;
    setBusy('import');
    setProgress(null);
    try {
      setResult(await api.request('orders.import', { csv: loaded.csv, fileName: loaded.fileName }));
      setPreview(null);
    } catch (err) {
      notify.error(err);
    } finally {
      setBusy(null);
    }
  }

  const errorColumns = useMemo<ColDef<FileError>[]>(
    () => [
      { field: 'line', headerName: t('orders:import.col.line'), width: 90, type: 'rightAligned' },
      { field: 'field', headerName: t('orders:import.col.field'), width: 150 },
      {
        colId: 'reason',
        field: 'reason',
        headerName: t('orders:import.col.reason'),
        flex: 1,
        valueFormatter: (p) => t(`orders:fileReason.${String(p.value)}`, { defaultValue: String(p.value) }),
      },
    ],
    [t],
  );
  const unqualifiedColumns = useMemo<ColDef<ImportPreviewOrder>[]>(
    () => [
      { field: 'line', headerName: t('orders:import.col.line'), width: 90, type: 'rightAligned' },
      { field: 'reference', headerName: t('orders:import.col.reference'), width: 150 },
      { field: 'customerCode', headerName: t('orders:import.col.customer'), width: 130 },
      { field: 'lines', headerName: t('orders:import.col.lines'), width: 90, type: 'rightAligned' },
      {
        colId: 'issues',
        headerName: t('orders:import.col.issues'),
        flex: 1,
        valueGetter: (p) => (p.data ? issuesText(t, p.data.issues) : ''),
      },
    ],
    [t],
  );

  const reasons = preview
    ? (Object.entries(preview.reasonCounts) as [OrderReason, number][]).filter(([, n]) => n > 0)
    : [];
  const errorRows = preview ? new Set(preview.errors.map((e) => e.line)).size : 0;
  const canImport = preview !== null && preview.errors.length === 0 && preview.alreadyImported === null;

  return (
    <section className="card import-panel" data-testid="orders-import">
      <form className="import-form" onSubmit={runPreview}>
        <h2>{t('orders:import.title')}</h2>
        <p className="muted">{t('orders:import.hint', { columns: orderFileColumns.join(', ') })}</p>
        <label className="file-pick">
          <input
            type="file"
            className="sr-only"
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            data-testid="orders-import-file"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setPreview(null);
              setResult(null);
              setLoaded(null);
            }}
          />
          <span className="file-pick-button">{t('orders:import.choose')}</span>
          <span className="file-pick-name" data-testid="orders-import-filename">
            {file ? file.name : t('orders:import.noFile')}
          </span>
        </label>
        <button type="submit" data-testid="orders-import-preview" disabled={!file || busy !== null}>
          {busy === 'preview' ? t('orders:import.previewing') : t('orders:import.preview')}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="orders-import-confirm"
          disabled={!canImport || busy !== null}
          onClick={() => void runImport()}
        >
          {busy === 'import' ? t('orders:import.importing') : t('orders:import.confirm')}
        </button>
        <button type="button" onClick={onClose} data-testid="orders-import-close">
          {t('common:actions.close')}
        </button>
      </form>
      {busy && (
        <ProgressBar
          testId="orders-import-progress"
          label={t('orders:import.progress')}
          done={progress?.done ?? 0}
          total={progress?.total ?? 0}
        />
      )}
      {preview && loaded && (
        <div className="import-preview" data-testid="orders-import-summary">
          <p>
            {t('orders:import.summary', {
              rows: f.qty(preview.rows),
              orders: f.qty(preview.orders),
              lines: f.qty(preview.lines),
              qualified: f.qty(preview.qualified),
              unqualified: f.qty(preview.unqualified),
            })}{' '}
            <span className="muted">{t('orders:import.encoding', { encoding: loaded.encoding.toUpperCase() })}</span>
          </p>
          {preview.alreadyImported && (
            <p className="form-error" role="alert" data-testid="orders-import-already">
              {t('orders:import.already', {
                at: f.dateTime(preview.alreadyImported.at),
                by: preview.alreadyImported.by ?? '',
              })}
            </p>
          )}
          {reasons.length > 0 && (
            <ul className="chips" aria-label={t('orders:import.reasonCounts')} data-testid="orders-import-reasons">
              {reasons.map(([reason, n]) => (
                <li key={reason} className="chip">
                  {t(`orders:reason.${reason}`)} {f.qty(n)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {preview && preview.errors.length > 0 && (
        <>
          <p className="form-error" role="alert" data-testid="orders-import-invalid">
            {t('orders:import.errors', { rows: errorRows })}
          </p>
          <CangwuGrid<FileError>
            gridId="orders-import-errors"
            testId="orders-import-errors"
            boxClassName="grid-box-panel"
            rowData={preview.errors}
            columnDefs={errorColumns}
          />
        </>
      )}
      {preview && preview.errors.length === 0 && preview.unqualifiedOrders.length > 0 && (
        <>
          <h3>{t('orders:import.unqualified')}</h3>
          <CangwuGrid<ImportPreviewOrder>
            gridId="orders-import-unqualified"
            testId="orders-import-unqualified"
            boxClassName="grid-box-panel"
            rowData={preview.unqualifiedOrders}
            columnDefs={unqualifiedColumns}
          />
        </>
      )}
      {result && (
        <p className="form-success" role="status" data-testid="orders-import-result">
          {t('orders:import.done', {
            orders: f.qty(result.orders),
            lines: f.qty(result.lines),
            qualified: f.qty(result.qualified),
            unqualified: f.qty(result.unqualified),
            awaiting: f.qty(result.awaitingConfirmation),
          })}
        </p>
      )}
    </section>
  );
}
