// The returns page's own buttons beside its filters: find a return by its
// number (typed, or scanned from the printed report's barcode with a wedge
// scanner: returns.find, which also takes a refused order's number), a new
// return report for who may file one (the salesperson, the operator on their
// behalf) and the finance export of the return notes.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { navigate } from '../../app/routes';
import { hasRole, useSession } from '../../app/session';
import { useNotify } from '../../components/toast/useNotify';
import { FinanceExport } from './FinanceExport';

export function ReturnsToolbar({ onFound }: { onFound(returnId: number): void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { session } = useSession();
  const [number, setNumber] = useState('');
  return (
    <>
      <input
        className="returndocs-find"
        value={number}
        placeholder={t('returnDocs:find.placeholder')}
        aria-label={t('returnDocs:find.label')}
        data-testid="returns-find"
        onChange={(e) => setNumber(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' || number.trim() === '') return;
          e.preventDefault();
          api.request('returns.find', { number: number.trim() }).then((r) => {
            setNumber('');
            onFound(r.id);
          }, notify.error);
        }}
      />
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
