// 提出处理: a disposal of damaged stock (issue 13 §Damage 3) — one kind, lines
// of product, bin, qty and optionally the damage report they dispose of.
// Proposed by a keeper or operator; the CS manager approves it.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisposalKind, DisposalView, DamageReportRow } from '../../../shared/contract/damage';
import { api } from '../../api/client';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat } from '../../i18n/format';
import { DisposalKindSelect, Field, QtyInput, TextInput } from './fields';

type Line = { key: string; reportId: number | null; productId: number | null; locationId: number | null; qty: string };

export function DisposalForm({
  fromReport,
  onProposed,
  onCancel,
}: {
  fromReport: DamageReportRow | null;
  onProposed(d: DisposalView): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const [reports, setReports] = useState<DamageReportRow[]>([]);
  const [kind, setKind] = useState<DisposalKind>(fromReport?.suggestion ?? 'scrap');
  const [supplier, setSupplier] = useState('');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const line = (r: DamageReportRow | null): Line => ({
    key: crypto.randomUUID(),
    reportId: r?.id ?? null,
    productId: r?.productId ?? null,
    locationId: r?.locationId ?? null,
    qty: r ? String(Math.max(0, r.qty - r.disposedQty)) : '',
  });
  const [lines, setLines] = useState<Line[]>(() => [line(fromReport)]);
  const [busy, setBusy] = useState(false);
  const [key] = useState(() => crypto.randomUUID());

  useEffect(() => {
    api.request('damage.list', { state: 'approved' }).then(setReports, notify.error);
  }, [notify]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const d = await api.request('disposals.propose', {
        kind,
        supplier,
        reference,
        note,
        lines: lines
          .filter((l) => l.productId !== null && l.locationId !== null)
          .map((l) => ({
            productId: l.productId!,
            locationId: l.locationId!,
            qty: Number(l.qty),
            ...(l.reportId !== null ? { damageReportId: l.reportId } : {}),
          })),
        idempotencyKey: key,
      });
      notify.success(t('damage:disposal.proposed', { number: d.number }));
      onProposed(d);
    } catch (err) {
      notify.error(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card damage-form" onSubmit={(e) => void submit(e)} data-testid="disposal-form">
      <h2>{fromReport ? t('damage:disposal.fromReport', { number: fromReport.number }) : t('damage:disposal.new')}</h2>
      <div className="form-row">
        <Field label={t('damage:disposal.kind')}>
          <DisposalKindSelect value={kind} onChange={setKind} testId="disposal-kind" autoFocus />
        </Field>
        {kind === 'returnToSupplier' && (
          <>
            <Field label={t('damage:disposal.supplier')}>
              <TextInput value={supplier} onChange={setSupplier} testId="disposal-supplier" />
            </Field>
            <Field label={t('damage:disposal.reference')}>
              <TextInput value={reference} onChange={setReference} testId="disposal-reference" />
            </Field>
          </>
        )}
        <Field label={t('damage:disposal.note')} wide>
          <TextInput value={note} onChange={setNote} testId="disposal-note" />
        </Field>
      </div>
      <table className="lines" data-testid="disposal-lines">
        <thead>
          <tr>
            <th>{t('damage:disposal.report')}</th>
            <th>{t('damage:col.product')}</th>
            <th>{t('damage:col.location')}</th>
            <th>{t('damage:col.qty')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => {
            const r = reports.find((x) => x.id === l.reportId) ?? (fromReport?.id === l.reportId ? fromReport : null);
            return (
              <tr key={l.key}>
                <td>
                  <select
                    value={l.reportId ?? ''}
                    data-testid={`disposal-line-${i}-report`}
                    onChange={(e) => {
                      const picked = reports.find((x) => x.id === Number(e.target.value)) ?? null;
                      setLines((ls) => ls.map((x, j) => (j === i ? { ...line(picked), key: x.key } : x)));
                    }}
                  >
                    <option value="" />
                    {reports.map((x) => (
                      <option key={x.id} value={x.id}>
                        {x.number} · {x.productCode} · {x.locationCode} · {f.qty(x.qty - x.disposedQty)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{r ? `${r.productCode} ${f.productName(r.productName, r.productNameEn)}` : ''}</td>
                <td className="mono">{r?.locationCode ?? ''}</td>
                <td>
                  <QtyInput
                    value={l.qty}
                    testId={`disposal-line-${i}-qty`}
                    onChange={(qty) => setLines((ls) => ls.map((x, j) => (j === i ? { ...x, qty } : x)))}
                  />
                </td>
                <td>
                  <button type="button" onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}>
                    {t('damage:disposal.removeLine')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="button" onClick={() => setLines((ls) => [...ls, line(null)])}>
          {t('damage:disposal.addLine')}
        </button>
        <button type="submit" className="primary" disabled={busy} data-testid="disposal-submit">
          {t('damage:disposal.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('damage:form.cancel')}
        </button>
      </div>
    </form>
  );
}
