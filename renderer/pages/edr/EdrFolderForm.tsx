// The EDR folder on the host (issue 17 §2), on the scheduled-output page: the
// administrator names the folder the operator's 写入文件夹 writes the week's
// CSV and XLSX into (checked absolute, existing and writable when saved; the
// message says which when not). Others see it read-only.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { hasRole, useSession } from '../../app/session';
import { useGridEvents } from '../../components/grid/useGridEvents';
import { useNotify } from '../../components/toast/useNotify';

export function EdrFolderForm() {
  const { t } = useTranslation();
  const notify = useNotify();
  const { session } = useSession();
  const admin = session ? hasRole(session, ['admin']) : false;
  const [folder, setFolder] = useState('');
  const [busy, setBusy] = useState(false);
  const load = () => {
    api.request('edr.folder', {}).then((r) => setFolder(r.folder ?? ''), notify.error);
  };
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(load, []);
  useGridEvents({ 'edr.changed': load, reconnected: load });
  const save = async () => {
    setBusy(true);
    try {
      const r = await api.request('edr.setFolder', { folder: folder.trim() ? folder.trim() : null });
      setFolder(r.folder ?? '');
      notify.success(r.folder ? t('edr:folder.saved', { folder: r.folder }) : t('edr:folder.cleared'));
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="schedule-job edr-folder"
      data-testid="edr-folder"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3>{t('edr:folder.title')}</h3>
      <label className="inline-field schedule-folder">
        {t('edr:folder.label')}
        <input
          type="text"
          value={folder}
          readOnly={!admin}
          placeholder={t('edr:folder.hint')}
          data-testid="edr-folder-input"
          onChange={(e) => setFolder(e.target.value)}
        />
      </label>
      {admin && (
        <button type="submit" className="primary" disabled={busy} data-testid="edr-folder-save">
          {t('edr:folder.save')}
        </button>
      )}
      <span className="page-hint">{t('edr:folder.note')}</span>
    </form>
  );
}
