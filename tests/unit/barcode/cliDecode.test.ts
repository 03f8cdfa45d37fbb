// `cangwu decode "<raw>" [--json]`: escapes a shell user can type for GS, the
// JSON and readable outputs, and the exit code.
import { describe, expect, it } from 'vitest';
import { printable } from '../../../shared/barcode/decode';
import { runDecode, unescapeArgument } from '../../../electron/cli/decode';
import { decodeScan } from '../../../shared/barcode/decode';

const GS = '\u001d';

function run(raw: string, json: boolean) {
  let out = '';
  let err = '';
  const code = runDecode(raw, json, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('cangwu decode', () => {
  it.each([
    ['\\x1d', GS],
    ['\\x1D', GS],
    ['\\u001d', GS],
    ['<GS>', GS],
    ['\\r\\n\\t', '\r\n\t'],
    ['<CR><LF><TAB>', '\r\n\t'],
    ['<EOT><FS><RS>', '\x04\x1c\x1e'],
    ['\\\\x1d', '\\x1d'],
    ['<Gs> \\q \\x1', '<Gs> \\q \\x1'],
  ])('turns %s in the argument into the characters it stands for', (arg, expected) => {
    expect(unescapeArgument(arg)).toBe(expected);
  });

  it('reads back whatever the scan log shows for a raw scan', () => {
    const raw = ']C1\x1e\x04010952123454321310A\\B\x1d17261231\x1c';
    expect(unescapeArgument(printable(raw))).toBe(raw);
  });

  it('--json prints the DecodeResult on stdout and exits 0 when it decoded', () => {
    const { code, out, err } = run(']C10109521234543213\\x1d10ABC123<GS>17261231', true);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(JSON.parse(out)).toEqual(
      JSON.parse(JSON.stringify(decodeScan(`]C10109521234543213${GS}10ABC123${GS}17261231`))),
    );
  });

  it('prints a readable summary: each element with its title, then the fields', () => {
    const { out } = run(']C10109521234543213\\x1d10ABC123<GS>17260200\\x1d3103001250', false);
    expect(out).toContain('symbology  ]C1 GS1-128');
    expect(out).toMatch(/\(10\)\s+BATCH\/LOT\s+ABC123/);
    expect(out).toMatch(/\(3103\)\s+NET WEIGHT \(kg\)\s+001250 {2}= 1\.250/);
    expect(out).toContain('expiry     2026-02-28');
    expect(out).toContain('summary    (01)09521234543213 (10)ABC123 (17)260200 (3103)001250');
  });

  it('exits 1 for a decode error and says why on stderr', () => {
    const { code, out, err } = run(']C10109521234543214', false);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/^cangwu: decode\.badCheckDigit: /);
    const json = run('9521234543214', true);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, error: 'decode.badCheckDigit' });
  });

  it('shows GTINs and text, with the hint for GS1 data that arrived unmarked', () => {
    expect(run(']E004252614', false).out).toContain('scanned    042100005264 (UPC-E 04252614)');
    const text = run('0109521234543213', false);
    expect(text.code).toBe(0);
    expect(text.out).toContain('enable AIM identifiers');
  });
});
