// The frame of every printed document: a screen toolbar (print, back) that
// never prints, then A4 pages with the document's title, number and the time
// and person it was printed by. Documents put their body inside; signature
// lines come from SignatureLines.
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';
import { printPage } from './printing';

type Props = {
  title: string;
  number?: string;
  /** Lines under the title: warehouse, scope, dates. */
  meta?: { label: string; value: string }[];
  printedBy: string;
  /** The PDF's file name on the desktop. */
  fileName: string;
  /** A4 landscape (wide tables) instead of portrait. */
  landscape?: boolean;
  onBack(): void;
  children: ReactNode;
};

export function PrintSheet({ title, number, meta = [], printedBy, fileName, landscape, onBack, children }: Props) {
  const { t } = useTranslation('print');
  const f = useFormat();
  const printedAt = f.dateTime(new Date().toISOString());

  useEffect(() => {
    // The PDF's page header shows the document title (electron/print/pdfLayout.ts).
    const before = document.title;
    document.title = number ? `${title} ${number}` : title;
    return () => {
      document.title = before;
    };
  }, [title, number]);

  useEffect(() => {
    // Esc goes back, Ctrl+P prints the sheet (not the console around it).
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onBack();
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'p') {
        e.preventDefault();
        void printPage(fileName);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [fileName, onBack]);

  return (
    <div className="print-view">
      <div className="print-toolbar no-print" role="toolbar" aria-label={t('toolbar')}>
        <button type="button" className="primary" onClick={() => void printPage(fileName)}>
          {t('print')}
        </button>
        <button type="button" onClick={onBack}>
          {t('back')}
        </button>
        <span className="print-hint">{t('hint')}</span>
      </div>
      {/* data-print-ready: the sheet has its data; the headless printer waits for it (electron/print/headless.ts). */}
      <article
        className={landscape ? 'print-sheet print-landscape' : 'print-sheet'}
        aria-label={title}
        data-print-ready=""
      >
        <header className="print-header">
          <div className="print-brand">{t('brand')}</div>
          <h1 className="print-title">{title}</h1>
          {number && <div className="print-number">{number}</div>}
          <dl className="print-meta">
            {meta.map((m) => (
              <div key={m.label}>
                <dt>{m.label}</dt>
                <dd>{m.value}</dd>
              </div>
            ))}
            <div>
              <dt>{t('printedAt')}</dt>
              <dd>{printedAt}</dd>
            </div>
            <div>
              <dt>{t('printedBy')}</dt>
              <dd>{printedBy}</dd>
            </div>
          </dl>
        </header>
        {children}
      </article>
    </div>
  );
}

/** Signature boxes: one per role that signs (仓管员, 操作员, 客户服务经理 …), with a date line. */
export function SignatureLines({ roles }: { roles: string[] }) {
  const { t } = useTranslation('print');
  return (
    <section className="print-signatures" aria-label={t('signatures')}>
      {roles.map((role) => (
        <div key={role} className="print-signature">
          <div className="print-signature-role">{role}</div>
          <div className="print-signature-line">{t('signature')}</div>
          <div className="print-signature-line">{t('date')}</div>
        </div>
      ))}
    </section>
  );
}
