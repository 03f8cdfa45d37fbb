// The returns page's own buttons beside its filters: a new return report for
// who may file one (the salesperson, the operator on their behalf) and the
// finance export of the return notes.
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/routes';
import { hasRole, useSession } from '../../app/session';
import { FinanceExport } from './FinanceExport';

export function ReturnsToolbar() {
  const { t } = useTranslation();
  const { session } = useSession();
  return (
    <>
      {hasRole(session, ['salesperson', 'operator']) && (
        <button
          type="button"
          className="primary"
          data-testid="new-return-report"
          onClick={() => navigate('returnReport')}
        >
          {t('returnDocs:actions.newReport')}
        </button>
      )}
      <FinanceExport />
    </>
  );
}
