// 残损登记 at a station (issue 13): the bin and the damaged goods scanned so
// far, the numbered causes and suggestions (picked by number keys), and the
// cause note when the cause is 'other'. Enter reports (StationPage).
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { DamageCause } from '../../../shared/contract/damage';
import type { TaskView } from '../../../shared/contract/scanning';
import { useFormat } from '../../i18n/format';
import { DamageChoiceLists } from './DamageChoiceLists';
import type { DamageChoice } from './damageChoice';

export function DamagePanel({
  task,
  causes,
  choice,
  note,
  onNote,
  onSubmit,
}: {
  task: Extract<TaskView, { kind: 'damage' }>;
  causes: DamageCause[];
  choice: DamageChoice;
  note: string;
  onNote: (note: string) => void;
  onSubmit: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const picked = useSyncExternalStore(choice.subscribe, choice.get);
  const g = task.goods;
  const cases = g && g.casePack > 1 ? Math.floor(g.qty / g.casePack) : 0;
  const units = g ? g.qty - cases * (g.casePack > 1 ? g.casePack : 0) : 0;
  return (
    <section className="card task-panel damage-task" data-testid="task-damage">
      <h2>{t('damage:station.task')}</h2>
      <div className="task-bin" data-testid="task-damage-bin">
        <span className="task-bin-label">{t('damage:station.bin')}</span>
        {task.location ? (
          <span className="task-bin-code">{task.location.code}</span>
        ) : (
          <span className="task-bin-none">{t('damage:station.scanBin')}</span>
        )}
      </div>
      <div className="task-product" data-testid="task-damage-goods" data-qty={g?.qty ?? 0}>
        {g ? (
          <>
            <span className="task-product-code">{g.productCode}</span>
            <span className="task-product-name">{f.productName(g.productNameZh, g.productNameEn)}</span>
            <span className="damage-task-qty">
              {f.qty(g.qty)} {g.unit}
              {cases > 0 && (
                <small>
                  {' '}
                  ({f.qty(cases)} × {g.casePack}
                  {units > 0 ? ` + ${f.qty(units)}` : ''})
                </small>
              )}
            </span>
          </>
        ) : (
          <span className="task-empty">{t('damage:station.scanGoods')}</span>
        )}
      </div>
      <DamageChoiceLists
        causes={causes}
        picked={picked}
        note={note}
        onNote={onNote}
        onSubmit={onSubmit}
        done={t('damage:station.enter')}
        testId="task-damage"
      />
      <p className="page-hint">{t('damage:station.hint')}</p>
    </section>
  );
}
