// CSV import of master data (products, customers, prices), one panel for all:
// pick a file, send its text, follow the progress, then "imported N / updated
// M" or every bad line with the reason (a file with any bad row imports nothing).
// The file's encoding (UTF-8, UTF-16, GBK) is detected by the shared decoder:
// file.text() would read GBK as UTF-8 and turn every Chinese name into �.
import type { ColDef } from 'ag-grid-community';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Events } from '../../shared/contract/events';
import type { ImportReport, ImportRowError } from '../../shared/contract/types';
import { api } from '../api/client';
import { toApiError } from '../api/errors';
import { useApiEvent } from '../api/hooks';
import { CangwuGrid } from './grid/CangwuGrid';
import { ProgressBar } from './ProgressBar';
import { useNotify } from './toast/useNotify';
import { decodeText } from '../../shared/text/decodeText';
import { ApiError } from '../api/errors';

type Outcome = { kind: 'done'; report: ImportReport } | { kind: 'invalid'; errors: ImportRowError[] };

export function CsvImportPanel({
  request,
  ns,
  columns,
  onClose,
}: {
  request: 'products.import' | 'customers.import' | 'prices.import';
  /** The namespace with import.* and reason.* texts. */
  ns: 'products' | 'customers' | 'prices';
  columns: readonly string[];
  onClose(): void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Events['work.progress'] | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useApiEvent('work.progress', (p) => {
    if (p.job === request) setProgress(p);
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file || busy) return;
    setBusy(true);
    setOutcome(null);
    setProgress(null);
    try {
      const decoded = decodeText(await file.arrayBuffer());
      if (!decoded.ok) throw new ApiError('import.undecodable', { line: decoded.line });
      const report = await api.request(request, { csv: decoded.text });
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
      { field: 'line', headerName: t(`${ns}:import.col.line`), width: 90, type: 'rightAligned' },
      { field: 'field', headerName: t(`${ns}:import.col.field`), width: 150 },
      {
        colId: 'reason',
        field: 'reason',
        headerName: t(`${ns}:import.col.reason`),
        flex: 1,
        valueFormatter: (p) => t(`${ns}:reason.${String(p.value)}`, { defaultValue: String(p.value) }),
      },
    ],
    [t, ns],
  );

  return (
    <section className="card import-panel" data-testid={`${ns}-import`}>
      <form className="import-form" onSubmit={submit}>
        <h2>{t(`${ns}:import.title`)}</h2>
        <p className="muted">{t(`${ns}:import.hint`, { columns: columns.join(', ') })}</p>
        <label className="file-pick">
          <input
            type="file"
            className="sr-only"
            accept=".csv,text/csv"
            data-testid={`${ns}-import-file`}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setOutcome(null);
            }}
          />
          <span className="file-pick-button">{t(`${ns}:import.choose`)}</span>
          <span className="file-pick-name" data-testid={`${ns}-import-filename`}>
            {file ? file.name : t(`${ns}:import.noFile`)}
          </span>
        </label>
        <button type="submit" className="primary" data-testid={`${ns}-import-submit`} disabled={!file || busy}>
          {busy ? t(`${ns}:import.running`) : t(`${ns}:import.submit`)}
        </button>
        <button type="button" onClick={onClose} data-testid={`${ns}-import-close`}>
          {t('common:actions.close')}
        </button>
      </form>
      {busy && (
        <ProgressBar
          testId={`${ns}-import-progress`}
          label={t(`${ns}:import.progress`)}
          done={progress?.done ?? 0}
          total={progress?.total ?? 0}
        />
      )}
      {outcome?.kind === 'done' && (
        <p className="form-success" role="status" data-testid={`${ns}-import-result`}>
          {t(`${ns}:import.done`, { imported: outcome.report.imported, updated: outcome.report.updated })}
        </p>
      )}
      {outcome?.kind === 'invalid' && (
        <>
          <p className="form-error" role="alert" data-testid={`${ns}-import-invalid`}>
            {t(`${ns}:import.invalid`, { rows: new Set(outcome.errors.map((e) => e.line)).size })}
          </p>
          <CangwuGrid<ImportRowError>
            gridId={`${ns}-import-errors`}
            testId={`${ns}-import-errors`}
            boxClassName="grid-box-panel"
            rowData={outcome.errors}
            columnDefs={errorColumns}
          />
        </>
      )}
    </section>
  );
}
