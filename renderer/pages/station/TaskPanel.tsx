// The active task's big panel: lookup shows the product and its stock by
// location and status; receipt shows the current bin and the lines so far
// (damaged ones apart, with their cause); the return check its lines.
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { DamageCause } from '../../../shared/contract/damage';
import type { ScanView, TaskView } from '../../../shared/contract/scanning';
import { useFormat } from '../../i18n/format';
import { DamageChoiceLists } from './DamageChoiceLists';
import { DamagePanel } from './DamagePanel';
import { LoadCheckPanel } from './LoadCheckPanel';
import { ReturnCheckPanel } from './ReturnCheckPanel';
import type { ReturnCheckConfirm } from './returnCheckConfirm';

type DamageProps = Omit<Parameters<typeof DamagePanel>[0], 'task'>;

export function TaskPanel({
  task,
  lastScans,
  onLoad,
  damage,
  returnCheck,
}: {
  task: TaskView;
  lastScans: ScanView[];
  onLoad: () => void;
  /** The damage choice by number keys: the damage task's report, or damaged goods at receiving. */
  damage: DamageProps;
  returnCheck: ReturnCheckConfirm;
}) {
  if (task.kind === 'damage') return <DamagePanel task={task} {...damage} />;
  if (task.kind === 'returnCheck') return <ReturnCheckPanel task={task} confirm={returnCheck} />;
  if (task.kind === 'lookup') return <LookupPanel task={task} lastScans={lastScans} />;
  if (task.kind === 'count') return <CountPanel task={task} />;
  if (task.kind === 'load') return <LoadCheckPanel check={task.check} onLoad={onLoad} />;
  return <ReceiptPanel task={task} damage={damage} />;
}

/** Blind count: the session, the bin and what this counter has counted — never a book quantity. */
function CountPanel({ task }: { task: Extract<TaskView, { kind: 'count' }> }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <section className="card task-panel" data-testid="task-count">
      <h2>
        {t('scan:task.count')}
        {task.session && <span className="mono"> · {t('scan:count.session', { number: task.session.number })}</span>}
      </h2>
      {!task.session && <p className="task-empty">{t('scan:count.noSession')}</p>}
      <div className="task-bin" data-testid="task-count-bin">
        <span className="task-bin-label">{t('scan:count.bin')}</span>
        {task.location ? (
          <span className="task-bin-code">
            {task.location.code} · {f.qty(task.binUnits)}
          </span>
        ) : (
          <span className="task-bin-none">{t('scan:count.scanBin')}</span>
        )}
      </div>
      <p data-testid="task-count-lines">{t('scan:count.lines', { lines: task.linesCounted })}</p>
      <p className="page-hint">{t('scan:count.hint')}</p>
    </section>
  );
}

function LookupPanel({ task, lastScans }: { task: Extract<TaskView, { kind: 'lookup' }>; lastScans: ScanView[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const p = task.product;
  if (!p) {
    return (
      <section className="card task-panel" data-testid="task-lookup">
        <h2>{t('scan:task.lookup')}</h2>
        <p className="task-empty">{t('scan:lookup.empty')}</p>
      </section>
    );
  }
  // The task view carries ids and codes; the names come with the scan that found it.
  const found = lastScans.find((s) => s.resolution?.kind === 'product' && s.resolution.productId === p.productId);
  const r = found?.resolution?.kind === 'product' ? found.resolution : null;
  const total = p.stock.reduce((sum, s) => sum + s.qty, 0);
  return (
    <section className="card task-panel" data-testid="task-lookup" data-product-id={p.productId}>
      <h2>{t('scan:task.lookup')}</h2>
      <div className="task-product">
        <span className="task-product-code">{p.productCode}</span>
        {r && <span className="task-product-name">{f.productName(r.productNameZh, r.productNameEn)}</span>}
      </div>
      {p.stock.length === 0 ? (
        <p className="task-empty">{t('scan:lookup.noStock')}</p>
      ) : (
        <table className="task-table" data-testid="task-lookup-stock">
          <thead>
            <tr>
              <th>{t('scan:lookup.location')}</th>
              <th>{t('scan:lookup.status')}</th>
              <th className="num">{t('scan:lookup.qty')}</th>
            </tr>
          </thead>
          <tbody>
            {p.stock.map((s) => (
              <tr key={`${s.locationCode}/${s.status}`}>
                <td className="mono">{s.locationCode}</td>
                <td className={`cell-status-${s.status}`}>{t(`domain:status.${s.status}`)}</td>
                <td className="num">
                  {f.qty(s.qty)} {r?.unit ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th colSpan={2}>{t('scan:lookup.total')}</th>
              <th className="num" data-testid="task-lookup-total">
                {f.qty(total)} {r?.unit ?? ''}
              </th>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}

function ReceiptPanel({ task, damage }: { task: Extract<TaskView, { kind: 'receipt' }>; damage: DamageProps }) {
  const { t } = useTranslation();
  const f = useFormat();
  const choosing = useSyncExternalStore(damage.choice.subscribe, damage.choice.get);
  const total = task.lines.reduce((sum, l) => sum + l.qty, 0);
  const causeName = (code: string) => {
    const c = damage.causes.find((x: DamageCause) => x.code === code);
    return c ? f.productName(c.nameZh, c.nameEn) : code;
  };
  return (
    <section className={`card task-panel${task.damaged ? ' receipt-damaged-mode' : ''}`} data-testid="task-receipt">
      <h2>{t('scan:task.receipt')}</h2>
      <div className="task-bin" data-testid="task-receipt-bin">
        <span className="task-bin-label">{t('scan:receipt.bin')}</span>
        {task.location ? (
          <span className="task-bin-code">{task.location.code}</span>
        ) : (
          <span className="task-bin-none">{t('scan:receipt.scanBin')}</span>
        )}
      </div>
      {task.lines.length === 0 ? (
        <p className="task-empty">{t('scan:receipt.empty')}</p>
      ) : (
        <table className="task-table" data-testid="task-receipt-lines">
          <thead>
            <tr>
              <th>{t('scan:receipt.product')}</th>
              <th>{t('scan:receipt.location')}</th>
              <th className="num">{t('scan:receipt.qty')}</th>
            </tr>
          </thead>
          <tbody>
            {task.lines.map((l) => (
              <tr
                key={`${l.productId}/${l.locationId}/${l.damaged ? 'd' : 'g'}`}
                data-product-id={l.productId}
                data-damaged={l.damaged}
                className={l.damaged ? 'receipt-line-damaged' : ''}
              >
                <td>
                  <span className="mono">{l.productCode}</span> {f.productName(l.productNameZh, l.productNameEn)}
                  {l.damaged && (
                    <span className="receipt-line-damage" data-testid="task-receipt-damage">
                      {' '}
                      · {t('scan:receipt.damaged')}:{' '}
                      {l.damage
                        ? `${causeName(l.damage.cause)} · ${t(`damage:kind.${l.damage.suggestion}`)}`
                        : t('scan:receipt.chooseCause')}
                    </span>
                  )}
                </td>
                <td className="mono">{l.locationCode}</td>
                <td className="num">
                  {f.qty(l.qty)} {l.unit}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th colSpan={2}>{t('scan:receipt.total', { lines: task.lines.length })}</th>
              <th className="num">{f.qty(total)}</th>
            </tr>
          </tfoot>
        </table>
      )}
      {task.damaged && (
        <div className="receipt-damage-choice" data-testid="task-receipt-damaged-mode">
          <p className="receipt-damaged-banner">{t('scan:receipt.damagedMode')}</p>
          <DamageChoiceLists
            causes={damage.causes}
            picked={
              task.damage && choosing.cause === null
                ? { cause: task.damage.cause, suggestion: task.damage.suggestion }
                : choosing
            }
            note={damage.note}
            onNote={damage.onNote}
            onSubmit={damage.onSubmit}
            done={
              task.damage
                ? t('scan:receipt.damageSet', {
                    cause: causeName(task.damage.cause),
                    suggestion: t(`damage:kind.${task.damage.suggestion}`),
                  })
                : t('damage:station.enter')
            }
            testId="task-receipt-damage"
          />
        </div>
      )}
      <p className="page-hint">{t('scan:receipt.hint')}</p>
      <p className="page-hint">{t('scan:receipt.damagedHint')}</p>
    </section>
  );
}
