// 每周积分表 (SL, ID) as sent to the principal (issue 17 §3): one A4 page — the
// title block with the week, each figure with how it is defined, its target
// and whether it was met (a mark and a word, not colour alone), the basis
// (numerator ÷ denominator, or quantity and credit) and the signature lines
// of the operator who sends it and the manager. The figures are the KPI
// tracker's for the same week (kpi.scorecard); a week still running prints
// as a draft 草稿.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scorecard } from '../../shared/contract';
import { api } from '../api/client';
import { useSession } from '../app/session';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { gradeLabel, kpiDetail, kpiValue, targetText } from '../pages/kpi/kpiFormat';
import { PrintSheet, SignatureLines } from './PrintSheet';

export function ScorecardPrint({ week, onBack }: { week: string; onBack(): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const [card, setCard] = useState<Scorecard | null>(null);
  useEffect(() => {
    api.request('kpi.scorecard', { week }).then(setCard, notify.error);
  }, [week, notify]);
  if (!card) return null;
  return (
    <PrintSheet
      title={t('edr:scorecard.title')}
      number={week}
      meta={[
        { label: t('edr:scorecard.week'), value: `${card.week} (${card.from} – ${card.to})` },
        ...(card.draft ? [{ label: t('edr:scorecard.state'), value: t('edr:scorecard.draft') }] : []),
      ]}
      printedBy={session.user.displayName}
      fileName={t('edr:scorecard.fileName', { week })}
      onBack={onBack}
    >
      <div className="scorecard-print" data-testid="print-scorecard" data-draft={card.draft ? 'true' : 'false'}>
        {card.draft && <p className="scorecard-draft">{t('edr:scorecard.draftNote')}</p>}
        <table className="lines scorecard-table">
          <thead>
            <tr>
              <th>{t('edr:scorecard.kpi')}</th>
              <th className="num">{t('edr:scorecard.value')}</th>
              <th className="num">{t('kpi:target')}</th>
              <th>{t('edr:scorecard.met')}</th>
              <th>{t('edr:scorecard.basis')}</th>
            </tr>
          </thead>
          <tbody>
            {card.lines.map((l) => (
              <tr key={l.kpi} data-kpi={l.kpi}>
                <td>
                  <strong>
                    {t(`kpi:name.${l.kpi}`)}
                    {l.kpi === 'serviceLevel' ? ' (SL)' : l.kpi === 'daysOfInventory' ? ' (ID)' : ''}
                  </strong>
                  <br />
                  <small>{t(`kpi:definition.${l.kpi}`)}</small>
                </td>
                <td className="num scorecard-value">{kpiValue(f, l.unit, l.figure.value) || t('kpi:none')}</td>
                <td className="num">{targetText(l.unit, l.better, l.target, f) || '—'}</td>
                <td>{gradeLabel(t, l.grade) || '—'}</td>
                <td>{kpiDetail(t, f, l.kpi, l.figure)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <SignatureLines roles={[t('domain:role.operator'), t('domain:role.csManager')]} />
      </div>
    </PrintSheet>
  );
}
