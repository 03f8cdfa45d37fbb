// One adjustment form: its lines, and what the caller may do with it now —
// submit (operator), approve or reject with a comment (CS manager), edit a
// manual draft, print it with its signature lines.
import type { ColDef } from 'ag-grid-community';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdjustmentFormView, AdjustmentLineView } from '../../../shared/contract/counts';
import { api } from '../../api/client';
import { openPrint } from '../../app/routes';
import { hasRole, useSession } from '../../app/session';
import { CangwuGrid } from '../../components/grid/CangwuGrid';
import { enumColumn, moneyColumn, qtyColumn } from '../../components/grid/formatters';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat } from '../../i18n/format';

/** A handful of lines: sorting helps, filters only crowd the headers. */
const linesColDef = { filter: false };

type Props = { formId: number; onEdit(id: number): void; onChanged(): void };

export function AdjustmentDetail({ formId, onEdit, onChanged }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const [form, setForm] = useState<AdjustmentFormView | null>(null);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api.request('adjustments.get', { formId }).then(
      (v) => live && setForm(v),
      (e: unknown) => live && notify.error(e),
    );
    return () => {
      live = false;
    };
  }, [formId, notify]);

  const columnDefs = useMemo<ColDef<AdjustmentLineView>[]>(
    () => [
      { colId: 'lineNo', field: 'lineNo', headerName: t('adjustments:col.lineNo'), width: 70 },
      {
        colId: 'product',
        headerName: t('adjustments:col.product'),
        flex: 2,
        minWidth: 240,
        valueGetter: (p) =>
          p.data ? `${p.data.productCode} ${f.productName(p.data.productNameZh, p.data.productNameEn)}` : '',
      },
      { colId: 'unit', field: 'unit', headerName: t('adjustments:col.unit'), width: 80 },
      {
        colId: 'status',
        field: 'status',
        headerName: t('adjustments:col.status'),
        width: 115,
        ...enumColumn<AdjustmentLineView>(t, 'domain:status', 'status'),
      },
      { colId: 'location', field: 'locationCode', headerName: t('adjustments:col.location'), width: 100 },
      {
        colId: 'qty',
        field: 'qty',
        headerName: t('adjustments:col.qty'),
        width: 110,
        ...qtyColumn<AdjustmentLineView>(f),
      },
      {
        colId: 'unitCost',
        field: 'unitCostFen',
        headerName: t('adjustments:col.unitCost'),
        width: 110,
        ...moneyColumn<AdjustmentLineView>(f),
      },
      {
        colId: 'amount',
        field: 'amountFen',
        headerName: t('adjustments:col.amount'),
        width: 120,
        ...moneyColumn<AdjustmentLineView>(f),
      },
      {
        colId: 'cause',
        field: 'cause',
        headerName: t('adjustments:col.cause'),
        width: 140,
        ...enumColumn<AdjustmentLineView>(t, 'domain:countCause', 'cause'),
      },
      { colId: 'note', field: 'note', headerName: t('adjustments:col.note'), flex: 1, minWidth: 120 },
    ],
    [t, f],
  );

  if (!form) return null;

  const act = async (run: () => Promise<AdjustmentFormView>, message: (v: AdjustmentFormView) => string) => {
    setBusy(true);
    try {
      const v = await run();
      setForm(v);
      notify.success(message(v));
      onChanged();
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };
  const isOperator = hasRole(session, ['operator']);
  const isManager = hasRole(session, ['csManager']);
  const submit = () =>
    act(
      () => api.request('adjustments.submit', { formId }),
      (v) => t('adjustments:detail.submitted', { number: v.number }),
    );
  const approve = () => {
    if (!window.confirm(t('adjustments:detail.approveConfirm'))) return;
    void act(
      () => api.request('adjustments.approve', { formId, ...(comment.trim() && { comment: comment.trim() }) }),
      (v) => t('adjustments:detail.approved', { number: v.number, documentNo: v.documentNo ?? '' }),
    );
  };
  const reject = () => {
    if (!comment.trim()) {
      setCommentError(true);
      return;
    }
    void act(
      () => api.request('adjustments.reject', { formId, comment: comment.trim() }),
      (v) => t('adjustments:detail.rejected', { number: v.number }),
    );
  };

  return (
    <section className="card adjustment-detail" data-testid="adjustment-detail" aria-label={form.number}>
      <div className="toolbar">
        <h2>{t('adjustments:detail.title', { number: form.number })}</h2>
        <span className={`badge badge-${form.state}`} data-testid="adjustment-state">
          {t(`domain:documentState.${form.state}`)}
        </span>
        {form.sessionNumber && (
          <span className="muted">{t('adjustments:detail.session', { number: form.sessionNumber })}</span>
        )}
        <span className="toolbar-spacer" />
        <button
          type="button"
          data-testid="adjustment-print"
          onClick={() => openPrint('adjustmentForm', { form: form.id })}
        >
          {t('adjustments:detail.print')}
        </button>
        {isOperator && form.state === 'draft' && form.kind === 'manual' && (
          <button type="button" data-testid="adjustment-edit" disabled={busy} onClick={() => onEdit(form.id)}>
            {t('adjustments:detail.edit')}
          </button>
        )}
        {isOperator && form.state === 'draft' && (
          <button
            type="button"
            className="primary"
            data-testid="adjustment-submit"
            disabled={busy}
            onClick={() => void submit()}
          >
            {t('adjustments:detail.submit')}
          </button>
        )}
      </div>
      {form.note && <p>{t('adjustments:detail.noteLine', { note: form.note })}</p>}
      <p data-testid="adjustment-totals">
        {t('adjustments:detail.totals', {
          lines: f.qty(form.lineCount),
          qty: f.qty(form.totalQty),
          amount: f.money(form.totalAmountFen),
        })}
      </p>
      <CangwuGrid<AdjustmentLineView>
        gridId="adjustment-lines"
        testId="adjustment-lines"
        boxClassName="grid-auto"
        columnDefs={columnDefs}
        // A form is read whole: every line shown, no inner scrolling.
        domLayout="autoHeight"
        defaultColDef={linesColDef}
        rowData={form.lines}
        getRowId={({ data }) => String(data.lineNo)}
      />
      {form.state === 'submitted' && !isManager && <p className="page-hint">{t('adjustments:detail.waiting')}</p>}
      {form.state === 'submitted' && isManager && (
        <div className="form-row decision" data-testid="adjustment-decision">
          <label className="field field-wide">
            <span className="field-label">{t('adjustments:detail.comment')}</span>
            <input
              data-testid="adjustment-comment"
              value={comment}
              aria-invalid={commentError ? true : undefined}
              onChange={(e) => {
                setComment(e.target.value);
                setCommentError(false);
              }}
            />
            {commentError && <span className="field-error">{t('adjustments:detail.commentRequired')}</span>}
          </label>
          <button type="button" className="primary" data-testid="adjustment-approve" disabled={busy} onClick={approve}>
            {t('adjustments:detail.approve')}
          </button>
          <button type="button" className="danger" data-testid="adjustment-reject" disabled={busy} onClick={reject}>
            {t('adjustments:detail.reject')}
          </button>
          <span className="page-hint">{t('adjustments:detail.managerOnly')}</span>
        </div>
      )}
      {(form.state === 'approved' || form.state === 'rejected') && (
        <p className="page-hint" data-testid="adjustment-decided">
          {t('adjustments:detail.readOnly', { state: t(`domain:documentState.${form.state}`) })}
          {form.decidedBy && ` ${form.decidedBy} · ${f.dateTime(form.decidedAt)}`}
          {form.comment && ` · ${form.comment}`}
          {form.documentNo && ` · ${form.documentNo}`}
        </p>
      )}
    </section>
  );
}
