// One return: its lines, every step with who and when, and the step the
// signed-in role may take — the manager approves or rejects, the keeper
// confirms the count (units per line, the reason, the number of cases), the
// operator issues the return note (good and damaged per line).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { returnReasons, type ReturnReason, type ReturnView } from '../../../shared/contract';
import { api } from '../../api/client';
import { hasRole, useSession } from '../../app/session';
import { CustomerLink } from '../../components/CustomerLink';
import { DecisionBar } from '../../components/DecisionBar';
import { useNotify } from '../../components/toast/useNotify';
import { useRecord } from '../../components/useRecord';
import { useFormat } from '../../i18n/format';
import { ReturnDocsBar } from './ReturnDocsBar';

const newKey = () => `returns-${Date.now()}-${Math.random().toString(36).slice(2)}`;

export function ReturnDetail({ returnId }: { returnId: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const { record: r, setRecord: setR } = useRecord({
    id: returnId,
    load: () => api.request('returns.get', { returnId }),
    event: 'returns.changed',
    concerns: (p) => p.returnIds.includes(returnId),
  });
  const [cases, setCases] = useState('');
  const [counted, setCounted] = useState<Record<number, { qty: string; reason: ReturnReason }>>({});
  const [split, setSplit] = useState<Record<number, { good: string; damaged: string }>>({});
  const [busy, setBusy] = useState(false);

  const act = async (fn: () => Promise<ReturnView>) => {
    setBusy(true);
    try {
      setR(await fn());
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };
  if (!r) return <p className="task-empty">…</p>;
  const num = (s: string | undefined, d: number) => {
    const n = Number(s === undefined || s === '' ? d : s);
    return Number.isInteger(n) && n >= 0 ? n : d;
  };
  const isManager = hasRole(session, ['csManager']) && r.state === 'reported';
  const isKeeper = hasRole(session, ['warehouseKeeper']) && r.state === 'approved';
  const isOperator = hasRole(session, ['operator']) && r.state === 'checked';

  return (
    <div className="returns-detail" data-testid="return-detail">
      <h2>
        {r.number} · {t(`returns:kind.${r.kind}`)} · {t(`returns:state.${r.state}`)}
      </h2>
      <p>
        <CustomerLink id={r.customerId}>
          {r.customerCode} {r.customerName}
        </CustomerLink>{' '}
        · {r.salespersonName ?? ''} · {r.noDelivery ? t('returns:noDelivery') : r.orderNumbers.join(', ')}
        {r.tripNumber ? ` · ${r.tripNumber}` : ''}
      </p>
      {r.note && <p>{r.note}</p>}
      <table className="returns-lines">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('returns:col.product')}</th>
            <th>{t('returns:col.reported')}</th>
            <th>{t('returns:col.reason')}</th>
            <th>{t('returns:col.checked')}</th>
            <th>{t('returns:col.good')}</th>
            <th>{t('returns:col.damaged')}</th>
            <th>{t('returns:col.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {r.lines.map((l) => (
            <tr key={l.lineNo} className={l.differs ? 'returns-differs' : ''} data-testid={`return-line-${l.lineNo}`}>
              <td>{l.lineNo}</td>
              <td>
                {l.productCode} {l.productName}
                {l.status === 'gift' ? ` (${t('returns:gift')})` : ''}
              </td>
              <td>{f.qty(l.qtyReported)}</td>
              <td>
                {t(`returns:reason.${l.checkReason ?? l.reason}`)}
                {l.reasonNote ? ` · ${l.reasonNote}` : ''}
              </td>
              <td>
                {isKeeper ? (
                  <span className="returns-inputs">
                    <input
                      inputMode="numeric"
                      aria-label={t('returns:col.checked')}
                      data-testid={`check-qty-${l.lineNo}`}
                      value={counted[l.lineNo]?.qty ?? String(l.qtyReported)}
                      onChange={(e) =>
                        setCounted({
                          ...counted,
                          [l.lineNo]: { qty: e.target.value, reason: counted[l.lineNo]?.reason ?? l.reason },
                        })
                      }
                    />
                    <select
                      aria-label={t('returns:col.reason')}
                      value={counted[l.lineNo]?.reason ?? l.reason}
                      onChange={(e) =>
                        setCounted({
                          ...counted,
                          [l.lineNo]: {
                            qty: counted[l.lineNo]?.qty ?? String(l.qtyReported),
                            reason: e.target.value as ReturnReason,
                          },
                        })
                      }
                    >
                      {returnReasons.map((x) => (
                        <option key={x} value={x}>
                          {t(`returns:reason.${x}`)}
                        </option>
                      ))}
                    </select>
                  </span>
                ) : (
                  <>
                    {f.qty(l.qtyChecked)}
                    {l.differs ? ` ⚠ ${t('returns:differs')}` : ''}
                  </>
                )}
              </td>
              <td>
                {isOperator ? (
                  <input
                    inputMode="numeric"
                    aria-label={t('returns:col.good')}
                    data-testid={`note-good-${l.lineNo}`}
                    value={split[l.lineNo]?.good ?? String(l.qtyChecked ?? 0)}
                    onChange={(e) =>
                      setSplit({
                        ...split,
                        [l.lineNo]: { good: e.target.value, damaged: split[l.lineNo]?.damaged ?? '0' },
                      })
                    }
                  />
                ) : (
                  `${f.qty(l.qtyGood)} ${l.goodLocationCode ?? ''}`
                )}
              </td>
              <td>
                {isOperator ? (
                  <input
                    inputMode="numeric"
                    aria-label={t('returns:col.damaged')}
                    data-testid={`note-damaged-${l.lineNo}`}
                    value={split[l.lineNo]?.damaged ?? '0'}
                    onChange={(e) =>
                      setSplit({
                        ...split,
                        [l.lineNo]: {
                          good: split[l.lineNo]?.good ?? String(l.qtyChecked ?? 0),
                          damaged: e.target.value,
                        },
                      })
                    }
                  />
                ) : (
                  `${f.qty(l.qtyDamaged)} ${l.damagedLocationCode ?? ''} ${l.damageReportNumber ?? ''}`
                )}
              </td>
              <td>{f.money(l.creditFen ?? (l.qtyChecked ?? l.qtyReported) * l.unitPriceFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.casesChecked !== null && (
        <p>
          {t('returns:casesChecked')}: {r.casesChecked}
          {r.checkNote ? ` · ${r.checkNote}` : ''}
        </p>
      )}
      {r.returnNote && (
        <p data-testid="return-note">
          {t('returns:noteIssued', { number: r.returnNote.number })} · {f.money(r.returnNote.creditFen)} ·{' '}
          {r.returnNote.issuedDate}
        </p>
      )}
      <ReturnDocsBar r={r} />
      <ol className="returns-steps">
        {r.steps.map((s) => (
          <li key={s.step}>
            {t(`returns:step.${s.step}`)} · {s.by} · {f.dateTime(s.at)}
            {s.note ? ` · ${s.note}` : ''}
          </li>
        ))}
      </ol>
      {isManager && (
        <DecisionBar
          testId="return"
          className="toolbar"
          labels={{ approve: t('returns:approve'), reject: t('returns:reject'), reason: t('returns:rejectReason') }}
          disabled={busy}
          approve={() => api.request('returns.approve', { returnId })}
          reject={(reason) => api.request('returns.reject', { returnId, reason })}
          onDecided={setR}
        />
      )}
      {isKeeper && (
        <div className="toolbar">
          <label>
            {t('returns:casesChecked')}{' '}
            <input
              inputMode="numeric"
              value={cases}
              data-testid="check-cases"
              onChange={(e) => setCases(e.target.value)}
            />
          </label>
          <button
            type="button"
            className="primary"
            disabled={busy || cases === ''}
            data-testid="return-check"
            onClick={() =>
              void act(() =>
                api.request('returns.check', {
                  returnId,
                  casesChecked: num(cases, 0),
                  lines: r.lines.map((l) => ({
                    productId: l.productId,
                    status: l.status,
                    qty: num(counted[l.lineNo]?.qty, l.qtyReported),
                    reason: counted[l.lineNo]?.reason ?? l.reason,
                  })),
                }),
              )
            }
          >
            {t('returns:confirmCheck')}
          </button>
        </div>
      )}
      {isOperator && (
        <div className="toolbar">
          <button
            type="button"
            className="primary"
            disabled={busy}
            data-testid="return-issue-note"
            onClick={() =>
              void act(() =>
                api.request('returns.issueNote', {
                  returnId,
                  idempotencyKey: newKey(),
                  lines: r.lines.map((l) => ({
                    lineNo: l.lineNo,
                    qtyGood: num(split[l.lineNo]?.good, l.qtyChecked ?? 0),
                    qtyDamaged: num(split[l.lineNo]?.damaged, 0),
                  })),
                }),
              )
            }
          >
            {t('returns:issueNote')}
          </button>
        </div>
      )}
    </div>
  );
}
