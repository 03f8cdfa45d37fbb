// Wire time (the benchmark's floor), the scan text notation shared by the log,
// `scanner listen` and the simulator, and the simulator's script format.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScanText, showBytes } from '../../../electron/core/scanner/serial/scanText';
import { parseScanScript, terminatorBytes } from '../../../electron/core/scanner/serial/simulator';
import { wireTimeMs } from '../../../electron/core/scanner/serial/wire';

describe('wireTimeMs', () => {
  it('counts start bit, data bits, parity and stop bits per character', () => {
    expect(wireTimeMs(1, 9600)).toBeCloseTo(10 / 9.6); // 8N1: 10 bits
    expect(wireTimeMs(20, 115200)).toBeCloseTo((20 * 10 * 1000) / 115200);
    expect(wireTimeMs(10, 9600, 7, 'even', 1)).toBeCloseTo((10 * 10 * 1000) / 9600); // 7E1: also 10 bits
    expect(wireTimeMs(10, 9600, 8, 'odd', 2)).toBeCloseTo((10 * 12 * 1000) / 9600);
    expect(wireTimeMs(0, 9600)).toBe(0);
    expect(() => wireTimeMs(1, 0)).toThrow(RangeError);
  });
});

describe('scan text', () => {
  it('shows control bytes by name or \\xNN, keeps UTF-8 text, and parses back to the same bytes', () => {
    const cases = [
      Buffer.from(']C10106901234567892\x1d10LOT\r', 'latin1'),
      Buffer.from([0x00, 0x41, 0xff, 0x5c]),
      Buffer.from('库位 A-01\t'),
      Buffer.from('[)>\x1e06\x1dP1\x1e\x04', 'latin1'),
    ];
    expect(cases.map(showBytes)).toEqual([
      ']C10106901234567892<GS>10LOT<CR>',
      '\\x00A\\xFF\\\\',
      '库位 A-01<TAB>',
      '[)><RS>06<GS>P1<RS><EOT>',
    ]);
    for (const bytes of cases) expect(parseScanText(showBytes(bytes)).equals(bytes)).toBe(true);
  });

  it('parses back to the same bytes, for any bytes', () => {
    // Bytes near the notation ("<GS>", "\\x1D", "\\"), UTF-8 text with controls and C1 controls, and anything.
    const piece = fc.oneof(
      fc
        .constantFrom('<GS>', '<EOT>', '<X>', '\\', '\\x1d', '\u001d', '\u0085', '\ufeff', '仓务')
        .map((s) => [...Buffer.from(s)]),
      fc.uint8Array({ maxLength: 8 }).map((a) => [...a]),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const bytes = Buffer.from(pieces.flat());
        expect(parseScanText(showBytes(bytes)).toString('hex')).toBe(bytes.toString('hex'));
      }),
      { numRuns: 2000 },
    );
  });

  it('shows a C1 control or a leading BOM byte by byte, since \\xNN reads back as one byte', () => {
    expect(showBytes(Buffer.from('A\u0085'))).toBe('A\\xC2\\x85');
    expect(showBytes(Buffer.from('\ufeffA'))).toBe('\ufeffA');
  });

  it('leaves unknown <…> and lone backslashes as typed', () => {
    expect(parseScanText('<ABC> <G> a\\b \\x1').toString('latin1')).toBe('<ABC> <G> a\\b \\x1');
    expect(parseScanText('A\\x1db').toString('latin1')).toBe('A\x1db');
  });
});

describe('simulator script', () => {
  it('one scan a line, optional "<ms>\\t" timing, comments and blank lines skipped', () => {
    expect(parseScanScript('# demo\n6901234567892\n\n250\tBIN-A-01\r\n0\t]C1011234<GS>10X\n')).toEqual([
      { delayMs: null, code: '6901234567892' },
      { delayMs: 250, code: 'BIN-A-01' },
      { delayMs: 0, code: ']C1011234<GS>10X' },
    ]);
  });

  it('terminator bytes', () => {
    expect(['CR', 'LF', 'CRLF', 'TAB', 'idle'].map((t) => terminatorBytes(t as 'CR').toString('hex'))).toEqual([
      '0d',
      '0a',
      '0d0a',
      '09',
      '',
    ]);
  });
});
