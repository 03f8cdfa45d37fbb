// AIM symbology identifiers (ISO/IEC 15424): the three characters `]cm` a
// scanner can put before the data — `]`, a letter for the symbology, a
// modifier. They are what tells GS1 data from a string that merely looks like
// it: `]C1` is GS1-128 (FNC1 in first position), `]C0` plain Code 128.

/** What the identifier says about the data that follows. */
export type SymbologyMode =
  /** GS1 element string: GS1-128, GS1 DataBar, GS1 DataMatrix, GS1 QR, GS1 DotCode. */
  | 'elements'
  /** EAN/UPC: digits with a GTIN check digit (]E0, ]E3 with add-on, ]E4). */
  | 'ean'
  /** Interleaved 2 of 5: 14 digits are an ITF-14, which carries a GTIN-14. */
  | 'itf'
  /** Anything else: text (or a GS1 Digital Link URI, which says so itself). */
  | 'plain';

export type SymbologyInfo = { id: string; name: string; gs1: boolean };
export type KnownSymbology = { symbology: Readonly<SymbologyInfo>; mode: SymbologyMode };

/** Names by the symbology letter (the character after `]`). */
const families: Record<string, string> = {
  A: 'Code 39',
  B: 'Telepen',
  C: 'Code 128',
  D: 'Code One',
  E: 'EAN/UPC',
  F: 'Codabar',
  G: 'Code 93',
  H: 'Code 11',
  I: 'ITF',
  J: 'DotCode',
  K: 'Code 16K',
  L: 'PDF417',
  M: 'MSI',
  N: 'Anker',
  O: 'Codablock',
  P: 'Plessey',
  Q: 'QR Code',
  R: 'Straight 2 of 5',
  S: 'Straight 2 of 5',
  T: 'Code 49',
  X: 'Other',
  Z: 'Keyboard',
  c: 'Channel Code',
  d: 'Data Matrix',
  e: 'GS1 DataBar',
  h: 'Han Xin',
  o: 'OCR',
  z: 'Aztec',
};

/** The identifiers whose modifier changes the meaning (GS1 General Specifications §5.1.2). */
const specific: Record<string, [name: string, gs1: boolean, mode: SymbologyMode]> = {
  ']C1': ['GS1-128', true, 'elements'],
  ']d2': ['GS1 DataMatrix', true, 'elements'],
  ']Q3': ['GS1 QR Code', true, 'elements'],
  ']J1': ['GS1 DotCode', true, 'elements'],
  ']E0': ['EAN-13/UPC', true, 'ean'],
  ']E1': ['EAN/UPC 2-digit add-on', true, 'plain'],
  ']E2': ['EAN/UPC 5-digit add-on', true, 'plain'],
  ']E3': ['EAN/UPC with add-on', true, 'ean'],
  ']E4': ['EAN-8', true, 'ean'],
  ']I0': ['ITF', false, 'itf'],
  ']I1': ['ITF (check digit verified)', false, 'itf'],
};

const cache = new Map<string, KnownSymbology>();

function describe(id: string): KnownSymbology | null {
  const letter = id[1]!;
  const family = families[letter];
  if (family === undefined) return null;
  const fixed = specific[id];
  const [name, gs1, mode]: [string, boolean, SymbologyMode] = fixed
    ? fixed
    : letter === 'e'
      ? // GS1 DataBar carries GS1 element strings only, whatever the modifier.
        [family, true, 'elements']
      : [family, false, 'plain'];
  return { symbology: Object.freeze({ id, name, gs1 }), mode };
}

/**
 * The AIM identifier at the start of `s`, or null when `s` does not start
 * with one. The symbology objects are shared and frozen.
 */
export function readSymbology(s: string): KnownSymbology | null {
  if (s.length < 3 || s.charCodeAt(0) !== 93 /* ] */) return null;
  const m = s.charCodeAt(2);
  const modifierOk = (m >= 48 && m <= 57) || (m >= 65 && m <= 90) || (m >= 97 && m <= 122);
  if (!modifierOk) return null;
  const id = s.slice(0, 3);
  let known = cache.get(id);
  if (known === undefined) {
    const made = describe(id);
    if (made === null) return null;
    known = made;
    cache.set(id, known);
  }
  return known;
}
