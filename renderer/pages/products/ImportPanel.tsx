// CSV import: pick a file, decode it (UTF-8, UTF-16 or GBK, as Excel saves
// it: shared/text/decodeText.ts), send its text to products.import, follow the
// progress, then show "imported N / updated M" or every bad line with the
// reason (a file with any bad row imports nothing).
import type { ColDef } from 'ag-grid-community';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { productCsvColumns } from '../../../shared/catalogue/productCsv';
import type { Events } from '../../../shared/contract/events';
import type { ImportReport, ImportRowError } from '../../../shared/contract/types';
import { decodeText } from '../../../shared/text/decodeText';
import { api } from '../../api/client';
import { ApiError, toApiError } from '../../api/errors';
import { useApiEvent } from '../../api/hooks';
import { CangwuGrid } from '../../components/grid/CangwuGrid';
import { ProgressBar } from '../../components/ProgressBar';
import { useNotify } from '../../components/toast/useNotify';

type Outcome = { kind: 'done'; report: ImportReport } | { kind: 'invalid'; errors: ImportRowError[] };

export function ImportPanel({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Events['work.progress'] | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useApiEvent('work.progress', (p) => {
    if (p.job === 'products.import') setProgress(p);
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file || busy) return;
    setBusy(true);
    setOutcome(null);
    setProgress(null);
    try {
      // file.text() would read GBK as UTF-8 and turn every Chinese name into �.
      const decoded = decodeText(await file.arrayBuffer());
      if (!decoded.ok) throw new ApiError('import.undecodable', { line: decoded.line });
      const csv = decoded.text;
      const report = await api.request('products.import', { csv });
      setOutcome(report.errors.length > 0 ? { kind: 'invalid', errors: report.errors } : { kind: 'done', report });
    } catch (err) {
      const apiError = toApiError(err);
      const rows = apiError.details.errors;
      if (apiError.code === 'import.invalidRows' && Array.isArray(rows))
        setOutcome({ kind: 'invalid', errors: rows as ImportRowError[] });
      else notify.error(err);
    } finally {
      setBusy(false);
    }
  }

  const errorColumns = useMemo<ColDef<ImportRowError>[]>(
    () => [
      { field: 'line', headerName: t('products:import.col.line'), width: 90, type: 'rightAligned' },
      { field: 'field', headerName: t('products:import.col.field'), width: 150 },
      {
        colId: 'reason',
        field: 'reason',
        headerName: t('products:import.col.reason'),
        flex: 1,
        valueFormatter: (p) => t(`products:reason.${String(p.value)}`, { defaultValue: String(p.value) }),
      },
    ],
    [t],
  );

  return (
    <section className="card import-panel" data-testid="products-import">
      <form className="import-form" onSubmit={submit}>
        <h2>{t('products:import.title')}</h2>
        <p className="muted">{t('products:import.hint', { columns: productCsvColumns.join(', ') })}</p>
        {/* The browser's own file button speaks the OS language; this one speaks ours. */}
        <label className="file-pick">
          <input
            type="file"
            className="sr-only"
            accept=".csv,text/csv"
            data-testid="products-import-file"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setOutcome(null);
            }}
          />
          <span className="file-pick-button">{t('products:import.choose')}</span>
          <span className="file-pick-name" data-testid="products-import-filename">
            {file ? file.name : t('products:import.noFile')}
          </span>
        </label>
        <button type="submit" className="primary" data-testid="products-import-submit" disabled={!file || busy}>
          {busy ? t('products:import.running') : t('products:import.submit')}
        </button>
        <button type="button" onClick={onClose} data-testid="products-import-close">
          {t('common:actions.close')}
        </button>
      </form>
      {busy && (
        <ProgressBar
          testId="products-import-progress"
          label={t('products:import.progress')}
          done={progress?.done ?? 0}
          total={progress?.total ?? 0}
        />
      )}
      {outcome?.kind === 'done' && (
        <p className="form-success" role="status" data-testid="products-import-result">
          {t('products:import.done', { imported: outcome.report.imported, updated: outcome.report.updated })}
        </p>
      )}
      {outcome?.kind === 'invalid' && (
        <>
          <p className="form-error" role="alert" data-testid="products-import-invalid">
            {t('products:import.invalid', { rows: new Set(outcome.errors.map((e) => e.line)).size })}
          </p>
          <CangwuGrid<ImportRowError>
            gridId="products-import-errors"
            testId="products-import-errors"
            boxClassName="grid-box-panel"
            rowData={outcome.errors}
            columnDefs={errorColumns}
          />
        </>
      )}
    </section>
  );
}
