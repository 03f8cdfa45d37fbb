// The framer on its own: bytes in any pieces → whole frames, faults for what is
// not a scan, and the idle terminator on a fake clock.
import { describe, expect, it } from 'vitest';
import {
  Framer,
  isBinary,
  type FramedBytes,
  type FramerOptions,
  type FramerTimers,
} from '../../../electron/core/scanner/serial/framer';

/** A clock the test moves by hand. */
function fakeTimers() {
  let now = 0;
  let next = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: FramerTimers = {
    set: (fn, ms) => {
      const id = next++;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clear: (id) => pending.delete(id as number),
  };
  return {
    timers,
    get now() {
      return now;
    },
    advance(ms: number) {
      now += ms;
      for (const [id, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at <= now && pending.delete(id)) t.fn();
      }
    },
    get armed() {
      return pending.size;
    },
  };
}

function framer(over: Partial<FramerOptions> = {}) {
  const out: FramedBytes[] = [];
  const clock = fakeTimers();
  const f = new Framer(
    { terminator: 'CR', idleMs: 30, prefix: '', suffix: '', maxFrameBytes: 512, timers: clock.timers, ...over },
    (frame) => out.push(frame),
  );
  const push = (text: string | Buffer, at = clock.now) =>
    f.push(typeof text === 'string' ? Buffer.from(text, 'latin1') : text, at);
  const texts = () =>
    out.map((o) => (o.fault ? `${o.fault}:${o.bytes.toString('latin1')}` : o.bytes.toString('latin1')));
  return { f, out, push, texts, clock };
}

describe('framer: line terminators', () => {
  it('CR: frames split across reads and several in one read', () => {
    const { push, texts } = framer();
    push('69012');
    push('34567892\rAB');
    push('C\rDEF\rGH');
    expect(texts()).toEqual(['6901234567892', 'ABC', 'DEF']);
  });

  it('CR: the LF of a CR LF is dropped, also when it comes in the next read', () => {
    const { push, texts } = framer({ terminator: 'CR' });
    push('A\r');
    push('\nB\r\nC\r');
    push('\n');
    expect(texts()).toEqual(['A', 'B', 'C']);
  });

  it('CRLF: a lone CR, then LF in the next read, makes one terminator and no empty frame', () => {
    const { push, texts } = framer({ terminator: 'CRLF' });
    push('ABC\r');
    expect(texts()).toEqual([]);
    push('\n');
    push('DEF\r\nGHI\r');
    push('\nJKL\n');
    expect(texts()).toEqual(['ABC', 'DEF', 'GHI', 'JKL']);
  });

  it('LF: a CR before the LF is not part of the scan', () => {
    const { push, texts } = framer({ terminator: 'LF' });
    push('ABC\nDEF\r');
    push('\n');
    expect(texts()).toEqual(['ABC', 'DEF']);
  });

  it('TAB ends a frame; CR and LF inside it make it binary', () => {
    const { push, texts } = framer({ terminator: 'TAB' });
    push('ABC\tDE\rF\t');
    expect(texts()).toEqual(['ABC', 'frame.binary:DE\rF']);
  });

  it('terminators with nothing before them are not scans', () => {
    const { push, out } = framer({ terminator: 'CR' });
    push('\r\r\n\r');
    expect(out).toEqual([]);
  });

  it('lastByteAt is the clock reading of the read that completed the frame', () => {
    const { push, out } = framer();
    push('AB', 10);
    push('C\rD', 17);
    push('\r', 25);
    expect(out.map((o) => o.lastByteAt)).toEqual([17, 25]);
  });
});

describe('framer: prefix and suffix', () => {
  it('are stripped when present and left alone when absent', () => {
    const { push, texts } = framer({ prefix: '\x02', suffix: '\x03' });
    push('\x02ABC\x03\rDEF\r\x02GHI\r');
    expect(texts()).toEqual(['ABC', 'DEF', 'GHI']);
  });

  it('a frame that is only prefix and suffix is not a scan', () => {
    const { push, out } = framer({ prefix: 'S:', suffix: ';' });
    push('S:;\rS:X;\r');
    expect(out.map((o) => o.bytes.toString())).toEqual(['X']);
  });
});

describe('framer: faults', () => {
  it('binary bytes are a frame.binary fault and the next frame is fine', () => {
    const { push, out } = framer();
    push(Buffer.from([0x41, 0x00, 0xff, 0x0d]));
    push('OK\r');
    expect(out.map((o) => [o.fault, o.bytes.toString('hex')])).toEqual([
      ['frame.binary', '4100ff'],
      [null, '4f4b'],
    ]);
  });

  it('GS (FNC1), RS, EOT and FS are barcode data; UTF-8 text is not binary', () => {
    const { push, out } = framer();
    push(']C10106901234567892\x1d10LOT\r');
    push('[)>\x1e06\x1dP123\x1e\x04\r');
    push(Buffer.concat([Buffer.from('库位-A01'), Buffer.from('\r')]));
    expect(out.map((o) => o.fault)).toEqual([null, null, null]);
    expect(out[2]!.bytes.toString('utf8')).toBe('库位-A01');
  });

  it('an over-long frame is one frame.tooLong fault with the bytes kept; the rest up to the terminator is dropped', () => {
    const { push, out } = framer({ maxFrameBytes: 8 });
    push('0123456789AB');
    push('CDEF\rNEXT\r');
    expect(out.map((o) => [o.fault, o.bytes.toString()])).toEqual([
      ['frame.tooLong', '01234567'],
      [null, 'NEXT'],
    ]);
  });

  it('a frame of exactly the limit passes, in CR LF mode too', () => {
    const { push, texts } = framer({ terminator: 'CRLF', maxFrameBytes: 4 });
    push('ABCD\r');
    push('\nABCDE\r\nOK\r\n');
    expect(texts()).toEqual(['ABCD', 'frame.tooLong:ABCD', 'OK']);
  });

  it('close() reports an unfinished frame as frame.partialAtClose, once', () => {
    const { f, push, texts } = framer({ prefix: '\x02' });
    push('DONE\r\x02HALF');
    f.close();
    f.close();
    expect(texts()).toEqual(['DONE', 'frame.partialAtClose:HALF']);
    push('NEW\r');
    expect(texts().at(-1)).toBe('NEW');
  });

  it('close(false) drops an unfinished frame without reporting it', () => {
    const { f, push, out } = framer();
    push('HALF');
    expect(f.close(false)?.bytes.toString()).toBe('HALF');
    expect(out).toEqual([]);
  });

  it('random bytes in random pieces never throw, and a good frame after a terminator always comes out', () => {
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (const terminator of ['CR', 'LF', 'CRLF', 'TAB', 'idle'] as const) {
      const { f, push, out, clock } = framer({ terminator, maxFrameBytes: 64 });
      for (let i = 0; i < 300; i++) {
        push(Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 40) }, () => Math.floor(rand() * 256))));
        if (rand() < 0.2) clock.advance(50);
      }
      const end = { CR: '\r', LF: '\n', CRLF: '\r\n', TAB: '\t', idle: '' }[terminator];
      push(`${end}GOOD-1${end}`);
      clock.advance(50);
      if (terminator === 'idle') {
        push('GOOD-1');
        clock.advance(50);
      }
      expect(out.at(-1)).toMatchObject({ fault: null });
      expect(out.at(-1)!.bytes.toString()).toBe('GOOD-1');
      f.close();
    }
  });
});

describe('framer: idle terminator (fake clock)', () => {
  it('ends a frame after idleMs without a byte, not before', () => {
    const { push, texts, clock } = framer({ terminator: 'idle', idleMs: 30 });
    push('ABC', 0);
    clock.advance(20);
    push('DEF', 20);
    clock.advance(29);
    expect(texts()).toEqual([]);
    clock.advance(1);
    expect(texts()).toEqual(['ABCDEF']);
    push('GHI', 60);
    clock.advance(30);
    expect(texts()).toEqual(['ABCDEF', 'GHI']);
  });

  it('lastByteAt is the last read, not the moment the pause was noticed', () => {
    const { push, out, clock } = framer({ terminator: 'idle', idleMs: 30 });
    clock.advance(100);
    push('XYZ', 100);
    clock.advance(30);
    expect(out[0]!.lastByteAt).toBe(100);
  });

  it('an over-long idle frame is reported once and the next burst is a frame again', () => {
    const { push, texts, clock } = framer({ terminator: 'idle', idleMs: 30, maxFrameBytes: 4 });
    push('ABCDEFGH');
    push('IJ');
    clock.advance(30);
    push('OK');
    clock.advance(30);
    expect(texts()).toEqual(['frame.tooLong:ABCD', 'OK']);
  });

  it('close() cancels the idle timer and reports the unfinished frame', () => {
    const { f, push, texts, clock } = framer({ terminator: 'idle', idleMs: 30 });
    push('HALF');
    f.close();
    expect(clock.armed).toBe(0);
    clock.advance(100);
    expect(texts()).toEqual(['frame.partialAtClose:HALF']);
  });
});

describe('isBinary', () => {
  it('flags controls, DEL and invalid UTF-8; passes text, FNC1 and UTF-8', () => {
    expect(isBinary(Buffer.from('ABC 123-/.'))).toBe(false);
    expect(isBinary(Buffer.from('A\x1dB\x1eC\x04\x1c'))).toBe(false);
    expect(isBinary(Buffer.from('仓务'))).toBe(false);
    expect(isBinary(Buffer.from([0x41, 0x7f]))).toBe(true);
    expect(isBinary(Buffer.from([0x41, 0x0a]))).toBe(true);
    expect(isBinary(Buffer.from([0xc4, 0xe3]))).toBe(true); // "你" in GBK: not UTF-8
  });
});
