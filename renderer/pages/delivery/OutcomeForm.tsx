// The outcome of one departed order (R6), on the original order 原始订单签收:
// signed (who signed), or refused 拒收 whole or per line (units refused on each
// line) with a reason; "other" needs a note. Keyboard: the first field takes
// the focus, Enter confirms, Esc cancels.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { refusalReasons, type DeliveryOrder, type RefusalReason } from '../../../shared/contract/dispatch';
import { api } from '../../api/client';
import { useNotify } from '../../components/toast/useNotify';

type Props = { order: DeliveryOrder; mode: 'sign' | 'refuse'; onDone(o: DeliveryOrder): void; onCancel(): void };

export function OutcomeForm({ order, mode, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [signedBy, setSignedBy] = useState('');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState<RefusalReason>('wrongGoods');
  const [whole, setWhole] = useState(true);
  const [qty, setQty] = useState(new Map<number, string>());
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let lines: { lineId: number; qty: number }[] | undefined;
    if (mode === 'refuse' && !whole) {
      lines = [...qty]
        .map(([lineId, v]) => ({ lineId, qty: Number(v) }))
        .filter((l) => Number.isInteger(l.qty) && l.qty > 0);
      if (lines.length === 0) {
        notify.error(new Error(t('delivery:refuse.nothing')));
        return;
      }
    }
    setBusy(true);
    try {
      const done =
        mode === 'sign'
          ? await api.request('dispatch.recordOutcome', { orderId: order.id, outcome: 'signed', signedBy, note })
          : await api.request('dispatch.recordOutcome', {
              orderId: order.id,
              outcome: 'refused',
              reason,
              note,
              signedBy,
              ...(lines && { lines }),
            });
      notify.success(t(mode === 'sign' ? 'delivery:sign.done' : 'delivery:refuse.done', { number: order.number }));
      onDone(done);
    } catch (err) {
      notify.error(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="outcome-form"
      data-testid={`outcome-form-${mode}`}
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <h3>{t(mode === 'sign' ? 'delivery:sign.title' : 'delivery:refuse.title', { number: order.number })}</h3>
      {mode === 'refuse' && (
        <>
          <label className="form-field">
            <span>{t('delivery:refuse.reason')}</span>
            <select
              autoFocus
              data-testid="refuse-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value as RefusalReason)}
            >
              {refusalReasons.map((r) => (
                <option key={r} value={r}>
                  {t(`delivery:reason.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="form-field">
            <label>
              <input type="radio" checked={whole} onChange={() => setWhole(true)} data-testid="refuse-whole" />
              {t('delivery:refuse.whole')}
            </label>
            <label>
              <input type="radio" checked={!whole} onChange={() => setWhole(false)} data-testid="refuse-partial" />
              {t('delivery:refuse.partial')}
            </label>
          </fieldset>
          {!whole && (
            <table className="print-table outcome-lines">
              <thead>
                <tr>
                  <th>{t('delivery:refuse.col.line')}</th>
                  <th>{t('delivery:refuse.col.product')}</th>
                  <th className="num">{t('delivery:refuse.col.qty')}</th>
                  <th className="num">{t('delivery:refuse.col.refused')}</th>
                </tr>
              </thead>
              <tbody>
                {order.lines.map((l) => (
                  <tr key={l.lineId}>
                    <td>{l.lineNo}</td>
                    <td>
                      {l.productCode} {l.productName}
                    </td>
                    <td className="num">{l.qty}</td>
                    <td className="num">
                      <input
                        type="number"
                        min={0}
                        max={l.qty}
                        step={1}
                        data-testid={`refuse-qty-${l.lineNo}`}
                        aria-label={`${t('delivery:refuse.col.refused')} ${l.lineNo}`}
                        value={qty.get(l.lineId) ?? ''}
                        onChange={(e) => setQty((m) => new Map(m).set(l.lineId, e.target.value))}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      <label className="form-field">
        <span>{t(mode === 'sign' ? 'delivery:sign.signedBy' : 'delivery:refuse.signedBy')}</span>
        <input
          autoFocus={mode === 'sign'}
          required={mode === 'sign'}
          maxLength={200}
          data-testid="outcome-signed-by"
          value={signedBy}
          onChange={(e) => setSignedBy(e.target.value)}
        />
      </label>
      <label className="form-field">
        <span>{t(mode === 'sign' ? 'delivery:sign.note' : 'delivery:refuse.note')}</span>
        <input
          maxLength={1000}
          required={mode === 'refuse' && reason === 'other'}
          data-testid="outcome-note"
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="outcome-submit">
          {t(mode === 'sign' ? 'delivery:sign.submit' : 'delivery:refuse.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('delivery:cancel')}
        </button>
      </div>
    </form>
  );
}
