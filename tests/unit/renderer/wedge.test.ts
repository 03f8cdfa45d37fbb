// The keyboard wedge tells a scanner from a person by keystroke timing alone
// (renderer/scanning/wedge.ts). Synthetic key events with explicit times: a
// scanner types every few ms, a person every 40 ms or more.
import { describe, expect, it } from 'vitest';
import {
  GS,
  WedgeDetector,
  asEditable,
  defaultWedgeSettings,
  installWedge,
  normalizeWedgeSettings,
  registerVirtualField,
  type WedgeDecision,
  type WedgeHost,
  type WedgeKey,
  type WedgeScan,
  type WedgeSettings,
} from '../../../renderer/scanning/wedge';

const settings =
  (s: Partial<WedgeSettings> = {}) =>
  () => ({ ...defaultWedgeSettings, ...s });

/** Keys for `text` then a terminator, `gapMs` apart, starting at `t0`. */
function keys(text: string, gapMs: number, terminator: 'Enter' | 'Tab' | null = 'Enter', t0 = 1000): WedgeKey[] {
  const out: WedgeKey[] = [...text].map((c, i) =>
    c === GS ? { key: ']', ctrlKey: true, time: t0 + i * gapMs } : { key: c, time: t0 + i * gapMs },
  );
  if (terminator) out.push({ key: terminator, time: t0 + [...text].length * gapMs });
  return out;
}

function feedAll(d: WedgeDetector, ks: WedgeKey[]): WedgeDecision[] {
  return ks.map((k) => d.feed(k));
}

const scans = (ds: WedgeDecision[]) => ds.filter((d) => d.kind === 'scan');

describe('WedgeDetector', () => {
  it('catches an EAN-13 typed at scanner speed (5 ms a key) and ended by Enter', () => {
    const d = new WedgeDetector(settings());
    const out = feedAll(d, keys('6901000000004', 5));
    expect(out.slice(0, 13).every((x) => x.kind === 'char')).toBe(true);
    expect(out[0]).toEqual({ kind: 'char', startsBurst: true });
    expect(out[1]).toEqual({ kind: 'char', startsBurst: false });
    expect(out[13]).toEqual({ kind: 'scan', terminator: 'Enter', raw: '6901000000004', gapsMs: Array(13).fill(5) });
  });

  it('leaves the same characters alone at human speed (120 ms a key)', () => {
    const d = new WedgeDetector(settings());
    const out = feedAll(d, keys('6901000000004', 120));
    expect(scans(out)).toEqual([]);
    expect(out.at(-1)).toMatchObject({ kind: 'pass', ended: { why: 'tooSlow', raw: '4' } });
  });

  it('leaves fast typing alone at 40 ms a key, the fastest people manage', () => {
    const d = new WedgeDetector(settings());
    expect(scans(feedAll(d, keys('A-01-02', 40)))).toEqual([]);
  });

  it('turns Ctrl+] into GS inside a GS1-128 scan', () => {
    const d = new WedgeDetector(settings());
    const out = feedAll(d, keys(`]C1010690100000000410LOT7${GS}2112345`, 4));
    expect(scans(out)).toEqual([
      expect.objectContaining({ kind: 'scan', raw: `]C1010690100000000410LOT7${GS}2112345` }),
    ]);
  });

  it('takes GS from Ctrl + the BracketRight key whatever the layout prints on it', () => {
    const d = new WedgeDetector(settings());
    const ks: WedgeKey[] = [
      ...keys('10AB', 5, null),
      { key: '+', code: 'BracketRight', ctrlKey: true, time: 1020 },
      ...keys('2112', 5, 'Enter', 1025),
    ];
    expect(scans(feedAll(d, ks))).toEqual([expect.objectContaining({ raw: `10AB${GS}2112` })]);
  });

  it('ignores Shift (capitals) and Ctrl pressed on their own between characters', () => {
    const d = new WedgeDetector(settings());
    const ks: WedgeKey[] = [
      { key: 'Shift', time: 1000 },
      { key: 'A', shiftKey: true, time: 1002 },
      { key: 'Shift', time: 1004 },
      { key: '-', time: 1006 },
      { key: 'Control', time: 1008 },
      { key: '0', time: 1010 },
      { key: '1', time: 1014 },
      { key: 'Enter', time: 1018 },
    ];
    expect(scans(feedAll(d, ks))).toEqual([expect.objectContaining({ raw: 'A-01', gapsMs: [4, 4, 4, 4] })]);
  });

  it('accepts Tab as the terminator', () => {
    const d = new WedgeDetector(settings());
    expect(feedAll(d, keys('BIN-A-01', 6, 'Tab')).at(-1)).toMatchObject({
      kind: 'scan',
      terminator: 'Tab',
      raw: 'BIN-A-01',
    });
  });

  it('does not take Shift+Tab or Ctrl+Enter for a terminator', () => {
    const d = new WedgeDetector(settings());
    const ks = keys('12345678', 5, null);
    expect(scans(feedAll(d, [...ks, { key: 'Tab', shiftKey: true, time: 1040 }]))).toEqual([]);
    expect(
      scans(feedAll(d, [...keys('12345678', 5, null, 2000), { key: 'Enter', ctrlKey: true, time: 2040 }])),
    ).toEqual([]);
  });

  it('needs the terminator: a fast burst without Enter/Tab is typing', () => {
    const d = new WedgeDetector(settings());
    const out = feedAll(d, keys('6901000000004', 5, null));
    expect(scans(out)).toEqual([]);
    // …and a later, slow Enter does not turn it into a scan.
    expect(d.feed({ key: 'Enter', time: 2000 })).toMatchObject({ kind: 'pass', ended: { why: 'tooSlow' } });
  });

  describe('thresholds', () => {
    it('a gap of exactly T is still a scan; T + 1 ms is not', () => {
      expect(scans(feedAll(new WedgeDetector(settings({ maxGapMs: 30 })), keys('12345678', 30)))).toHaveLength(1);
      expect(scans(feedAll(new WedgeDetector(settings({ maxGapMs: 30 })), keys('12345678', 31)))).toHaveLength(0);
    });

    it('exactly N characters is a scan; N − 1 is not', () => {
      expect(scans(feedAll(new WedgeDetector(settings({ minChars: 4 })), keys('1234', 5)))).toHaveLength(1);
      const short = feedAll(new WedgeDetector(settings({ minChars: 4 })), keys('123', 5));
      expect(scans(short)).toHaveLength(0);
      expect(short.at(-1)).toMatchObject({ kind: 'pass', ended: { why: 'tooShort', raw: '123' } });
    });

    it('a slow Enter after fast characters is typing (the terminator gap counts)', () => {
      const ks = keys('12345678', 5, null);
      const out = feedAll(new WedgeDetector(settings()), [...ks, { key: 'Enter', time: 1000 + 8 * 5 + 31 }]);
      expect(scans(out)).toHaveLength(0);
    });

    it('one slow gap in the middle restarts the burst: only what follows it counts', () => {
      const d = new WedgeDetector(settings({ minChars: 4 }));
      // "12" typed by a person, then the scanner: "12" must not end up in the scan.
      const ks: WedgeKey[] = [
        { key: '1', time: 0 },
        { key: '2', time: 150 },
        ...keys('6901000000004', 5, 'Enter', 900),
      ];
      const out = feedAll(d, ks);
      expect(out[2]).toEqual({ kind: 'char', startsBurst: true });
      expect(scans(out)).toEqual([expect.objectContaining({ raw: '6901000000004' })]);
    });

    it('a slow gap leaving fewer than N fast characters is not a scan', () => {
      const ks: WedgeKey[] = [...keys('1234', 5, null), ...keys('56', 5, 'Enter', 2000)];
      expect(scans(feedAll(new WedgeDetector(settings()), ks))).toHaveLength(0);
    });

    it('a larger T catches a scanner set to a slow keystroke rate', () => {
      expect(scans(feedAll(new WedgeDetector(settings()), keys('6901000000004', 45)))).toHaveLength(0);
      expect(scans(feedAll(new WedgeDetector(settings({ maxGapMs: 60 })), keys('6901000000004', 45)))).toHaveLength(1);
    });

    it('does nothing when switched off', () => {
      expect(scans(feedAll(new WedgeDetector(settings({ enabled: false })), keys('6901000000004', 5)))).toHaveLength(0);
    });
  });

  it('a navigation key, a shortcut or auto-repeat breaks the burst', () => {
    for (const breaker of [
      { key: 'Backspace' },
      { key: 'ArrowLeft' },
      { key: 'c', ctrlKey: true },
      { key: '5', repeat: true },
      { key: 'Dead' },
      { key: 'Process' },
    ]) {
      const d = new WedgeDetector(settings());
      const ks = [...keys('1234', 5, null), { ...breaker, time: 1020 }, { key: 'Enter', time: 1025 }];
      expect(scans(feedAll(d, ks)), breaker.key).toHaveLength(0);
    }
  });

  it('counts an AltGr character (Ctrl+Alt on Windows) as a character, not a shortcut', () => {
    const d = new WedgeDetector(settings());
    const ks: WedgeKey[] = [
      ...keys('AB', 5, null),
      { key: '@', ctrlKey: true, altKey: true, time: 1010 },
      ...keys('CD', 5, 'Enter', 1015),
    ];
    expect(scans(feedAll(d, ks))).toEqual([expect.objectContaining({ raw: 'AB@CD' })]);
  });

  it('catches two scans back to back', () => {
    const d = new WedgeDetector(settings());
    const out = feedAll(d, [...keys('6901000000004', 5), ...keys('6901000079189', 5, 'Enter', 1200)]);
    expect(scans(out).map((s) => s.kind === 'scan' && s.raw)).toEqual(['6901000000004', '6901000079189']);
  });
});

describe('wedge settings', () => {
  it('clamps stored values and falls back to the defaults', () => {
    expect(normalizeWedgeSettings(null)).toEqual(defaultWedgeSettings);
    expect(normalizeWedgeSettings({ minChars: 1, maxGapMs: 10_000, enabled: false })).toEqual({
      enabled: false,
      minChars: 2,
      maxGapMs: 200,
    });
    expect(normalizeWedgeSettings({ minChars: 'x', maxGapMs: Number.NaN })).toEqual(defaultWedgeSettings);
  });
});

// ---------------------------------------------------------------------------
// The installer with a fake window and fake fields: what a user would notice is
// the field's value after the scan and whether Enter reached the page.

/** An input whose value lives behind a prototype accessor, like the DOM's. */
class FakeInput {
  tagName = 'INPUT';
  type = 'text';
  private v = '';
  events: string[] = [];
  selectionStart: number | null = 0;
  selectionEnd: number | null = 0;
  get value() {
    return this.v;
  }
  set value(x: string) {
    this.v = x;
    this.selectionStart = this.selectionEnd = x.length;
  }
  setSelectionRange(s: number, e: number) {
    this.selectionStart = s;
    this.selectionEnd = e;
  }
  dispatchEvent(e: Event) {
    this.events.push(e.type);
    return true;
  }
}

type FakeKeyEvent = WedgeKey & { prevented: boolean; stopped: boolean };

function fakeHost() {
  let listener: ((e: KeyboardEvent) => void) | null = null;
  const host: WedgeHost & { focus(el: unknown): void } = {
    document: { activeElement: null },
    addEventListener: (_t, l) => (listener = l),
    removeEventListener: () => (listener = null),
    focus(el) {
      host.document.activeElement = el;
    },
  };
  /** Dispatches a keydown; when not prevented, a character "types" into the focused field. */
  const press = (k: WedgeKey): FakeKeyEvent => {
    const ev: FakeKeyEvent = { ...k, prevented: false, stopped: false };
    const keyboardEvent = {
      ...k,
      timeStamp: k.time,
      getModifierState: () => false,
      preventDefault: () => (ev.prevented = true),
      stopImmediatePropagation: () => (ev.stopped = true),
    } as unknown as KeyboardEvent;
    listener?.(keyboardEvent);
    const el = host.document.activeElement;
    if (!ev.prevented && el instanceof FakeInput && k.key.length === 1 && !k.ctrlKey) el.value += k.key;
    return ev;
  };
  return { host, press, installed: () => listener !== null };
}

const eventCtor = (type: string) => ({ type }) as Event;

describe('installWedge', () => {
  it('takes a scanner-speed scan back out of the focused input and swallows Enter', () => {
    const { host, press } = fakeHost();
    const input = new FakeInput();
    input.value = 'ab';
    host.focus(input);
    const got: WedgeScan[] = [];
    installWedge(host, { onScan: (s) => got.push(s), settings: settings(), eventCtor });
    const evs = keys('6901000000004', 5).map(press);
    expect(got.map((s) => s.raw)).toEqual(['6901000000004']);
    expect(input.value).toBe('ab');
    expect(input.events).toEqual(['input']);
    const enter = evs.at(-1)!;
    expect(enter.prevented).toBe(true);
    expect(enter.stopped).toBe(true);
    // The characters themselves were not blocked (they might have been a person's).
    expect(evs.slice(0, -1).some((e) => e.prevented)).toBe(false);
  });

  it('leaves human-speed typing in the input and lets Enter through', () => {
    const { host, press } = fakeHost();
    const input = new FakeInput();
    host.focus(input);
    const got: WedgeScan[] = [];
    installWedge(host, { onScan: (s) => got.push(s), settings: settings(), eventCtor });
    const evs = keys('6901000000004', 120).map(press);
    expect(got).toEqual([]);
    expect(input.value).toBe('6901000000004');
    expect(evs.at(-1)!.prevented).toBe(false);
  });

  it('keeps what a person typed before the scanner burst', () => {
    const { host, press } = fakeHost();
    const input = new FakeInput();
    host.focus(input);
    installWedge(host, { onScan: () => {}, settings: settings(), eventCtor });
    [
      { key: 'x', time: 0 },
      { key: 'y', time: 200 },
    ].forEach(press);
    keys('6901000000004', 5, 'Enter', 1000).forEach(press);
    expect(input.value).toBe('xy');
  });

  it('puts a virtual field (the quantity buffer) back after a scan with no field focused', () => {
    const { host, press } = fakeHost();
    let buffer = '12';
    const off = registerVirtualField({ snapshot: () => buffer, restore: (s) => (buffer = s as string) });
    installWedge(host, { onScan: () => {}, settings: settings(), eventCtor });
    for (const k of keys('6901000000004', 5)) {
      const ev = press(k);
      // The page's own key handler: digits with no field focused go into the buffer.
      if (!ev.stopped && /^\d$/.test(k.key)) buffer += k.key;
    }
    off();
    expect(buffer).toBe('12');
  });

  it('treats buttons and checkboxes as no field: nothing to restore', () => {
    expect(asEditable({ tagName: 'BUTTON', value: '' })).toBeNull();
    expect(asEditable({ tagName: 'INPUT', type: 'checkbox', value: 'on' })).toBeNull();
    expect(asEditable({ tagName: 'INPUT', type: 'text', value: '', readOnly: true })).toBeNull();
    expect(asEditable({ tagName: 'TEXTAREA', value: '' })).not.toBeNull();
    expect(asEditable({ tagName: 'input', type: 'search', value: '' })).not.toBeNull();
  });

  it('uninstalls', () => {
    const { host, installed } = fakeHost();
    const off = installWedge(host, { onScan: () => {}, settings: settings(), eventCtor });
    expect(installed()).toBe(true);
    off();
    expect(installed()).toBe(false);
  });
});
