// What the decoder (shared/barcode, the same code the core runs) makes of a
// frame: kind, symbology, the GS1 elements or GTIN, or the error in words.
import { useTranslation } from 'react-i18next';
import type { DecodeResult } from '../../../shared/barcode/types';

export function DecodeView({ result, testId }: { result: DecodeResult; testId?: string }) {
  const { t } = useTranslation();
  const symbology = result.symbology ? `${result.symbology.id} ${result.symbology.name}` : t('scan:decode.noAim');
  if (!result.ok) {
    return (
      <div className="decode-view decode-bad" data-testid={testId} data-ok="false" data-error={result.error}>
        <span className="outcome-chip outcome-bad">{t(`errors:${result.error}`)}</span>
        <span className="muted">{symbology}</span>
        {result.ai && <span className="mono">{t('scan:decode.ai', { ai: result.ai })}</span>}
        {result.summary && <span className="mono">{result.summary}</span>}
        {result.detail && <span className="muted mono">{result.detail}</span>}
      </div>
    );
  }
  return (
    <div className="decode-view decode-ok" data-testid={testId} data-ok="true" data-kind={result.kind}>
      <span className="outcome-chip outcome-ok">{t(`scan:decode.kind.${result.kind}`)}</span>
      <span className="muted">{symbology}</span>
      <span className="mono">{result.summary}</span>
      {result.kind === 'gtin' && <span>{t('scan:decode.gtin', { format: result.format, gtin: result.gtin })}</span>}
      {result.kind === 'text' && result.gs1Like && <span className="decode-hint">{t('scan:decode.gs1Like')}</span>}
    </div>
  );
}
