// GS1 Digital Link URIs (GS1 Digital Link Standard: URI Syntax):
//   https://any.host/optional/prefix/01/09506000134352/10/ABC123?17=261231
// a primary key AI and its value as path segments, then its qualifiers
// (22, 10, 21 for a GTIN…), then data attributes as query parameters. The
// host and any path before the primary key are the brand's own and ignored.
import { aiSpec } from './ai';
import { checkValue, type DecodeContext, type ParseOutcome } from './gs1';
import type { Gs1Element } from './types';

/** AIs that may start a Digital Link path (the syntax dictionary's "dlpkey"). */
const primaryKeys = new Set([
  '00',
  '01',
  '253',
  '255',
  '401',
  '402',
  '414',
  '415',
  '417',
  '8003',
  '8004',
  '8006',
  '8010',
  '8013',
  '8017',
  '8018',
]);

/** Digital Link 1.0's short names, still found on older labels (/gtin/…/lot/…). */
const shortNames = new Map([
  ['gtin', '01'],
  ['itip', '8006'],
  ['cpv', '22'],
  ['lot', '10'],
  ['ser', '21'],
  ['exp', '17'],
  ['sscc', '00'],
  ['gln', '414'],
  ['glnx', '254'],
  ['party', '417'],
  ['gsrnp', '8017'],
  ['gsrn', '8018'],
  ['srin', '8019'],
  ['gdti', '253'],
  ['gcn', '255'],
  ['ginc', '401'],
  ['gsin', '402'],
  ['grai', '8003'],
  ['giai', '8004'],
  ['cpid', '8010'],
  ['cpsn', '8011'],
  ['gmn', '8013'],
]);

function dlAi(segment: string): string | null {
  const named = shortNames.get(segment);
  if (named !== undefined) return named;
  return aiSpec(segment) !== undefined ? segment : null;
}

function allDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Whether `s` starts with http:// or https:// (any case: QR alphanumeric mode upper-cases). */
export function isHttpUri(s: string): boolean {
  const head = s.slice(0, 8).toLowerCase();
  return head.startsWith('http://') || head === 'https://';
}

/**
 * The elements of a Digital Link URI, or null when the URI has no GS1 primary
 * key in its path (then it is just a web address, and passes as text).
 */
export function parseDigitalLink(s: string, ctx: DecodeContext): ParseOutcome | null {
  const pathStart = s.indexOf('/', s.indexOf('://') + 3);
  if (pathStart < 0) return null;
  const hash = s.indexOf('#', pathStart);
  const stop = hash >= 0 ? hash : s.length;
  const question = s.indexOf('?', pathStart);
  const pathEnd = question >= 0 && question < stop ? question : stop;
  const query = pathEnd < stop ? s.slice(pathEnd + 1, stop) : '';

  const segments = s.slice(pathStart + 1, pathEnd).split('/');
  while (segments.length > 0 && segments[segments.length - 1] === '') segments.pop();
  // From the end, pairs of AI and value back to the primary key; what lies
  // before it is the brand's own path.
  let keyAt = -1;
  for (let i = segments.length; i >= 2; i -= 2) {
    const ai = dlAi(segments[i - 2]!);
    if (ai === null) break;
    if (primaryKeys.has(ai)) {
      keyAt = i - 2;
      break;
    }
  }
  if (keyAt < 0) return null;

  const pairs: [string, string][] = [];
  for (let i = keyAt; i < segments.length; i += 2) pairs.push([dlAi(segments[i]!)!, segments[i + 1]!]);

  const elements: Gs1Element[] = [];
  for (const param of query.split('&')) {
    if (param === '') continue;
    const eq = param.indexOf('=');
    const key = eq < 0 ? param : param.slice(0, eq);
    const ai = dlAi(key);
    if (ai === null) {
      // Other parameters (linkType, a brand's own) are allowed; a number is an AI.
      if (allDigits(key)) {
        return { elements, problem: { error: 'decode.unknownAi', ai: key, detail: `(${key}) is not a GS1 AI` } };
      }
      continue;
    }
    pairs.push([ai, eq < 0 ? '' : param.slice(eq + 1)]);
  }

  for (const [ai, encoded] of pairs) {
    let value: string;
    try {
      value = decodeURIComponent(encoded);
    } catch {
      return { elements, problem: { error: 'decode.badCharacter', ai, detail: `AI (${ai}): bad percent-encoding` } };
    }
    // Digital Link writes a GTIN as 8, 12, 13 or 14 digits; GS1 data carries 14.
    if (ai === '01' && allDigits(value) && (value.length === 8 || value.length === 12 || value.length === 13)) {
      value = value.padStart(14, '0');
    }
    const bad = checkValue(aiSpec(ai)!, value, ctx);
    if (bad !== null) return { elements, problem: bad };
    elements.push({ ai, value });
  }
  return { elements, problem: null };
}
