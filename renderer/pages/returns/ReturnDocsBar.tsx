// The documents of one return, under its detail: print the return report
// 退货报告 (with its barcode for the keeper's check), print the return note
// 退货单 once issued, and — while it still awaits the manager — edit the
// report (the salesperson their own, the operator on their behalf).
import { useTranslation } from 'react-i18next';
import type { ReturnView } from '../../../shared/contract';
import { navigate, openPrint } from '../../app/routes';
import { hasRole, useSession } from '../../app/session';

export function ReturnDocsBar({ r }: { r: ReturnView }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const me = session.user;
  const mayEdit =
    r.kind === 'report' &&
    r.state === 'reported' &&
    (hasRole(session, ['operator']) || (hasRole(session, ['salesperson']) && r.salespersonId === me.id));
  return (
    <div className="toolbar returndocs-bar" data-testid="return-docs">
      {r.kind === 'report' && (
        <button
          type="button"
          data-testid="print-return-report"
          onClick={() => openPrint('returnReport', { return: r.id })}
        >
          {t('returnDocs:actions.printReport')}
        </button>
      )}
      {r.returnNote && (
        <button type="button" data-testid="print-return-note" onClick={() => openPrint('returnNote', { return: r.id })}>
          {t('returnDocs:actions.printNote', { number: r.returnNote.number })}
        </button>
      )}
      {mayEdit && (
        <button type="button" data-testid="edit-return" onClick={() => navigate('returnReport', { edit: r.id })}>
          {t('returnDocs:actions.edit')}
        </button>
      )}
    </div>
  );
}
