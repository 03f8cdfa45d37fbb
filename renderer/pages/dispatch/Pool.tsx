// The pool 待排订单: released orders on no trip, emergency orders first, then by
// area and route with a count and totals per group. A windowed list (only the
// rows in view are in the page), so 5,200 orders scroll like 50. Keyboard:
// ↑/↓ move, Shift+↑/↓ extend the selection, Space selects, Ctrl+A selects all, Enter or T asks
// "to which trip", ←/→ fold and unfold a group.
import { useDraggable, useDroppable } from '@dnd-kit/core';
import {
  memo,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type Ref,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat, type Formatters } from '../../i18n/format';
import type { PoolRow } from './boardState';
import type { DragData } from './Lane';
import { useSelected, type Selection } from './selection';

const rowHeight = 30;
const overscan = 12;

export type PoolHandle = { focus(): void };

type RowProps = {
  row: PoolRow;
  /** The page's number formats (made once: Intl formats are costly to build per row). */
  f: Formatters;
  index: number;
  cursor: boolean;
  selection: Selection;
  canWrite: boolean;
  collapsed: boolean;
  onClick(index: number, e: MouseEvent): void;
  onToggle(key: string): void;
};

const HeadRow = memo(function HeadRow({ row, f, index, cursor, canWrite, collapsed, onClick, onToggle }: RowProps) {
  const { t } = useTranslation();
  const data: DragData = { kind: 'group', orderIds: row.kind === 'head' ? row.orderIds : [] };
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: `g:${row.key}`,
    data,
    disabled: !canWrite,
  });
  if (row.kind !== 'head') return null;
  const title =
    row.level === 'emergency'
      ? t('dispatch:pool.emergency')
      : row.level === 'area'
        ? row.area || t('dispatch:pool.noArea')
        : row.route || t('dispatch:pool.noRoute');
  return (
    <div
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      tabIndex={-1}
      role="row"
      className={`pool-row pool-head pool-${row.level}${cursor ? ' cursor' : ''}${isDragging ? ' dragging' : ''}`}
      style={{ top: index * rowHeight }}
      data-testid="pool-group"
      data-level={row.level}
      data-key={row.key}
      data-orders={row.totals.orders}
      onClick={(e) => onClick(index, e)}
    >
      <button
        type="button"
        tabIndex={-1}
        className="pool-fold"
        aria-expanded={!collapsed}
        aria-label={collapsed ? t('dispatch:pool.unfold') : t('dispatch:pool.fold')}
        onClick={(e) => {
          e.stopPropagation();
          onToggle(row.key);
        }}
      >
        {collapsed ? '▸' : '▾'}
      </button>
      <span className="pool-title">{title}</span>
      <span className="pool-totals">
        {t('dispatch:pool.groupTotals', {
          orders: f.qty(row.totals.orders),
          cases: f.qty(row.totals.loadCases),
          kg: f.qty(Math.round(row.totals.weightG / 1000)),
          amount: f.money(row.totals.amountFen),
        })}
      </span>
    </div>
  );
});

const OrderRow = memo(function OrderRow({ row, f, index, cursor, selection, canWrite, onClick }: RowProps) {
  const { t } = useTranslation();
  const id = row.kind === 'order' ? row.order.id : 0;
  const selected = useSelected(selection, id);
  const data: DragData = { kind: 'order', orderId: id, tripId: null };
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: `o:${id}`, data, disabled: !canWrite });
  if (row.kind !== 'order') return null;
  const o = row.order;
  return (
    <div
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      tabIndex={-1}
      role="row"
      aria-selected={selected}
      className={`pool-row pool-order${selected ? ' selected' : ''}${cursor ? ' cursor' : ''}${isDragging ? ' dragging' : ''}`}
      style={{ top: index * rowHeight }}
      data-testid="pool-order"
      data-order-id={o.id}
      data-number={o.number}
      onClick={(e) => onClick(index, e)}
    >
      {o.emergency && <span className="urgent-mark">{t('dispatch:pool.urgent')}</span>}
      <span className="mono pool-number">{o.number}</span>
      <span className="pool-customer" title={`${o.customerCode} ${o.customerName}`}>
        {o.customerName}
      </span>
      {o.emergency && <span className="muted pool-route">{o.route}</span>}
      <span className="pool-num">
        {t('dispatch:board.load', { cases: f.qty(o.loadCases), kg: f.qty(Math.round(o.weightG / 100) / 10) })}
      </span>
      <span className="pool-num pool-amount">{f.money(o.amountFen)}</span>
    </div>
  );
});

export function Pool({
  rows,
  selection,
  canWrite,
  collapsed,
  onToggle,
  onPrompt,
  handle,
}: {
  rows: PoolRow[];
  selection: Selection;
  canWrite: boolean;
  collapsed: ReadonlySet<string>;
  onToggle(key: string): void;
  onPrompt(): void;
  handle?: Ref<PoolHandle>;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const data: DragData = { kind: 'pool' };
  const { setNodeRef, isOver } = useDroppable({ id: 'pool', data });
  const box = useRef<HTMLDivElement | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [cursor, setCursor] = useState(0);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  useImperativeHandle(handle, () => ({ focus: () => box.current?.focus() }), []);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  // The cursor stays on a row when the pool changes under it.
  useEffect(() => {
    if (cursor >= rows.length && rows.length > 0) setCursor(rows.length - 1);
  }, [rows.length, cursor]);

  const idsOf = (row: PoolRow | undefined): number[] =>
    !row ? [] : row.kind === 'order' ? [row.order.id] : row.orderIds;

  const onClick = useCallback(
    (index: number, e: MouseEvent) => {
      const row = rowsRef.current[index];
      setCursor(index);
      box.current?.focus({ preventScroll: true });
      const ids = idsOf(row);
      if (e.shiftKey && selection.anchor !== null) {
        const from = Math.min(selection.anchor, index);
        const to = Math.max(selection.anchor, index);
        selection.add(rowsRef.current.slice(from, to + 1).flatMap((r) => (r.kind === 'order' ? [r.order.id] : [])));
        return;
      }
      selection.anchor = index;
      if (e.ctrlKey || e.metaKey) selection.toggle(ids);
      else selection.set(ids);
    },
    [selection],
  );

  const scrollTo = (index: number) => {
    const el = box.current;
    if (!el) return;
    const top = index * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const move = (to: number) => {
      const next = Math.max(0, Math.min(rows.length - 1, to));
      setCursor(next);
      scrollTo(next);
      if (e.shiftKey) selection.add(idsOf(rows[next]));
      else selection.anchor = next;
    };
    const row = rows[cursor];
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
      // Every order the pool shows (its filter applied), folded groups included.
      e.preventDefault();
      selection.set(rows.flatMap((r) => (r.kind === 'head' && r.level !== 'route' ? r.orderIds : [])));
      return;
    }
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (e.shiftKey && rows[cursor]?.kind === 'order') selection.add(idsOf(row));
        move(cursor + 1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (e.shiftKey && rows[cursor]?.kind === 'order') selection.add(idsOf(row));
        move(cursor - 1);
        break;
      case 'PageDown':
        e.preventDefault();
        move(cursor + Math.floor(height / rowHeight));
        break;
      case 'PageUp':
        e.preventDefault();
        move(cursor - Math.floor(height / rowHeight));
        break;
      case 'Home':
        e.preventDefault();
        move(0);
        break;
      case 'End':
        e.preventDefault();
        move(rows.length - 1);
        break;
      case ' ':
        e.preventDefault();
        selection.anchor = cursor;
        selection.toggle(idsOf(row));
        break;
      case 'ArrowLeft':
      case 'ArrowRight':
        if (row?.kind === 'head' && collapsed.has(row.key) === (e.key === 'ArrowRight')) {
          e.preventDefault();
          onToggle(row.key);
        }
        break;
      case 'Escape':
        selection.clear();
        break;
      case 'Enter':
      case 't':
      case 'T':
        if (!canWrite) break;
        e.preventDefault();
        if (selection.size === 0) selection.set(idsOf(row));
        if (selection.size > 0) onPrompt();
        break;
    }
  };

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const visible = rows.slice(first, last);

  return (
    <section
      ref={setNodeRef}
      className={`pool${isOver ? ' drop-over' : ''}`}
      data-testid="pool"
      aria-label={t('dispatch:pool.title')}
    >
      <div
        ref={box}
        className="pool-scroll"
        tabIndex={0}
        role="grid"
        aria-multiselectable="true"
        aria-rowcount={rows.length}
        data-testid="pool-list"
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
      >
        <div className="pool-space" style={{ height: rows.length * rowHeight }}>
          {visible.map((row, i) => {
            const index = first + i;
            const Row = row.kind === 'head' ? HeadRow : OrderRow;
            return (
              <Row
                key={row.key}
                row={row}
                f={f}
                index={index}
                cursor={index === cursor}
                selection={selection}
                canWrite={canWrite}
                collapsed={row.kind === 'head' && collapsed.has(row.key)}
                onClick={onClick}
                onToggle={onToggle}
              />
            );
          })}
        </div>
        {rows.length === 0 && <p className="muted pool-empty">{t('dispatch:pool.empty')}</p>}
      </div>
    </section>
  );
}
