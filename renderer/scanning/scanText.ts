// How a scan reads to a person: its reason code translated, what it resolved
// to in a few words, the colour of its result. Shared by the station screen,
// the scan log and the scanner test screen.
import type { TFunction } from 'i18next';
import type { ScanOutcome, ScanResolution, ScanView } from '../../shared/contract/scanning';
import type { Formatters } from '../i18n/format';

/** The colour class of an outcome: green, amber, red. */
export function outcomeTone(outcome: ScanOutcome): 'ok' | 'warn' | 'bad' {
  if (outcome === 'accepted') return 'ok';
  if (outcome === 'duplicate' || outcome === 'undone') return 'warn';
  return 'bad';
}

/**
 * A reason code ('decode.badCheckDigit', 'frame.tooLong', 'scan.duplicate', a
 * task's refusal) as a sentence; codes are keys of errors.json. An unknown
 * code still says something rather than nothing.
 */
export function reasonText(reason: string | null, t: TFunction): string {
  if (!reason) return '';
  const text = t(`errors:${reason}`, { defaultValue: '' }) as string;
  return text || t('errors:unknown', { code: reason });
}

/** What a scan turned out to be, one line: "P10001 伊利纯牛奶", "库位 A-01"; an unknown code is just the code (the result says "unknown"). */
export function resolutionText(r: ScanResolution | null, t: TFunction, f: Formatters): string {
  if (!r) return '';
  switch (r.kind) {
    case 'product':
      return `${r.productCode} ${f.productName(r.productNameZh, r.productNameEn)}`;
    case 'location':
      return t('scan:resolution.location', { code: r.code });
    case 'sscc':
      return t('scan:resolution.sscc', { sscc: r.sscc });
    case 'document':
      return t('scan:resolution.document', { documentNo: r.documentNo });
    case 'command':
      return t('scan:resolution.command', { command: t(`scan:command.${r.command}`) });
    case 'unknown':
      return r.code;
    case 'trip':
      return t('scan:resolution.trip', { number: r.number });
    case 'return':
      return t('scan:resolution.return', { number: r.number });
    case 'order':
      return t('scan:resolution.order', { number: r.number });
  }
}

/** The quantity a product scan stands for, with its unit ("12 个"); empty for anything else. */
export function scanQtyText(scan: ScanView, f: Formatters): string {
  const r = scan.resolution;
  return r?.kind === 'product' ? `${f.qty(r.qty)} ${r.unit}` : '';
}

/** The source as people say it: "串口 · Dock 1", "键盘扫描枪", "手工输入". */
export function sourceText(scan: Pick<ScanView, 'sourceKind' | 'sourceName'>, t: TFunction): string {
  const kind = t(`scan:source.${scan.sourceKind}`);
  return scan.sourceName ? `${kind} · ${scan.sourceName}` : kind;
}

/** Lot and expiry from GS1 data, when the scan carried them. */
export function lotExpiryText(r: ScanResolution | null, t: TFunction): string {
  if (r?.kind !== 'product') return '';
  const parts: string[] = [];
  if (r.lot) parts.push(t('scan:lot', { lot: r.lot }));
  if (r.expiry) parts.push(t('scan:expiry', { expiry: r.expiry }));
  if (r.oldCode) parts.push(t('scan:oldCode', { code: r.replacedByCode ?? '' }));
  return parts.join(t('common:listSeparator'));
}
