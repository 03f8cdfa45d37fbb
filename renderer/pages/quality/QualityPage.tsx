// 仓库质量检查 Warehouse quality checks / GMP 跟踪记录 (issue 17 §1): the zone's
// checklist of the day, the corrective actions followed to done, and the
// month's figures per zone; the manager's list of items to check.
import { useEffect, useState } from 'react';
import { useRoute } from '../../app/routes';
import { useTranslation } from 'react-i18next';
import { qualityFillers, qualityManagers } from '../../../shared/contract';
import { hasRole, useSession } from '../../app/session';
import { TabBar } from '../../components/TabBar';
import { ActionsView } from './ActionsView';
import { Checklist } from './Checklist';
import { ItemsView } from './ItemsView';
import { SummaryView } from './SummaryView';

type Tab = 'checklist' | 'actions' | 'summary' | 'items';

export function QualityPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const fills = hasRole(session, qualityFillers);
  const manages = hasRole(session, qualityManagers);
  const tabs: Tab[] = [
    ...(fills ? (['checklist'] as Tab[]) : []),
    'actions',
    'summary',
    ...(manages ? (['items'] as Tab[]) : []),
  ];
  const [tab, setTab] = useState<Tab>(tabs[0]!);
  // #/quality?zone=… (a zone label scanned at the station): its checklist.
  const zoneParam = useRoute().params.get('zone');
  useEffect(() => {
    if (zoneParam && fills) setTab('checklist');
  }, [zoneParam, fills]);
  return (
    <section className="page-body quality-page" data-testid="quality">
      <div className="toolbar">
        <h1 className="page-title">{t('quality:title')}</h1>
        <TabBar
          tabs={tabs.map((k) => ({ id: k, label: t(`quality:tab.${k}`) }))}
          current={tab}
          onChange={setTab}
          testIdPrefix="quality"
        />
      </div>
      {tab === 'checklist' && <Checklist />}
      {tab === 'actions' && <ActionsView />}
      {tab === 'summary' && <SummaryView />}
      {tab === 'items' && <ItemsView />}
    </section>
  );
}
