// GS1 Digital Link URIs (a QR or DataMatrix holding a web address) decode to
// the same GS1 data as the element string, from any host and path prefix.
// Examples from the GS1 Digital Link standard and its published tools.
import { describe, expect, it } from 'vitest';
import { decodeScan } from '../../../shared/barcode/decode';

const today = new Date('2026-05-15T12:00:00');
const decode = (raw: string) => decodeScan(raw, { today });

describe('GS1 Digital Link URIs', () => {
  it('reads the primary key, its qualifiers from the path and data attributes from the query', () => {
    expect(decode('https://id.gs1.org/01/09506000134352/10/ABC?17=261231&linkType=gs1:pip')).toEqual({
      ok: true,
      kind: 'gs1',
      symbology: null,
      elements: [
        { ai: '01', value: '09506000134352' },
        { ai: '10', value: 'ABC' },
        { ai: '17', value: '261231' },
      ],
      gtin: '09506000134352',
      gtinAi: '01',
      sscc: null,
      lot: 'ABC',
      serial: null,
      expiry: '2026-12-31',
      bestBefore: null,
      productionDate: null,
      count: null,
      form: 'digitalLink',
      summary: '(01)09506000134352 (10)ABC (17)261231',
    });
  });

  it('takes any host and ignores a path of the brand’s own before the key', () => {
    expect(decode('https://brand.example.cn/products/drinks/01/09521234543213/21/12345')).toMatchObject({
      kind: 'gs1',
      gtin: '09521234543213',
      serial: '12345',
    });
  });

  it('pads a GTIN-13, -12 or -8 in the path to 14 digits', () => {
    expect(decode('https://id.gs1.org/01/9506000134352')).toMatchObject({ gtin: '09506000134352' });
    expect(decode('https://example.com/01/036000291452')).toMatchObject({ gtin: '00036000291452' });
    expect(decode('https://example.com/01/96385074')).toMatchObject({ gtin: '00000096385074' });
  });

  it('reads an SSCC and a GLN with its extension', () => {
    expect(decode('https://id.gs1.org/00/106141411234567897')).toMatchObject({ sscc: '106141411234567897' });
    expect(decode('https://id.gs1.org/414/9520123456788/254/32a%2Fb')).toMatchObject({
      elements: [
        { ai: '414', value: '9520123456788' },
        { ai: '254', value: '32a/b' },
      ],
    });
  });

  it('percent-decodes values', () => {
    expect(decode('https://id.gs1.org/01/09521234543213/22/ABC%2D123/10/L%2F7')).toMatchObject({
      elements: [
        { ai: '01', value: '09521234543213' },
        { ai: '22', value: 'ABC-123' },
        { ai: '10', value: 'L/7' },
      ],
    });
  });

  it('accepts an upper-case scheme and host (QR alphanumeric mode) and a trailing slash or fragment', () => {
    expect(decode('HTTPS://ID.GS1.ORG/01/09506000134352/')).toMatchObject({ gtin: '09506000134352' });
    expect(decode('https://id.gs1.org/01/09506000134352#top')).toMatchObject({ gtin: '09506000134352' });
  });

  it('understands Digital Link 1.0 short names', () => {
    expect(decode('https://example.com/gtin/09506000134352/lot/ABC?exp=261200')).toMatchObject({
      gtin: '09506000134352',
      lot: 'ABC',
      expiry: '2026-12-31',
    });
  });

  it('keeps the symbology it came in (a plain QR Code)', () => {
    expect(decode(']Q1https://id.gs1.org/01/09506000134352')).toMatchObject({
      kind: 'gs1',
      symbology: { id: ']Q1', gs1: false },
    });
  });

  it('checks values like any GS1 data', () => {
    expect(decode('https://id.gs1.org/01/09506000134353')).toMatchObject({ ok: false, error: 'decode.badCheckDigit' });
    expect(decode('https://id.gs1.org/01/09506000134352?17=261331')).toMatchObject({
      ok: false,
      error: 'decode.badDate',
      summary: '(01)09506000134352',
    });
    expect(decode('https://id.gs1.org/01/09506000134352?4711=1')).toMatchObject({
      ok: false,
      error: 'decode.unknownAi',
    });
    expect(decode('https://id.gs1.org/01/09506000134352/10/%E0%A4%A')).toMatchObject({
      ok: false,
      error: 'decode.badCharacter',
    });
  });

  it('a web address without a GS1 key passes as text', () => {
    for (const url of ['https://example.com/', 'https://example.com/shop/21/abc', 'http://intranet/doc/42']) {
      expect(decode(url)).toMatchObject({ ok: true, kind: 'text', text: url });
    }
  });
});
