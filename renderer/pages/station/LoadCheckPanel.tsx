// 装车核对 The load check's big panel: the trip, its totals in big figures,
// one row per order (complete / missing what) and per product (expected,
// scanned, still missing). F7 loads every complete order (each one posting its
// stock issue); a short order is taken off whole, back to the pool or to the
// confirmation list, with a reason.
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoadCheckOrder, LoadCheckProduct, LoadCheckView, TakeOffDestination } from '../../../shared/contract';
import { api } from '../../api/client';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat } from '../../i18n/format';
import { playSound } from '../../scanning/feedback';

export const loadKeyCaps = { task: 'F6', loadComplete: 'F7' } as const;

/** Loads the complete orders of the trip one by one (each its own posting); stops at the first refusal. */
export async function loadCompleteOrders(check: LoadCheckView): Promise<number> {
  let n = 0;
  for (const o of check.orders.filter((x) => x.complete && !x.loaded)) {
    await api.request('dispatch.loadOrder', { orderId: o.orderId });
    n += 1;
  }
  return n;
}

export function LoadCheckPanel({ check, onLoad }: { check: LoadCheckView | null; onLoad: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const [takingOff, setTakingOff] = useState<LoadCheckOrder | null>(null);
  if (!check) {
    return (
      <section className="card task-panel" data-testid="task-load">
        <h2>{t('loading:station.title')}</h2>
        <p className="task-empty">{t('loading:station.scanTrip')}</p>
      </section>
    );
  }
  const { trip, totals } = check;
  return (
    <section className="card task-panel" data-testid="task-load" data-trip-id={trip.id}>
      <h2>
        {t('loading:station.title')} · <span className="mono">{trip.number}</span> · {trip.plate} · {trip.driverName}
        <span className="load-trip-state" data-testid="load-trip-state">
          {' '}
          · {t(`loading:tripState.${trip.state}`)}
        </span>
      </h2>
      <div className="load-figures">
        <Figure label={t('loading:station.expected')} value={f.qty(totals.expected)} testId="load-expected" />
        <Figure label={t('loading:station.scanned')} value={f.qty(totals.scanned)} testId="load-scanned" />
        <Figure label={t('loading:station.missing')} value={f.qty(totals.missing)} testId="load-missing" />
        <Figure
          label={t('loading:station.ordersLoaded')}
          value={`${totals.loaded} / ${check.orders.length}`}
          testId="load-orders-loaded"
        />
      </div>
      {check.readyToDepart && (
        <p className="load-ready" data-testid="load-ready">
          {t('loading:station.ready')}
        </p>
      )}
      <div className="toolbar">
        <button
          type="button"
          className="primary big"
          data-testid="load-complete-orders"
          disabled={totals.complete === totals.loaded}
          onClick={onLoad}
        >
          {t('loading:station.loadComplete', { count: totals.complete - totals.loaded })}{' '}
          <kbd>{loadKeyCaps.loadComplete}</kbd>
        </button>
      </div>
      <table className="task-table" data-testid="load-orders">
        <thead>
          <tr>
            <th>{t('loading:col.stop')}</th>
            <th>{t('loading:col.order')}</th>
            <th>{t('loading:col.customer')}</th>
            <th className="num">{t('loading:station.expected')}</th>
            <th className="num">{t('loading:station.scanned')}</th>
            <th>{t('loading:col.status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {check.orders.map((o) => (
            <OrderRow key={o.orderId} order={o} onTakeOff={setTakingOff} />
          ))}
        </tbody>
      </table>
      <table className="task-table" data-testid="load-products">
        <thead>
          <tr>
            <th>{t('loading:col.product')}</th>
            <th className="num">{t('loading:station.expected')}</th>
            <th className="num">{t('loading:station.scanned')}</th>
            <th className="num">{t('loading:station.missing')}</th>
          </tr>
        </thead>
        <tbody>
          {check.products.map((p) => (
            <ProductRow key={p.productId} product={p} />
          ))}
        </tbody>
      </table>
      <p className="page-hint">{t('loading:station.hint')}</p>
      {takingOff && (
        <TakeOffForm
          order={takingOff}
          onClose={() => setTakingOff(null)}
          onDone={() => {
            setTakingOff(null);
            playSound('warning');
          }}
          onError={(e) => {
            playSound('error');
            notify.error(e);
          }}
        />
      )}
    </section>
  );
}

// One row per order and per product, drawn again only when its own figures
// change: a scan's patch replaces the few rows it touched and keeps the others
// as they were (shared/station/patch.ts), so 170 orders do not redraw per scan.
const OrderRow = memo(function OrderRow({
  order: o,
  onTakeOff,
}: {
  order: LoadCheckOrder;
  onTakeOff: (o: LoadCheckOrder) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <tr
      data-order-id={o.orderId}
      data-number={o.number}
      data-state={o.loaded ? 'loaded' : o.complete ? 'complete' : 'missing'}
      className={o.loaded ? 'row-ok' : o.complete ? 'row-ready' : ''}
    >
      <td className="num">{o.stopSeq}</td>
      <td className="mono">{o.number}</td>
      <td>{o.customerName}</td>
      <td className="num">{f.qty(o.expected)}</td>
      <td className="num">{f.qty(o.scanned)}</td>
      <td>
        {o.loaded
          ? t('loading:station.loaded')
          : o.complete
            ? t('loading:station.complete')
            : t('loading:station.missingLines', {
                lines: o.missingLines.map((m) => `${m.productCode} ×${f.qty(m.missing)}`).join(', '),
              })}
      </td>
      <td>
        {!o.loaded && (
          <button type="button" data-testid="load-take-off" onClick={() => onTakeOff(o)}>
            {t('loading:takeOff.button')}
          </button>
        )}
      </td>
    </tr>
  );
});

const ProductRow = memo(function ProductRow({ product: p }: { product: LoadCheckProduct }) {
  const f = useFormat();
  return (
    <tr data-product-id={p.productId} className={p.missing === 0 ? 'row-ok' : ''}>
      <td>
        <span className="mono">{p.productCode}</span> {f.productName(p.productNameZh, p.productNameEn)}
      </td>
      <td className="num">
        {f.qty(p.expected)} {p.unit}
      </td>
      <td className="num">{f.qty(p.scanned)}</td>
      <td className="num">{f.qty(p.missing)}</td>
    </tr>
  );
});

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="load-figure">
      <span className="load-figure-label">{label}</span>
      <span className="load-figure-value" data-testid={testId}>
        {value}
      </span>
    </div>
  );
}

function TakeOffForm({
  order,
  onClose,
  onDone,
  onError,
}: {
  order: LoadCheckOrder;
  onClose: () => void;
  onDone: () => void;
  onError: (e: unknown) => void;
}) {
  const { t } = useTranslation();
  const [to, setTo] = useState<TakeOffDestination>('pool');
  const [reason, setReason] = useState('');
  const submit = async () => {
    try {
      await api.request('dispatch.takeOff', { orderId: order.orderId, to, reason });
      onDone();
    } catch (e) {
      onError(e);
    }
  };
  return (
    <form
      className="card load-take-off"
      data-testid="load-take-off-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <h3>{t('loading:takeOff.title', { number: order.number })}</h3>
      <label>
        <input
          type="radio"
          name="to"
          checked={to === 'pool'}
          onChange={() => setTo('pool')}
          data-testid="take-off-pool"
        />{' '}
        {t('loading:takeOff.pool')}
      </label>
      <label>
        <input
          type="radio"
          name="to"
          checked={to === 'confirmationList'}
          onChange={() => setTo('confirmationList')}
          data-testid="take-off-confirmation"
        />{' '}
        {t('loading:takeOff.confirmationList')}
      </label>
      <label>
        {t('loading:takeOff.reason')}
        <input
          autoFocus
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="take-off-reason"
          required
        />
      </label>
      <div className="toolbar">
        <button type="submit" className="primary" data-testid="take-off-confirm">
          {t('loading:takeOff.confirm')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common:actions.cancel')}
        </button>
      </div>
    </form>
  );
}
