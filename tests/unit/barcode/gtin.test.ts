// GTIN check digits and UPC-E, on published examples, and the two properties
// issue 4 asks for: any valid GTIN round-trips through decodeScan, and any
// single-digit change is caught as a bad check digit (never a wrong product).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeScan } from '../../../shared/barcode/decode';
import {
  expandUpcE,
  gs1CheckDigit,
  hasValidCheckDigit,
  isValidGtin,
  withCheckDigit,
} from '../../../shared/barcode/gtin';

const GS = '\u001d';

describe('GS1 check digits', () => {
  it.each([
    ['EAN-13', '4006381333931'],
    ['EAN-13 (GS1 China prefix)', '6901234567892'],
    ['UPC-A', '036000291452'],
    ['EAN-8', '96385074'],
    ['GTIN-14 (GS1 Digital Link example)', '09506000134352'],
    ['GTIN-14 (GS1 example company 952)', '09521234543213'],
    ['SSCC-18 (GS1 Digital Link example)', '106141411234567897'],
    ['GLN (GS1 Digital Link example)', '9520123456788'],
  ])('accepts the published %s %s and computes its check digit', (_name, code) => {
    expect(hasValidCheckDigit(code)).toBe(true);
    expect(withCheckDigit(code.slice(0, -1))).toBe(code);
    expect(gs1CheckDigit(code.slice(0, -1))).toBe(Number(code.at(-1)));
  });

  it('checks a digit run in place, inside a longer string', () => {
    expect(hasValidCheckDigit('xx09521234543213yy', 2, 14)).toBe(true);
    expect(hasValidCheckDigit('xx09521234543214yy', 2, 14)).toBe(false);
  });

  it('isValidGtin accepts only 8, 12, 13 or 14 digits with the right check digit', () => {
    expect(isValidGtin('4006381333931')).toBe(true);
    expect(isValidGtin('4006381333932')).toBe(false);
    expect(isValidGtin('400638133393')).toBe(false);
    expect(isValidGtin('106141411234567897')).toBe(false);
  });
});

describe('UPC-E expansion to UPC-A', () => {
  it.each([
    // Published examples (ISO/IEC 15420 rules).
    ['04252614', '042100005264'],
    ['01234565', '012345000065'],
  ])('expands %s to %s', (upcE, upcA) => {
    expect(expandUpcE(upcE)).toBe(upcA);
    expect(hasValidCheckDigit(upcA)).toBe(true);
  });

  // The last of the six data digits says where the zeros go.
  it.each([
    ['0', '123450', '1200000345'],
    ['1', '123451', '1210000345'],
    ['2', '123452', '1220000345'],
    ['3', '123453', '1230000045'],
    ['4', '123454', '1234000005'],
    ['5', '123455', '1234500005'],
    ['9', '123459', '1234500009'],
  ])('with last digit %s: %s becomes manufacturer+item %s', (_last, six, body) => {
    const upcA = withCheckDigit(`0${body}`);
    const upcE = `0${six}${upcA.at(-1)}`;
    expect(expandUpcE(upcE)).toBe(upcA);
  });

  it('refuses what cannot be a UPC-E', () => {
    expect(expandUpcE('24252614')).toBeNull(); // number system 2
    expect(expandUpcE('0425261')).toBeNull();
    expect(expandUpcE('0425261X')).toBeNull();
  });
});

/** A valid GTIN of the given length. */
const gtinOf = (length: 8 | 12 | 13 | 14) =>
  fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: length - 1, maxLength: length - 1 })
    .map((ds) => withCheckDigit(ds.join('')));
const anyGtin = fc.oneof(gtinOf(8), gtinOf(12), gtinOf(13), gtinOf(14));

/** The GTIN with one digit replaced by a different one. */
const withOneDigitChanged = anyGtin.chain((gtin) =>
  fc.tuple(fc.integer({ min: 0, max: gtin.length - 1 }), fc.integer({ min: 1, max: 9 })).map(([at, delta]) => ({
    gtin,
    changed: gtin.slice(0, at) + String((Number(gtin[at]) + delta) % 10) + gtin.slice(at + 1),
  })),
);

describe('GTIN properties', () => {
  it('any valid GTIN-8/12/13/14 scanned without an identifier decodes to itself, zero-padded to 14', () => {
    fc.assert(
      fc.property(anyGtin, (gtin) => {
        const r = decodeScan(gtin);
        expect(r).toMatchObject({ ok: true, kind: 'gtin', gtin: gtin.padStart(14, '0'), scanned: gtin });
      }),
      { numRuns: 2000 },
    );
  });

  it('any valid GTIN-14 round-trips through GS1-128 AI (01) and through a Digital Link', () => {
    fc.assert(
      fc.property(gtinOf(14), (gtin) => {
        expect(decodeScan(`]C101${gtin}`)).toMatchObject({ ok: true, kind: 'gs1', gtin });
        expect(decodeScan(`https://id.gs1.org/01/${gtin}`)).toMatchObject({ ok: true, kind: 'gs1', gtin });
      }),
    );
  });

  it('any single-digit change of a valid GTIN is caught as decode.badCheckDigit', () => {
    fc.assert(
      fc.property(withOneDigitChanged, ({ changed }) => {
        expect(decodeScan(changed)).toMatchObject({ ok: false, error: 'decode.badCheckDigit' });
      }),
      { numRuns: 2000 },
    );
  });

  it('a single-digit change is caught inside GS1 data and under ]E0 as well', () => {
    fc.assert(
      fc.property(withOneDigitChanged, ({ gtin, changed }) => {
        expect(decodeScan(`]C101${changed.padStart(14, '0')}${GS}10LOT1`)).toMatchObject({
          ok: false,
          error: 'decode.badCheckDigit',
          ai: '01',
        });
        if (gtin.length === 13)
          expect(decodeScan(`]E0${changed}`)).toMatchObject({ ok: false, error: 'decode.badCheckDigit' });
      }),
    );
  });
});
