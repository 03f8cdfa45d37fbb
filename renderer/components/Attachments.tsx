// A record's attached files — a damage report's photos, a complaint's letter
// or photo — listed with who added them and when, each opened in a new tab,
// and a file picker to add one (an image or PDF; the core checks the content
// and the size and says why it refuses). One component for every record kind:
// the kind gives its own attach/read requests.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentFile, AttachmentView } from '../../shared/contract';
import { useFormat } from '../i18n/format';
import { useNotify } from './toast/useNotify';

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('read'));
    r.readAsDataURL(file);
  });
}

export function Attachments({
  items,
  title,
  testIdPrefix,
  canAttach,
  upload,
  read,
  onChanged,
}: {
  items: AttachmentView[];
  title: string;
  /** `<prefix>-attachments` (the list) and `<prefix>-attach` (the picker) to tests. */
  testIdPrefix: string;
  canAttach: boolean;
  upload(fileName: string, dataBase64: string): Promise<AttachmentView>;
  read(attachmentId: number): Promise<AttachmentFile>;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);

  const add = async (file: File) => {
    setBusy(true);
    try {
      const a = await upload(file.name, await readAsBase64(file));
      notify.success(t('common:attachments.added', { fileName: a.fileName }));
      onChanged();
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };
  const open = async (attachmentId: number) => {
    try {
      const a = await read(attachmentId);
      const bytes = Uint8Array.from(atob(a.dataBase64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: a.mime }));
      window.open(url, '_blank', 'noopener');
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      notify.error(e);
    }
  };

  return (
    <div className="attachments">
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p className="task-empty">{t('common:attachments.none')}</p>
      ) : (
        <ul data-testid={`${testIdPrefix}-attachments`}>
          {items.map((a) => (
            <li key={a.id}>
              {a.fileName} · {a.uploadedBy} · {f.dateTime(a.uploadedAt)}{' '}
              <button type="button" onClick={() => void open(a.id)}>
                {t('common:attachments.open')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {canAttach && (
        <label className="field">
          <span>{t('common:attachments.add')}</span>
          <input
            type="file"
            accept="image/jpeg,image/png,image/webp,application/pdf"
            disabled={busy}
            data-testid={`${testIdPrefix}-attach`}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void add(file);
            }}
          />
        </label>
      )}
    </div>
  );
}
