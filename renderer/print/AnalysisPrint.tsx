// 残损分析报告 and 退货分析报告 as printed: A4 with the charts (SVG, so vector in
// the PDF), every table, the action plans, the note, and the signature lines
// of who prepared it and the manager it is submitted to.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalysisHeader, AnalysisWarehouse, DamageAnalysis, ReturnAnalysis } from '../../shared/contract';
import { api } from '../api/client';
import { useSession } from '../app/session';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { DamageView } from '../pages/analyses/DamageView';
import { ReturnView } from '../pages/analyses/ReturnView';
import { PrintSheet, SignatureLines } from './PrintSheet';

function useMeta(a: (AnalysisHeader & { warehouse: AnalysisWarehouse | null }) | null) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!a) return [];
  const meta = [
    { label: t('analyses:month'), value: `${a.month} (${a.from} – ${a.to})` },
    { label: t('analyses:stateLabel'), value: t(`analyses:state.${a.state}`) },
    {
      label: t('analyses:warehouse'),
      value: a.warehouse ? `${a.warehouse.code} ${a.warehouse.name}` : t('analyses:allWarehouses'),
    },
  ];
  if (a.submittedBy)
    meta.push({
      label: t('analyses:submittedLabel'),
      value: `${a.submittedBy} ${f.dateTime(a.submittedAt)}`,
    });
  return meta;
}

export function DamageAnalysisPrint({
  month,
  warehouseId,
  onBack,
}: {
  month: string;
  warehouseId: number | undefined;
  onBack(): void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { session } = useSession();
  const [a, setA] = useState<DamageAnalysis | null>(null);
  useEffect(() => {
    api.request('analyses.damage', { month, warehouseId }).then(setA, notify.error);
  }, [month, warehouseId, notify]);
  const meta = useMeta(a);
  if (!a) return null;
  return (
    <PrintSheet
      title={t('analyses:damage.title')}
      number={month}
      meta={meta}
      printedBy={session.user.displayName}
      fileName={t('analyses:damage.fileName', { month })}
      onBack={onBack}
    >
      <div data-testid="print-damage-analysis">
        <DamageView a={a} print />
        <section className="print-section">
          <h2>{t('analyses:note')}</h2>
          <p>{a.note}</p>
        </section>
        <SignatureLines
          roles={[t('analyses:damage.signOperator'), t('analyses:damage.signKeeper'), t('analyses:damage.signManager')]}
        />
      </div>
    </PrintSheet>
  );
}

export function ReturnAnalysisPrint({
  month,
  warehouseId,
  onBack,
}: {
  month: string;
  warehouseId: number | undefined;
  onBack(): void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { session } = useSession();
  const [a, setA] = useState<ReturnAnalysis | null>(null);
  useEffect(() => {
    api.request('analyses.returns', { month, warehouseId }).then(setA, notify.error);
  }, [month, warehouseId, notify]);
  const meta = useMeta(a);
  if (!a) return null;
  return (
    <PrintSheet
      title={t('analyses:returns.title')}
      number={month}
      meta={meta}
      printedBy={session.user.displayName}
      fileName={t('analyses:returns.fileName', { month })}
      onBack={onBack}
    >
      <div data-testid="print-return-analysis">
        <ReturnView a={a} print />
        <section className="print-section">
          <h2>{t('analyses:note')}</h2>
          <p>{a.note}</p>
        </section>
        <SignatureLines roles={[t('analyses:returns.signOperator'), t('analyses:returns.signManager')]} />
      </div>
    </PrintSheet>
  );
}
