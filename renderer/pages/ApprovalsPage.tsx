// 待我审批 Waiting for my approval (issue 13): what awaits the CS manager, one
// section per kind of record (approvals/sections.tsx), each live on its event.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useReconnected } from '../api/hooks';
import { navigate } from '../app/routes';
import { useNotify } from '../components/toast/useNotify';
import { useFormat } from '../i18n/format';
import { approvalSections, type ApprovalItem, type ApprovalSection } from './approvals/sections';

function Section({ section }: { section: ApprovalSection }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const [items, setItems] = useState<ApprovalItem[] | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const load = useCallback(async () => {
    try {
      setItems(await section.load(t, f));
    } catch (e) {
      notify.error(e);
    }
  }, [section, t, f, notify]);
  useEffect(() => {
    void load();
    return api.onEvent((msg) => {
      if ((section.events as readonly string[]).includes(msg.name)) void load();
    });
  }, [load, section]);
  useReconnected(() => void load());
  return (
    <section className="card approvals-section" data-testid={`approvals-${section.id}`}>
      <h2>
        {t(section.title)} <span className="badge">{items?.length ?? '…'}</span>
      </h2>
      {items?.length === 0 && <p className="task-empty">{t('approvals:none')}</p>}
      <ul className="approvals-list">
        {items?.map((it) => (
          <li key={it.id} data-testid={`approval-${it.number}`}>
            <span className="mono">{it.number}</span> <span>{it.summary}</span>
            <span className="toolbar-spacer" />
            {it.approve && (
              <button
                type="button"
                className="primary"
                disabled={busy === it.id}
                data-testid={`approve-${it.number}`}
                onClick={() => {
                  setBusy(it.id);
                  it.approve!()
                    .then(() => notify.success(t('approvals:approved', { number: it.number })))
                    .catch((e: unknown) => notify.error(e))
                    .finally(() => {
                      setBusy(null);
                      void load();
                    });
                }}
              >
                {t('approvals:approve')}
              </button>
            )}
            <button type="button" onClick={() => navigate(section.page)}>
              {t('approvals:open')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ApprovalsPage() {
  const { t } = useTranslation();
  return (
    <section className="page-body approvals-page" data-testid="approvals">
      <div className="toolbar">
        <h1 className="page-title">{t('approvals:title')}</h1>
      </div>
      <p className="page-hint">{t('approvals:hint')}</p>
      {approvalSections.map((s) => (
        <Section key={s.id} section={s} />
      ))}
    </section>
  );
}
