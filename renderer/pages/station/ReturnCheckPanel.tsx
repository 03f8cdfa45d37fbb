// 退货验收 at a station (issue 13 §Returns 3 and 5): the return (or refused
// order) scanned, per line what the report says and what was scanned, each
// difference as the core flagged it, and the confirmation of cases and
// reasons by keys (returnCheckConfirm.ts); F7 / Enter finishes (StationPage).
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { returnReasons, type ReturnCheckView } from '../../../shared/contract';
import { useFormat } from '../../i18n/format';
import { lineKey, type ReturnCheckConfirm } from './returnCheckConfirm';

export function ReturnCheckPanel({ task, confirm }: { task: ReturnCheckView; confirm: ReturnCheckConfirm }) {
  const { t } = useTranslation();
  const f = useFormat();
  const c = useSyncExternalStore(confirm.subscribe, confirm.get);
  const target = task.target;
  if (!target)
    return (
      <section className="card task-panel return-check" data-testid="task-returnCheck">
        <h2>{t('returnCheck:title')}</h2>
        <p className="task-empty">{t('returnCheck:scanReturn')}</p>
      </section>
    );
  const reasons = c.phase === 'reasons' || c.phase === 'ready' ? c.reasons : {};
  const current = c.phase === 'reasons' ? c.index : -1;
  const cases = (qty: number, casePack: number) =>
    casePack > 1 && qty >= casePack
      ? ` (${f.qty(Math.floor(qty / casePack))} × ${casePack}${qty % casePack ? ` + ${f.qty(qty % casePack)}` : ''})`
      : '';
  return (
    <section className="card task-panel return-check" data-testid="task-returnCheck" data-phase={c.phase}>
      <h2>
        {t('returnCheck:title')} ·{' '}
        <span className="mono" data-testid="return-check-target">
          {t(`returnCheck:target.${target.returnKind}`, { number: target.number })}
        </span>
      </h2>
      <p>
        {target.customerName}
        {target.orderNumbers.length > 0 && ` · ${t('returnCheck:orders')} ${target.orderNumbers.join(', ')}`}
      </p>
      {target.returnId === null && <p className="page-hint">{t('returnCheck:refusalEnters')}</p>}
      <table className="task-table" data-testid="return-check-lines">
        <thead>
          <tr>
            <th>{t('returnCheck:col.product')}</th>
            <th className="num">{t('returnCheck:col.reported')}</th>
            <th className="num">{t('returnCheck:col.scanned')}</th>
            <th>{t('returnCheck:col.difference')}</th>
            <th>{t('returnCheck:col.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {task.lines.map((l, i) => {
            const reason = reasons[lineKey(l)] ?? l.reason;
            return (
              <tr
                key={lineKey(l)}
                className={`${l.difference !== 'none' ? 'return-check-differs' : ''} ${i === current ? 'return-check-current' : ''}`}
                data-testid={`return-check-line-${i}`}
                data-difference={l.difference}
                data-scanned={l.qtyScanned}
                data-reason={reason}
              >
                <td>
                  <span className="mono">{l.productCode}</span> {f.productName(l.productNameZh, l.productNameEn)}
                  {l.status === 'gift' ? ` (${t('returnCheck:gift')})` : ''}
                </td>
                <td className="num">
                  {f.qty(l.qtyReported)} {l.unit}
                </td>
                <td className="num">
                  {f.qty(l.qtyScanned)} {l.unit}
                  <small>{cases(l.qtyScanned, l.casePack)}</small>
                </td>
                <td>
                  {l.difference === 'none' ? '' : '⚠ '}
                  {t(`returnCheck:difference.${l.difference}`, { qty: f.qty(Math.abs(l.qtyScanned - l.qtyReported)) })}
                </td>
                <td>{t(`returns:reason.${reason}`)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p data-testid="return-check-summary">
        {t('returnCheck:casesScanned', { cases: f.qty(task.casesScanned) })}
        {task.hasDifferences && <strong className="return-check-flag"> · ⚠ {t('returnCheck:hasDifferences')}</strong>}
      </p>
      {c.phase === 'scan' && <p className="page-hint">{t('returnCheck:hint')}</p>}
      {c.phase === 'cases' && (
        <div className="return-check-confirm" data-testid="return-check-cases">
          <span className="return-check-cases">
            {t('returnCheck:confirm.casesLabel')}: <strong>{c.digits === '' ? task.casesScanned : c.digits}</strong>
          </span>
          <p className="page-hint">{t('returnCheck:confirm.cases', { cases: task.casesScanned })}</p>
        </div>
      )}
      {c.phase === 'reasons' && (
        <div className="return-check-confirm" data-testid="return-check-reasons">
          <ol className="damage-task-list">
            {returnReasons.map((r, i) => (
              <li key={r} data-code={r}>
                <kbd>{i + 1}</kbd> {t(`returns:reason.${r}`)}
              </li>
            ))}
          </ol>
          <p className="page-hint">
            {t('returnCheck:confirm.reasons', { n: c.index + 1, total: task.lines.length })} ·{' '}
            {t('returnCheck:confirm.escape')}
          </p>
        </div>
      )}
      {c.phase === 'ready' && (
        <div className="return-check-confirm" data-testid="return-check-ready">
          <span className="return-check-cases">
            {t('returnCheck:confirm.casesLabel')}: <strong>{c.cases}</strong>
          </span>
          <p className="page-hint">{t('returnCheck:confirm.ready')}</p>
        </div>
      )}
    </section>
  );
}
