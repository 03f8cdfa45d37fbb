// One order (#/orders?order=ID): what it is and where it came from, why it is
// not qualified with the fix one key away (R13: an old code switched to its
// successor with Alt+S), its lines and gift lines apart (R2), its reservation,
// and every state change with who and when.
import type { ColDef } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderEventView, OrderLineView, OrderView as Order } from '../../../shared/contract/orders';
import { api } from '../../api/client';
import { hasRole, useSession } from '../../app/session';
import { CustomerLink } from '../../components/CustomerLink';
import { CangwuGrid } from '../../components/grid/CangwuGrid';
import { dateTimeColumn, moneyColumn, qtyColumn } from '../../components/grid/formatters';
import { useGridEvents } from '../../components/grid/useGridEvents';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat, type Formatters } from '../../i18n/format';
import { issueText } from './orderText';

const releasable = new Set(['qualified', 'short']);
const cancellable = new Set([
  'received',
  'held',
  'awaitingConfirmation',
  'qualified',
  'short',
  'released',
  'assigned',
  'picking',
]);

export function OrderView({ orderId, onBack }: { orderId: number; onBack(): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const canWrite = hasRole(session, ['operator', 'csManager']);
  const [order, setOrder] = useState<Order | null>(null);
  const [busy, setBusy] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');

  const load = useCallback(async () => {
    try {
      setOrder(await api.request('orders.get', { orderId }));
    } catch (e) {
      notify.error(e);
    }
  }, [orderId, notify]);
  useEffect(() => {
    void load();
  }, [load]);
  useGridEvents({
    'orders.changed': (p) => {
      if (p.orderIds.includes(orderId) || p.rows === null) void load();
    },
    reconnected: () => void load(),
  });

  const act = useCallback(
    async (fn: () => Promise<Order | null>, done?: (o: Order) => string) => {
      if (busy) return;
      setBusy(true);
      try {
        const o = await fn();
        if (o) {
          setOrder(o);
          if (done) notify.success(done(o));
        } else await load();
      } catch (e) {
        notify.error(e);
      } finally {
        setBusy(false);
      }
    },
    [busy, load, notify],
  );

  const oldCodeIssue = order?.issues.find((i) => i.reason === 'oldCode' && i.successorCode && i.lineNo !== undefined);
  const switchLine = useCallback(
    (lineNo: number) => {
      const line = order?.lines.find((l) => l.lineNo === lineNo);
      if (!order || !line) return;
      void act(
        () => api.request('orders.switchLine', { orderId: order.id, lineId: line.id }),
        () => t('orders:detail.switched', { lineNo }),
      );
    },
    [order, act, t],
  );

  // Alt+S: the first old code switched to its successor, without the mouse.
  useEffect(() => {
    if (!canWrite || !oldCodeIssue?.lineNo) return;
    const lineNo = oldCodeIssue.lineNo;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        switchLine(lineNo);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canWrite, oldCodeIssue, switchLine]);

  const lineColumns = useMemo(() => lineCols(t, f), [t, f]);
  const historyColumns = useMemo(() => historyCols(t, f), [t, f]);

  if (!order)
    return (
      <section className="page-body" data-testid="order">
        <p className="muted">{t('common:loading')}</p>
      </section>
    );

  const goods = order.lines.filter((l) => !l.gift);
  const gifts = order.lines.filter((l) => l.gift);
  const reserved = order.lines.reduce((s, l) => s + l.reserved, 0);
  const source = order.source;
  const sourceText =
    source.kind === 'file'
      ? t('orders:detail.sourceFile', { fileName: source.fileName, line: source.line })
      : t(`orders:detail.source${source.kind === 'desk' ? 'Desk' : source.kind === 'phone' ? 'Phone' : 'Fax'}`, {
          by: source.enteredBy ?? '',
        });

  const submitCancel = (e: FormEvent) => {
    e.preventDefault();
    const r = reason.trim();
    if (!r) return;
    void act(
      () => api.request('orders.cancel', { orderId: order.id, reason: r }),
      (o) => t('orders:cancel.done', { number: o.number }),
    ).then(() => setCancelling(false));
  };

  return (
    <section className="page-body order-view" data-testid="order" data-state={order.state}>
      <div className="toolbar">
        <button type="button" onClick={onBack} data-testid="order-back">
          ← {t('orders:detail.back')}
        </button>
        <h1 className="page-title">
          <span className="mono" data-testid="order-number">
            {order.number}
          </span>{' '}
          <span className={`chip order-state-${order.state}`} data-testid="order-state">
            {t(`orders:state.${order.state}`)}
          </span>
          {order.emergency && <span className="chip order-emergency">{t('orders:col.emergency')}</span>}
        </h1>
        <span className="toolbar-spacer" />
        {canWrite && releasable.has(order.state) && (
          <button
            type="button"
            className="primary"
            disabled={busy}
            data-testid="order-release"
            onClick={() =>
              void act(async () => {
                await api.request('orders.release', { orderIds: [order.id] });
                return null;
              })
            }
          >
            {t('orders:detail.release')}
          </button>
        )}
        {canWrite && order.state === 'released' && (
          <button
            type="button"
            disabled={busy}
            data-testid="order-take-back"
            onClick={() => void act(() => api.request('orders.takeBack', { orderId: order.id }))}
          >
            {t('orders:detail.takeBack')}
          </button>
        )}
        {canWrite && order.state === 'held' && (
          <button
            type="button"
            disabled={busy}
            data-testid="order-requalify"
            onClick={() =>
              void act(async () => {
                const r = await api.request('orders.requalify', { orderIds: [order.id] });
                notify.success(t('orders:detail.requalified', { qualified: r.qualified, held: r.held }));
                return null;
              })
            }
          >
            {t('orders:detail.requalify')}
          </button>
        )}
        {canWrite && cancellable.has(order.state) && (
          <button type="button" disabled={busy} data-testid="order-cancel" onClick={() => setCancelling(true)}>
            {t('orders:detail.cancel')}
          </button>
        )}
      </div>
      {cancelling && (
        <form className="card inline-form" onSubmit={submitCancel} data-testid="order-cancel-form">
          <label className="field">
            <span className="field-label">{t('orders:cancel.reason')}</span>
            <input
              autoFocus
              required
              data-testid="order-cancel-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') setCancelling(false);
              }}
            />
          </label>
          <button type="submit" className="danger" disabled={busy || !reason.trim()} data-testid="order-cancel-submit">
            {t('orders:cancel.submit')}
          </button>
        </form>
      )}
      <dl className="count-meta order-meta" data-testid="order-meta">
        <div>
          <dt>{t('orders:detail.customer')}</dt>
          <dd>
            <CustomerLink id={order.customerId}>
              <span className="mono">{order.customerCode}</span> {order.customerName ?? ''}
            </CustomerLink>
          </dd>
        </div>
        <div>
          <dt>{t('orders:col.area')}</dt>
          <dd>
            {order.area ?? ''} {order.route ?? ''}
          </dd>
        </div>
        <div>
          <dt>{t('orders:col.salesperson')}</dt>
          <dd>{order.salespersonName ?? ''}</dd>
        </div>
        <div>
          <dt>{t('orders:detail.channel')}</dt>
          <dd>{t(`orders:channel.${order.channel}`)}</dd>
        </div>
        <div>
          <dt>{t('orders:detail.source')}</dt>
          <dd data-testid="order-source">{sourceText}</dd>
        </div>
        <div>
          <dt>{t('orders:col.orderDate')}</dt>
          <dd>{order.orderDate}</dd>
        </div>
        <div>
          <dt>{t('orders:col.dispatchDate')}</dt>
          <dd>{order.dispatchDate ?? ''}</dd>
        </div>
        <div>
          <dt>{t('orders:col.deliveryDate')}</dt>
          <dd>{order.deliveryDate ?? ''}</dd>
        </div>
        {order.confirmedBy && (
          <div>
            <dt>{t('orders:detail.confirmedBy')}</dt>
            <dd>{order.confirmedBy}</dd>
          </div>
        )}
        <div>
          <dt>{t('orders:col.amount')}</dt>
          <dd>
            {f.money(order.amountFen)} · {t('orders:col.units')} {f.qty(order.units)} · {t('orders:col.cases')}{' '}
            {f.qty(order.cases)}
          </dd>
        </div>
        <div>
          <dt>{t('orders:detail.reservation')}</dt>
          <dd data-testid="order-reserved">
            {reserved > 0
              ? t('orders:detail.reservedTotal', { units: f.qty(reserved) })
              : t('orders:detail.notReserved')}
          </dd>
        </div>
        {order.note && (
          <div>
            <dt>{t('orders:col.note')}</dt>
            <dd>{order.note}</dd>
          </div>
        )}
      </dl>
      <section className="card order-issues" data-testid="order-issues">
        <h2>{t('orders:detail.issues')}</h2>
        {order.issues.length === 0 ? (
          <p className="form-success">{t('orders:detail.qualified')}</p>
        ) : (
          <ul>
            {order.issues.map((issue, i) => (
              <li key={i} className="form-error">
                {issueText(t, issue)}
                {canWrite && issue.reason === 'oldCode' && issue.successorCode && issue.lineNo !== undefined && (
                  <button
                    type="button"
                    className="inline-action"
                    disabled={busy}
                    data-testid={`order-switch-${issue.lineNo}`}
                    onClick={() => switchLine(issue.lineNo!)}
                  >
                    {t('orders:detail.switchCode', { successor: issue.successorCode })}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <h2>{t('orders:detail.lines')}</h2>
      <CangwuGrid<OrderLineView>
        gridId="order-lines"
        testId="order-lines"
        boxClassName="grid-auto"
        domLayout="autoHeight"
        rowData={goods}
        columnDefs={lineColumns}
        getRowId={({ data }) => String(data.id)}
      />
      {gifts.length > 0 && (
        <>
          <h2>{t('orders:detail.giftLines')}</h2>
          <CangwuGrid<OrderLineView>
            gridId="order-gift-lines"
            testId="order-gift-lines"
            boxClassName="grid-auto"
            domLayout="autoHeight"
            rowData={gifts}
            columnDefs={lineColumns}
            getRowId={({ data }) => String(data.id)}
          />
        </>
      )}
      <h2>{t('orders:detail.history')}</h2>
      <CangwuGrid<OrderEventView>
        gridId="order-history"
        testId="order-history"
        boxClassName="grid-auto"
        domLayout="autoHeight"
        rowData={order.events}
        columnDefs={historyColumns}
        getRowId={({ data }) => String(data.id)}
      />
    </section>
  );
}

function lineCols(t: ReturnType<typeof useTranslation>['t'], f: Formatters): ColDef<OrderLineView>[] {
  return [
    { field: 'lineNo', headerName: t('orders:line.no'), width: 70, type: 'rightAligned' },
    { field: 'productCode', headerName: t('orders:line.productCode'), width: 130, cellClass: 'mono' },
    { field: 'productName', headerName: t('orders:line.product'), flex: 1, minWidth: 180 },
    {
      colId: 'entered',
      headerName: t('orders:line.entered'),
      width: 110,
      type: 'rightAligned',
      valueGetter: (p) => (p.data ? `${f.qty(p.data.enteredQty)} ${t(`orders:per.${p.data.per}`)}` : ''),
    },
    { field: 'qty', headerName: t('orders:line.qty'), width: 90, ...qtyColumn<OrderLineView>(f) },
    { field: 'priceFen', headerName: t('orders:line.price'), width: 110, ...moneyColumn<OrderLineView>(f) },
    { field: 'amountFen', headerName: t('orders:line.amount'), width: 120, ...moneyColumn<OrderLineView>(f) },
    { field: 'reserved', headerName: t('orders:line.reserved'), width: 100, ...qtyColumn<OrderLineView>(f) },
  ];
}

function detailText(t: ReturnType<typeof useTranslation>['t'], e: OrderEventView): string {
  const d = e.detail;
  const parts: string[] = [];
  if (typeof d.reason === 'string' && d.reason) parts.push(d.reason);
  const consent = d.consent as { how?: string; salespersonName?: string; name?: string } | undefined;
  if (consent && typeof consent === 'object') {
    const who = consent.salespersonName ?? consent.name ?? '';
    const how = consent.how ? t(`orders:consentWay.${consent.how}`) : '';
    parts.push(`${t('orders:short.consentWho')}: ${who} ${how}`.trim());
  }
  for (const key of ['productCode', 'fromCode', 'toCode', 'fromQty', 'toQty', 'fileName', 'line']) {
    const v = d[key];
    if (typeof v === 'string' || typeof v === 'number') parts.push(`${key} ${v}`);
  }
  return parts.join(' · ');
}

function historyCols(t: ReturnType<typeof useTranslation>['t'], f: Formatters): ColDef<OrderEventView>[] {
  const state = (v: unknown) => (typeof v === 'string' && v ? t(`orders:state.${v}`) : '');
  return [
    { field: 'at', headerName: t('orders:hist.at'), width: 170, ...dateTimeColumn<OrderEventView>(f) },
    { field: 'userName', headerName: t('orders:hist.who'), width: 120 },
    {
      field: 'kind',
      headerName: t('orders:hist.kind'),
      width: 200,
      valueFormatter: (p) => (p.value ? t(`orders:event.${String(p.value)}`) : ''),
    },
    { field: 'fromState', headerName: t('orders:hist.from'), width: 110, valueFormatter: (p) => state(p.value) },
    { field: 'toState', headerName: t('orders:hist.to'), width: 110, valueFormatter: (p) => state(p.value) },
    {
      colId: 'detail',
      headerName: t('orders:hist.detail'),
      flex: 1,
      minWidth: 200,
      valueGetter: (p) => (p.data ? detailText(t, p.data) : ''),
    },
  ];
}
