// The barcode decoder: one scan's raw characters → what they say (issue 4,
// "Decode"). Pure and synchronous, errors are values, never thrown; the scan
// pipeline, the scanner test screen and `cangwu decode` all call decodeScan.
//
// What decides the reading, in order (README.md in this folder has the why):
//   1. An AIM symbology identifier (`]C1`, `]E0`, …), if the scanner sends one.
//   2. GS1 element string when the identifier says GS1 (]C1 ]e0 ]d2 ]Q3 ]J1) or
//      the data starts with FNC1 (GS, 0x1D, or a substitute: see below).
//   3. EAN/UPC digits under ]E0/]E3/]E4, ITF-14 under ]I0/]I1: GTINs.
//   4. A GS1 Digital Link URI (http(s)://…/01/…), from any symbology.
//   5. The bracketed human-readable form "(01)…(10)…".
//   6. Without an identifier: 8, 12, 13 or 14 digits are a GTIN candidate.
//   7. Everything else is text: bin labels, document numbers, CMD:UNDO.
// A string that merely looks like AIs ("10D9T" in plain Code 128) is text.
import { hasValidCheckDigit, expandUpcE } from './gtin';
import { isHttpUri, parseDigitalLink } from './digitalLink';
import {
  GS,
  gs1Result,
  newContext,
  parseBracketed,
  parseElementString,
  startsBracketed,
  summarize,
  type DecodeContext,
  type ParseOutcome,
} from './gs1';
import { readSymbology } from './symbology';
import { showText } from './controlText';
import type { DecodeErrorCode, DecodeOptions, DecodeResult, Gs1Form, GtinFormat, Symbology } from './types';

export type { DecodeErrorCode, DecodeOptions, DecodeResult, Gs1Element, Gs1Form, GtinFormat, Symbology } from './types';
export { aiDecimals, aiTitle } from './ai';

/**
 * What scanners send for FNC1 besides GS itself (0x1D, which is also what a
 * wedge scanner's Ctrl+] becomes): the printable forms some scanners and
 * keyboard-wedge tools are configured to emit. None of `{ } ^ ]` is in GS1's
 * character set, so these cannot be data; `<` and `>` are, but "<GS>" in a GS1
 * value is not a thing, and it is what printable() shows.
 */
export const gsSubstitutes = ['<GS>', '{GS}', '^]'] as const;

function normalizeSeparators(s: string): string {
  if (s.indexOf('<GS>') < 0 && s.indexOf('{GS}') < 0 && s.indexOf('^]') < 0) return s;
  return s.replaceAll('<GS>', GS).replaceAll('{GS}', GS).replaceAll('^]', GS);
}

/** Frame terminators a wedge or a badly configured serial port may leave on. */
const isTerminator = (c: number) => c === 13 || c === 10 || c === 9;

function allDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function failure(
  error: DecodeErrorCode,
  detail: string | null,
  ai: string | null,
  symbology: Symbology,
  summary: string | null,
): DecodeResult {
  return { ok: false, error, detail, ai, symbology, summary };
}

function gs1Outcome(symbology: Symbology, parsed: ParseOutcome, form: Gs1Form, ctx: DecodeContext): DecodeResult {
  const { elements, problem } = parsed;
  if (problem !== null) {
    return failure(
      problem.error,
      problem.detail,
      problem.ai,
      symbology,
      elements.length > 0 ? summarize(elements) : null,
    );
  }
  if (elements.length === 0) return failure('decode.empty', 'no GS1 data after FNC1', null, symbology, null);
  return gs1Result(symbology, elements, form, ctx);
}

function gtinOutcome(
  symbology: Symbology,
  scanned: string,
  format: GtinFormat,
  upcE: string | null = null,
  addOn: string | null = null,
): DecodeResult {
  // A misread digit almost always breaks the check digit: refuse rather than
  // look up a neighbour's product (a bad check digit is never a wrong product).
  if (!hasValidCheckDigit(scanned)) {
    return failure('decode.badCheckDigit', `${format} ${upcE ?? scanned}: wrong check digit`, null, symbology, null);
  }
  const summary =
    (upcE !== null ? `UPC-E ${upcE} = UPC-A ${scanned}` : `${format} ${scanned}`) +
    (addOn !== null ? ` +${addOn}` : '');
  return { ok: true, kind: 'gtin', symbology, gtin: scanned.padStart(14, '0'), scanned, format, upcE, addOn, summary };
}

const formatByLength: Record<number, GtinFormat> = { 8: 'EAN-8', 12: 'UPC-A', 13: 'EAN-13', 14: 'GTIN-14' };

/** EAN/UPC under ]E0, ]E3 (with add-on) or ]E4. */
function eanUpc(symbology: NonNullable<Symbology>, data: string): DecodeResult {
  if (!allDigits(data)) {
    return failure('decode.badCharacter', `${symbology.name} carries digits only`, null, symbology, null);
  }
  const badLength = () =>
    failure('decode.badLength', `${symbology.name} with ${data.length} digits`, null, symbology, null);
  if (symbology.id === ']E4') return data.length === 8 ? gtinOutcome(symbology, data, 'EAN-8') : badLength();
  if (symbology.id === ']E3') {
    // ISO/IEC 15420 sends the main symbol in 13 digits; some scanners send UPC-A in 12.
    const main = data.length === 15 || data.length === 18 ? 13 : data.length === 14 || data.length === 17 ? 12 : 0;
    if (main === 0) return badLength();
    return gtinOutcome(symbology, data.slice(0, main), main === 13 ? 'EAN-13' : 'UPC-A', null, data.slice(main));
  }
  // ]E0: EAN-13 (UPC-A as 13 digits per ISO/IEC 15420), UPC-A as 12 when the
  // scanner is set so, and 8 digits: UPC-E (number system 0 or 1) — many
  // scanners send it unexpanded under ]E0 — else an EAN-8 sent under ]E0.
  if (data.length === 13) return gtinOutcome(symbology, data, 'EAN-13');
  if (data.length === 12) return gtinOutcome(symbology, data, 'UPC-A');
  if (data.length === 8) {
    const upcA = expandUpcE(data);
    if (upcA !== null && hasValidCheckDigit(upcA)) return gtinOutcome(symbology, upcA, 'UPC-E', data);
    return gtinOutcome(symbology, data, 'EAN-8');
  }
  return badLength();
}

/**
 * Whether text that nothing marked as GS1 would parse cleanly as an element
 * string starting with an SSCC or GTIN (see `gs1Like` on the text result).
 */
function looksLikeGs1(data: string, ctx: DecodeContext): boolean {
  if (data.length < 16 || data.charCodeAt(0) !== 48 /* 0 */) return false;
  const second = data.charCodeAt(1);
  if (second < 48 || second > 50) return false;
  const parsed = parseElementString(normalizeSeparators(data), 0, ctx);
  return parsed.problem === null && parsed.elements.length > 0;
}

/**
 * Decodes one scan. `raw` is the frame as received (terminators may still be
 * on it); the result says what it is, or why it cannot be used.
 */
export function decodeScan(raw: string, options?: DecodeOptions): DecodeResult {
  if (typeof raw !== 'string') return failure('decode.empty', 'nothing scanned', null, null, null);
  let start = 0;
  let end = raw.length;
  while (start < end && isTerminator(raw.charCodeAt(start))) start++;
  while (end > start && isTerminator(raw.charCodeAt(end - 1))) end--;
  const s = start > 0 || end < raw.length ? raw.slice(start, end) : raw;

  const known = readSymbology(s);
  const symbology: Symbology = known === null ? null : known.symbology;
  const data = known === null ? s : s.slice(3);
  if (data.trim() === '') return failure('decode.empty', 'nothing scanned', null, symbology, null);

  const ctx = newContext(options?.today);
  const mode = known === null ? 'plain' : known.mode;
  const separated = normalizeSeparators(data);
  if (mode === 'elements' || separated.charCodeAt(0) === 0x1d) {
    return gs1Outcome(symbology, parseElementString(separated, 0, ctx), 'elementString', ctx);
  }
  if (mode === 'ean') return eanUpc(symbology!, data);
  if (mode === 'itf' && data.length === 14 && allDigits(data)) return gtinOutcome(symbology, data, 'GTIN-14');
  if (isHttpUri(data)) {
    const link = parseDigitalLink(data, ctx);
    if (link !== null) return gs1Outcome(symbology, link, 'digitalLink', ctx);
  } else if (startsBracketed(data)) {
    return gs1Outcome(symbology, parseBracketed(data, ctx), 'bracketed', ctx);
  }
  if (symbology === null && allDigits(data)) {
    const format = formatByLength[data.length];
    if (format !== undefined) return gtinOutcome(null, data, format);
  }
  return { ok: true, kind: 'text', symbology, text: data, gs1Like: looksLikeGs1(data, ctx), summary: printable(data) };
}

/**
 * For logs and screens: the scanner-text notation of controlText.ts (<GS>,
 * <CR>, \xNN, \\), so a raw value from the scan log pasted into `cangwu
 * scanner simulate` sends the same characters again.
 */
export const printable: (raw: string) => string = showText;
