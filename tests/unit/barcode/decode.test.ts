// decodeScan: AIM identifiers, FNC1/GS and its substitutes, every AI family a
// warehouse meets, dates with day 00, variable fields with and without GS,
// false-GS1 lot strings, EAN/UPC and UPC-E, text codes, and errors as values.
// GTINs, SSCCs and GLNs are GS1's published examples (company prefixes 952,
// 0614141, 9506000…).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeScan, printable, type DecodeResult } from '../../../shared/barcode/decode';
import { withCheckDigit } from '../../../shared/barcode/gtin';

const GS = '\u001d';
const GTIN = '09521234543213';
const SSCC = '106141411234567897';
const GLN = '9520123456788';
const today = new Date('2026-05-15T12:00:00');
const decode = (raw: string) => decodeScan(raw, { today });

function gs1(raw: string): Extract<DecodeResult, { kind: 'gs1' }> {
  const r = decode(raw);
  if (!r.ok || r.kind !== 'gs1') throw new Error(`expected GS1 data from ${printable(raw)}, got ${JSON.stringify(r)}`);
  return r;
}

describe('AIM symbology identifiers', () => {
  it.each([
    [']C1', 'GS1-128'],
    [']e0', 'GS1 DataBar'],
    [']d2', 'GS1 DataMatrix'],
    [']Q3', 'GS1 QR Code'],
  ])('%s says GS1: the data is read as an element string', (id, name) => {
    const r = gs1(`${id}01${GTIN}10ABC123`);
    expect(r.symbology).toEqual({ id, name, gs1: true });
    expect(r.elements).toEqual([
      { ai: '01', value: GTIN },
      { ai: '10', value: 'ABC123' },
    ]);
    expect(r.summary).toBe(`(01)${GTIN} (10)ABC123`);
  });

  it.each([
    [']C0', 'Code 128'],
    [']d1', 'Data Matrix'],
    [']Q1', 'QR Code'],
    [']A0', 'Code 39'],
  ])('plain %s passes its data as text with its symbology', (id, name) => {
    expect(decode(`${id}A-01-03`)).toEqual({
      ok: true,
      kind: 'text',
      symbology: { id, name, gs1: false },
      text: 'A-01-03',
      gs1Like: false,
      summary: 'A-01-03',
    });
  });

  it('without an identifier the symbology is null', () => {
    expect(decode('A-01')).toMatchObject({ kind: 'text', symbology: null, text: 'A-01' });
  });

  it('a "]" that does not start a known identifier is part of the text', () => {
    expect(decode(']y1ABC')).toMatchObject({ kind: 'text', symbology: null, text: ']y1ABC' });
  });

  it(']E0 EAN-13 is a GTIN with its check digit verified', () => {
    expect(decode(']E04006381333931')).toEqual({
      ok: true,
      kind: 'gtin',
      symbology: { id: ']E0', name: 'EAN-13/UPC', gs1: true },
      gtin: '04006381333931',
      scanned: '4006381333931',
      format: 'EAN-13',
      upcE: null,
      addOn: null,
      summary: 'EAN-13 4006381333931',
    });
    expect(decode(']E04006381333932')).toMatchObject({ ok: false, error: 'decode.badCheckDigit' });
  });

  it(']E0 UPC-A sent as 12 digits is a GTIN-12', () => {
    expect(decode(']E0036000291452')).toMatchObject({ kind: 'gtin', gtin: '00036000291452', format: 'UPC-A' });
  });

  it(']E4 is EAN-8', () => {
    expect(decode(']E496385074')).toMatchObject({ kind: 'gtin', gtin: '00000096385074', format: 'EAN-8' });
    expect(decode(']E496385075')).toMatchObject({ ok: false, error: 'decode.badCheckDigit' });
    expect(decode(']E44006381333931')).toMatchObject({ ok: false, error: 'decode.badLength' });
  });

  it(']E3 splits the EAN-13 from its 2- or 5-digit add-on', () => {
    expect(decode(']E3400638133393112')).toMatchObject({ kind: 'gtin', scanned: '4006381333931', addOn: '12' });
    expect(decode(']E3400638133393151234')).toMatchObject({ kind: 'gtin', scanned: '4006381333931', addOn: '51234' });
  });

  it('EAN/UPC data that is not digits, or of no EAN length, is refused', () => {
    expect(decode(']E0400638133393A')).toMatchObject({ ok: false, error: 'decode.badCharacter' });
    expect(decode(']E040063813339')).toMatchObject({ ok: false, error: 'decode.badLength' });
  });

  it(']I1 with 14 digits is an ITF-14 case code: a GTIN-14', () => {
    expect(decode(`]I1${GTIN}`)).toMatchObject({ kind: 'gtin', gtin: GTIN, format: 'GTIN-14' });
    expect(decode(']I109521234543214')).toMatchObject({ ok: false, error: 'decode.badCheckDigit' });
    expect(decode(']I1123456')).toMatchObject({ kind: 'text', text: '123456' });
  });

  it('an identifier with nothing after it is an empty scan, with its symbology', () => {
    expect(decode(']C1')).toMatchObject({ ok: false, error: 'decode.empty', symbology: { id: ']C1' } });
  });
});

describe('FNC1 and its substitutes', () => {
  const expected = [
    { ai: '01', value: GTIN },
    { ai: '10', value: 'L1' },
    { ai: '17', value: '261231' },
  ];

  it.each([
    ['GS (0x1D), also what a wedge scanner types for Ctrl+]', GS],
    ['<GS>', '<GS>'],
    ['{GS}', '{GS}'],
    ['^]', '^]'],
  ])('%s separates a variable-length field', (_name, sep) => {
    expect(gs1(`]C101${GTIN}10L1${sep}17261231`).elements).toEqual(expected);
  });

  it.each([
    ['GS', GS],
    ['<GS>', '<GS>'],
    ['{GS}', '{GS}'],
    ['^]', '^]'],
  ])('a leading %s marks GS1 data when the scanner sends no identifier', (_name, sep) => {
    const r = gs1(`${sep}01${GTIN}10L1${sep}17261231`);
    expect(r.symbology).toBeNull();
    expect(r.elements).toEqual(expected);
  });

  it('a leading GS after ]C1, a trailing GS and a doubled GS are tolerated', () => {
    expect(gs1(`]C1${GS}01${GTIN}10L1${GS}${GS}17261231${GS}`).elements).toEqual(expected);
  });

  it('a GS after a fixed-length field that needs none is skipped', () => {
    expect(gs1(`]C101${GTIN}${GS}17261231${GS}10L1`).lot).toBe('L1');
  });

  it('the terminators a wedge leaves on (CR, LF, Tab) are not data', () => {
    expect(gs1(`]C101${GTIN}10L1\r\n`).lot).toBe('L1');
    expect(decode('4006381333931\t')).toMatchObject({ kind: 'gtin', scanned: '4006381333931' });
  });
});

describe('strings that merely look like GS1', () => {
  it('a lot "10D9T" scanned as plain Code 128 stays text', () => {
    expect(decode(']C010D9T')).toMatchObject({ kind: 'text', text: '10D9T', gs1Like: false });
  });

  it('a lot "10D9T" with no identifier stays text', () => {
    expect(decode('10D9T')).toMatchObject({ kind: 'text', text: '10D9T', symbology: null });
  });

  it('the same characters after FNC1 are AI (10) with lot D9T', () => {
    expect(gs1(`${GS}10D9T`)).toMatchObject({ lot: 'D9T', gtin: null });
  });

  it('GS1 data from a scanner that sends neither identifier nor GS stays text, flagged gs1Like', () => {
    expect(decode(`01${GTIN}10ABC`)).toMatchObject({ kind: 'text', text: `01${GTIN}10ABC`, gs1Like: true });
    expect(decode(`]C001${GTIN}`)).toMatchObject({ kind: 'text', gs1Like: true });
    // A bad check digit is not "GS1-like": it is just digits.
    expect(decode('0109521234543214')).toMatchObject({ kind: 'text', gs1Like: false });
  });

  it('digits of no GTIN length without an identifier are text', () => {
    for (const digits of ['1234567', '123456789', '12345678901', '123456789012345', '0001']) {
      expect(decode(digits)).toMatchObject({ kind: 'text', text: digits });
    }
  });
});

describe('variable-length fields with and without GS', () => {
  it('a variable field that ends the data needs no GS', () => {
    expect(gs1(`]C101${GTIN}17261231${'10'}ABC123`)).toMatchObject({ lot: 'ABC123', expiry: '2026-12-31' });
  });

  it('a variable field before another field ends at the GS', () => {
    expect(gs1(`]C101${GTIN}10ABC123${GS}17261231`)).toMatchObject({ lot: 'ABC123', expiry: '2026-12-31' });
  });

  it('without the GS, a following AI is read as part of the lot (the documented hazard of GS-dropping scanners)', () => {
    const r = gs1(`]C101${GTIN}10ABC123${'17'}261231`);
    expect(r.lot).toBe('ABC12317261231');
    expect(r.expiry).toBeNull();
  });

  it('without the GS, a lot run-on past 20 characters is refused as decode.badLength', () => {
    const r = decode(`]C101${GTIN}10ABCDEFGH123${'21'}SERIAL0001`);
    expect(r).toMatchObject({ ok: false, error: 'decode.badLength', ai: '10', summary: `(01)${GTIN}` });
    expect(r.ok === false && r.detail).toMatch(/GS separator missing/);
  });

  it('an empty variable field before a GS is decode.badLength, at the end decode.truncated', () => {
    expect(decode(`]C101${GTIN}10${GS}17261231`)).toMatchObject({ ok: false, error: 'decode.badLength', ai: '10' });
    expect(decode(`]C101${GTIN}10`)).toMatchObject({ ok: false, error: 'decode.truncated', ai: '10' });
  });

  it('a fixed-length field cut short by a GS is decode.badLength', () => {
    expect(decode(`]C11726${GS}10L1`)).toMatchObject({ ok: false, error: 'decode.badLength', ai: '17' });
  });

  it('characters outside GS1 CSET 82 are decode.badCharacter', () => {
    expect(decode(`]C101${GTIN}10AB C`)).toMatchObject({ ok: false, error: 'decode.badCharacter', ai: '10' });
    expect(decode(`]C101${GTIN}10批号`)).toMatchObject({ ok: false, error: 'decode.badCharacter', ai: '10' });
    expect(decode(`]C10109521234A43213`)).toMatchObject({ ok: false, error: 'decode.badCharacter', ai: '01' });
  });
});

describe('the AI families a warehouse meets', () => {
  it('(00) SSCC with its check digit', () => {
    expect(gs1(`]C100${SSCC}`)).toMatchObject({ sscc: SSCC, gtin: null, summary: `(00)${SSCC}` });
    expect(decode(']C100106141411234567898')).toMatchObject({ ok: false, error: 'decode.badCheckDigit', ai: '00' });
  });

  it('(01) GTIN of the item', () => {
    expect(gs1(`]C101${GTIN}`)).toMatchObject({ gtin: GTIN, gtinAi: '01' });
  });

  it('(00)(02)(37) pallet: SSCC, GTIN of the content and the count of trade items', () => {
    expect(gs1(`]C100${SSCC}02${GTIN}37120`)).toMatchObject({ sscc: SSCC, gtin: GTIN, gtinAi: '02', count: 120 });
    expect(decode(`]C102${GTIN.slice(0, -1)}4`)).toMatchObject({ ok: false, error: 'decode.badCheckDigit', ai: '02' });
  });

  it('(30) variable count when there is no (37)', () => {
    expect(gs1(`]C101${GTIN}3012`)).toMatchObject({ count: 12 });
    expect(gs1(`]C100${SSCC}02${GTIN}37${'48'}${GS}3012`)).toMatchObject({ count: 48 });
  });

  it('(37) longer than 8 digits is decode.badLength', () => {
    expect(decode(`]C102${GTIN}37123456789`)).toMatchObject({ ok: false, error: 'decode.badLength', ai: '37' });
  });

  it('(10) batch/lot and (21) serial', () => {
    expect(gs1(`]C101${GTIN}21SN-0001${GS}10B/2026.1`)).toMatchObject({ serial: 'SN-0001', lot: 'B/2026.1' });
  });

  it('(11)(13)(15)(17) dates, YYMMDD', () => {
    const r = gs1(`]C101${GTIN}11260102${'13'}260103${'15'}270630${'17'}271231`);
    expect(r.elements.map((e) => e.ai)).toEqual(['01', '11', '13', '15', '17']);
    expect(r).toMatchObject({ productionDate: '2026-01-02', bestBefore: '2027-06-30', expiry: '2027-12-31' });
  });

  it.each([
    ['3103', '001250', 'net weight 1.250 kg'],
    ['3300', '000450', 'gross weight 450 kg'],
    ['3922', '000995', 'price 9.95'],
    ['3650', '000012', 'volume 12 ft³'],
    ['3695', '123456', 'yd³, logistic, 5 decimals'],
  ])('measure (%s) keeps its value text %s (%s)', (ai, value) => {
    expect(gs1(`]C101${GTIN}${ai}${value}`).elements[1]).toEqual({ ai, value });
  });

  it('310x–369x measures with more than 5 decimals are not GS1 AIs', () => {
    expect(decode(`]C101${GTIN}3106001250`)).toMatchObject({ ok: false, error: 'decode.unknownAi', ai: '3106' });
  });

  it('(400) order number, (401) consignment, (403) routing code', () => {
    const r = gs1(`]C100${SSCC}400PO-4711${GS}401${'9521234ABC'}${GS}403ROUTE7`);
    expect(r.elements.slice(1)).toEqual([
      { ai: '400', value: 'PO-4711' },
      { ai: '401', value: '9521234ABC' },
      { ai: '403', value: 'ROUTE7' },
    ]);
  });

  it.each(['410', '411', '412', '413', '414'])('(%s) GLN with its check digit, no GS needed after it', (ai) => {
    expect(gs1(`]C100${SSCC}${ai}${GLN}400PO1`).elements[1]).toEqual({ ai, value: GLN });
    expect(decode(`]C1${ai}9520123456789`)).toMatchObject({ ok: false, error: 'decode.badCheckDigit', ai });
  });

  it('a fixed-length AI outside the predefined list (422 origin) is read by its length', () => {
    expect(gs1(`]C101${GTIN}422156${GS}10L7`).elements).toEqual([
      { ai: '01', value: GTIN },
      { ai: '422', value: '156' },
      { ai: '10', value: 'L7' },
    ]);
  });

  it('(90)–(99) company-internal fields are kept as they are', () => {
    expect(gs1(`]C101${GTIN}91BIN-A01${GS}99X`).elements.slice(1)).toEqual([
      { ai: '91', value: 'BIN-A01' },
      { ai: '99', value: 'X' },
    ]);
  });

  it.each([
    ['14', `]C114123456`, '14'],
    ['230 (no such 3-digit AI)', `]C1230ABC`, '230'],
    ['3170', `]C13170000001`, '3170'],
    ['letters where an AI belongs', `]C101${GTIN}AB12`, null],
  ])('an unknown AI %s is decode.unknownAi', (_name, raw, ai) => {
    expect(decode(raw)).toMatchObject({ ok: false, error: 'decode.unknownAi', ai });
  });
});

describe('dates', () => {
  it.each([
    ['260200', '2026-02-28'],
    ['280200', '2028-02-29'],
    ['261100', '2026-11-30'],
    ['261200', '2026-12-31'],
  ])('day 00 means the last day of the month: (17)%s is %s', (yymmdd, iso) => {
    expect(gs1(`]C101${GTIN}17${yymmdd}`).expiry).toBe(iso);
  });

  it('day 00 is allowed in production and best-before dates too', () => {
    expect(gs1(`]C101${GTIN}11260400${'15'}270900`)).toMatchObject({
      productionDate: '2026-04-30',
      bestBefore: '2027-09-30',
    });
  });

  it.each([
    ['261301', 'month 13'],
    ['260001', 'month 00'],
    ['260230', '30 February'],
    ['270229', '29 February in a common year'],
    ['260431', '31 April'],
    ['260132', 'day 32'],
  ])('(17)%s (%s) is decode.badDate', (yymmdd) => {
    expect(decode(`]C101${GTIN}17${yymmdd}`)).toMatchObject({
      ok: false,
      error: 'decode.badDate',
      ai: '17',
      summary: `(01)${GTIN}`,
    });
  });

  it('the century follows the GS1 rule: up to 50 years ahead, else the past', () => {
    // Today is 2026: 76 → 2076 (50 ahead), 77 → 1977 (49 back).
    expect(gs1(`]C101${GTIN}17761231`).expiry).toBe('2076-12-31');
    expect(gs1(`]C101${GTIN}11770101`).productionDate).toBe('1977-01-01');
    // Near the turn of a century the next one is used.
    expect(decodeScan(`]C101${GTIN}17000229`, { today: new Date('2099-06-01T12:00:00') })).toMatchObject({
      ok: false,
      error: 'decode.badDate', // 2100 is no leap year
    });
    expect(decodeScan(`]C101${GTIN}17000229`, { today: new Date('2001-06-01T12:00:00') })).toMatchObject({
      expiry: '2000-02-29',
    });
  });
});

describe('truncated data', () => {
  it.each([
    ['a GTIN cut short', `]C101${GTIN.slice(0, 9)}`, '01'],
    ['an AI with no data', `]C101${GTIN}17`, '17'],
    ['a date cut short', `]C101${GTIN}172612`, '17'],
    ['half a 4-digit AI', `]C101${GTIN}31`, null],
    ['a lone digit', `]C10`, null],
  ])('%s is decode.truncated', (_name, raw, ai) => {
    expect(decode(raw)).toMatchObject({ ok: false, error: 'decode.truncated', ai });
  });
});

describe('text codes', () => {
  it.each(['A-01', 'A-01-03', 'RC-20261122-0001', 'CMD:UNDO', 'CMD:DONE', '仓位-东-01', 'http://intranet/doc/42'])(
    '%s passes as text',
    (code) => {
      expect(decode(code)).toMatchObject({ ok: true, kind: 'text', text: code, summary: code });
    },
  );

  it('a command barcode printed as QR keeps its symbology', () => {
    expect(decode(']Q1CMD:UNDO')).toMatchObject({ kind: 'text', text: 'CMD:UNDO', symbology: { id: ']Q1' } });
  });

  it('control characters in text show as <EOT>, \\xNN in the summary', () => {
    expect(decode('A\u0004B')).toMatchObject({ kind: 'text', text: 'A\u0004B', summary: 'A<EOT>B' });
    expect(decode('A\u0002B')).toMatchObject({ kind: 'text', text: 'A\u0002B', summary: 'A\\x02B' });
  });

  it.each(['', '\r\n', '   ', '\t'])('nothing but terminators or spaces (%j) is decode.empty', (raw) => {
    expect(decode(raw)).toEqual({
      ok: false,
      error: 'decode.empty',
      detail: 'nothing scanned',
      ai: null,
      symbology: null,
      summary: null,
    });
  });

  it('FNC1 followed by nothing is decode.empty', () => {
    expect(decode(`]C1${GS}`)).toMatchObject({ ok: false, error: 'decode.empty' });
  });
});

describe('the bracketed human-readable form', () => {
  it('"(01)…(10)…(17)…" as typed or mis-encoded in plain Code 128 is GS1 data', () => {
    const r = gs1(`(01)${GTIN}(10)ABC123 (17)260200`);
    expect(r).toMatchObject({ form: 'bracketed', gtin: GTIN, lot: 'ABC123', expiry: '2026-02-28' });
    expect(gs1(`]C0(01)${GTIN}`).symbology).toMatchObject({ id: ']C0' });
  });

  it('is checked like any GS1 data', () => {
    expect(decode('(01)09521234543214')).toMatchObject({ ok: false, error: 'decode.badCheckDigit' });
    expect(decode('(01)0952123454')).toMatchObject({ ok: false, error: 'decode.truncated' });
    expect(decode(`(01)${GTIN}(88)X`)).toMatchObject({ ok: false, error: 'decode.unknownAi', ai: '88' });
  });
});

describe('errors are values', () => {
  const prefixes = ['', ']C1', ']E0', ']d2', ']Q1', GS, 'https://id.gs1.org/01/', '(01)', `]C101${GTIN}`];
  it('decodeScan never throws, whatever arrives', () => {
    fc.assert(
      fc.property(fc.constantFrom(...prefixes), fc.string({ unit: 'binary', maxLength: 60 }), (prefix, tail) => {
        const r = decode(prefix + tail);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.error).toMatch(/^decode\./);
      }),
      { numRuns: 3000 },
    );
  });

  it('any well-formed element string of GTIN, dates, lot and serial decodes to its parts', () => {
    const lotChars = fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-./'.split(''));
    const lot = fc.array(lotChars, { minLength: 1, maxLength: 20 }).map((a) => a.join(''));
    const date = fc.date({ min: new Date('2000-01-01'), max: new Date('2070-12-31'), noInvalidDate: true });
    const body = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 13, maxLength: 13 }).map((d) => d.join(''));
    fc.assert(
      fc.property(body, date, lot, lot, (b, d, l, s) => {
        const gtin = withCheckDigit(b);
        const iso = d.toISOString().slice(0, 10);
        const yymmdd = iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
        const r = gs1(`]C101${gtin}17${yymmdd}10${l}${GS}21${s}`);
        expect(r).toMatchObject({ gtin, expiry: iso, lot: l, serial: s });
      }),
    );
  });
});

describe('printable', () => {
  it('names GS, CR, LF, Tab, EOT and RS, and shows other control characters as \\xNN', () => {
    expect(printable(`]C101${GTIN}10A${GS}17261231\r\n`)).toBe(`]C101${GTIN}10A<GS>17261231<CR><LF>`);
    expect(printable('a\tb\u0004\u001e\u007f\u0085')).toBe('a<TAB>b<EOT><RS>\\x7F\\x85');
  });

  it('doubles a backslash, so a logged raw value pasted into the simulator sends the same characters', () => {
    expect(printable('BIN\\A-01')).toBe('BIN\\\\A-01');
  });

  it('returns text without control characters unchanged', () => {
    expect(printable('仓务 A-01')).toBe('仓务 A-01');
  });

  it('its <GS> reads back as GS: a line from the scan log decodes like the scan', () => {
    const raw = `]C101${GTIN}10A${GS}17261231`;
    expect(decode(printable(raw))).toEqual(decode(raw));
  });
});
