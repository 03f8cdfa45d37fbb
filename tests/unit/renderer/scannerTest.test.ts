// The scanner test screen's pure parts: bytes shown and framed the way the core
// frames them, the wizard's terminator/prefix guess from one scan, and the
// settings form checked with scanner.save's rules.
import { describe, expect, it } from 'vitest';
import { requests } from '../../../shared/contract/requests';
import type { ScannerConfig } from '../../../shared/contract/scanning';
import { parseShownText, showText } from '../../../shared/barcode/controlText';
import {
  cutFrames,
  hexToBytes,
  proposeSettings,
  showBytes,
  type TimedByte,
} from '../../../renderer/pages/scannerTest/bytes';
import {
  emptyScannerForm,
  formFromConfig,
  validateScannerForm,
  withProposal,
} from '../../../renderer/pages/scannerTest/scannerForm';

const ascii = (s: string, gapMs = 1): TimedByte[] =>
  [...Buffer.from(s, 'latin1')].map((b, i) => ({ b, gapMs: i === 0 ? 500 : gapMs }));

describe('bytes as text', () => {
  it('reads the hex of a scanner.raw event', () => {
    expect(hexToBytes('5D 43 31 1D 0d')).toEqual([0x5d, 0x43, 0x31, 0x1d, 0x0d]);
  });

  it('shows control bytes as <CR>, <GS>, \\xNN and round-trips them', () => {
    const shown = showBytes([0x02, ...Buffer.from('01'), 0x1d, ...Buffer.from('10A\\'), 0x0d, 0x0a]);
    expect(shown).toBe('\\x0201<GS>10A\\\\<CR><LF>');
    expect(parseShownText(shown)).toBe('\u000201\u001d10A\\\r\n');
    expect(showText(parseShownText('<STX>'))).toBe('<STX>'); // unknown names stay text
  });

  it('keeps valid UTF-8 as text (a Chinese QR code)', () => {
    expect(showBytes([...Buffer.from('仓务A1', 'utf8')])).toBe('仓务A1');
  });
});

describe('cutFrames', () => {
  const base = { idleMs: 50, prefix: '', suffix: '' };
  it('cuts at CR, LF, CR LF and Tab, leaving an unfinished tail', () => {
    expect(cutFrames(ascii('6901000000004\r69010'), { ...base, terminator: 'CR' })).toEqual([
      { bytes: [...Buffer.from('6901000000004')], text: '6901000000004', terminated: true },
      { bytes: [...Buffer.from('69010')], text: '69010', terminated: false },
    ]);
    expect(cutFrames(ascii('A\r\nB\r\n'), { ...base, terminator: 'CRLF' }).map((f) => f.text)).toEqual(['A', 'B']);
    expect(cutFrames(ascii('A\nB\n'), { ...base, terminator: 'LF' }).map((f) => f.text)).toEqual(['A', 'B']);
    expect(cutFrames(ascii('A\tB\t'), { ...base, terminator: 'TAB' }).map((f) => f.text)).toEqual(['A', 'B']);
  });

  it('a CR LF scanner set to CR gives no empty frame for the LF', () => {
    expect(cutFrames(ascii('A\r\nB\r\n'), { ...base, terminator: 'CR' }).map((f) => f.text)).toEqual(['A', 'B']);
  });

  it('cuts at pauses for terminator idle', () => {
    const stream = [...ascii('1234'), ...ascii('5678')]; // each ascii() starts with a 500 ms gap
    expect(cutFrames(stream, { ...base, terminator: 'idle' }).map((f) => [f.text, f.terminated])).toEqual([
      ['1234', true],
      ['5678', true],
    ]);
  });

  it('strips the configured prefix and suffix', () => {
    const frames = cutFrames(ascii('\u0002]E06901000000004#\r'), {
      ...base,
      terminator: 'CR',
      prefix: '\u0002',
      suffix: '#',
    });
    expect(frames.map((f) => f.text)).toEqual([']E06901000000004']);
  });
});

describe('the wizard', () => {
  it('finds CR and no prefix in a plain EAN-13 scan', () => {
    expect(proposeSettings(ascii('6901000000004\r'))).toMatchObject({
      terminator: 'CR',
      idleMs: null,
      prefix: '',
      suffix: '',
      data: '6901000000004',
      basis: 'digits',
    });
  });

  it('finds CR LF and a scanner-configured prefix before the AIM identifier', () => {
    expect(proposeSettings(ascii('\u0002D1]E06901000000004\r\n'))).toMatchObject({
      terminator: 'CRLF',
      prefix: '\u0002D1',
      aim: ']E0',
      data: ']E06901000000004',
      basis: 'aim',
    });
  });

  it('finds a prefix and a suffix around the digits when there is no AIM identifier', () => {
    expect(proposeSettings(ascii('SCN:6901000000004;\t'))).toMatchObject({
      terminator: 'TAB',
      prefix: 'SCN:',
      suffix: ';',
      data: '6901000000004',
    });
  });

  it('proposes a pause when the scanner sends no terminator, from the gaps inside the scan', () => {
    expect(proposeSettings(ascii('6901000000004', 2))).toMatchObject({ terminator: 'idle', idleMs: 50 });
    expect(proposeSettings(ascii('6901000000004', 40))).toMatchObject({ terminator: 'idle', idleMs: 120 });
  });

  it('keeps GS1-128 data whole after a ]C1 identifier', () => {
    const p = proposeSettings(ascii(']C1010690100000000410LOT7\u001d2112\r'));
    expect(p).toMatchObject({ terminator: 'CR', prefix: '', suffix: '', aim: ']C1' });
    expect(p.data).toBe(']C1010690100000000410LOT7\u001d2112');
  });
});

const config: ScannerConfig = {
  id: 7,
  name: 'Dock 1',
  station: 'S1',
  port: '/dev/ttyUSB0',
  usbVendorId: null,
  usbProductId: null,
  baudRate: 9600,
  dataBits: 8,
  parity: 'none',
  stopBits: 1,
  terminator: 'CR',
  idleMs: 50,
  prefix: '\u0002',
  suffix: '',
  enabled: true,
};

describe('the settings form', () => {
  const saveSchema = requests['scanner.save'].input;

  it('round-trips a config, control characters typed as \\x02', () => {
    const form = formFromConfig(config);
    expect(form.prefix).toBe('\\x02');
    const v = validateScannerForm(form);
    expect(v).toEqual({ ok: true, input: { ...config } });
    if (v.ok) expect(saveSchema.safeParse(v.input).success).toBe(true);
  });

  it('needs a port or both USB ids, like scanner.save', () => {
    const form = { ...emptyScannerForm('S1'), name: 'Dock 2' };
    expect(validateScannerForm(form)).toEqual({ ok: false, errors: { port: 'portOrUsbId' } });
    const byUsb = validateScannerForm({ ...form, usbVendorId: '05E0', usbProductId: '1200' });
    expect(byUsb.ok).toBe(true);
    if (byUsb.ok) {
      expect(byUsb.input).toMatchObject({ port: null, usbVendorId: '05e0', usbProductId: '1200' });
      expect(saveSchema.safeParse(byUsb.input).success).toBe(true);
    }
  });

  it('names each bad field', () => {
    const v = validateScannerForm({
      ...emptyScannerForm(''),
      port: '/dev/ttyS0',
      baudRate: '12',
      idleMs: '1',
      usbVendorId: 'xyz',
      prefix: 'x'.repeat(17),
    });
    expect(v).toEqual({
      ok: false,
      errors: {
        name: 'name',
        station: 'station',
        baudRate: 'baudRate',
        idleMs: 'idleMs',
        usbVendorId: 'usbId',
        prefix: 'affix',
      },
    });
  });

  it('applies the wizard proposal to a saved config', () => {
    const input = withProposal(config, { terminator: 'idle', idleMs: 80, prefix: '', suffix: '#' });
    expect(input).toMatchObject({
      id: 7,
      terminator: 'idle',
      idleMs: 80,
      prefix: '',
      suffix: '#',
      port: '/dev/ttyUSB0',
    });
    expect(saveSchema.safeParse(input).success).toBe(true);
  });
});
