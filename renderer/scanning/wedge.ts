// Keyboard-wedge scanners (USB scanners in keyboard mode, the most common kind)
// type a barcode as keystrokes followed by Enter or Tab. The renderer tells a
// scan from a person by timing alone, takes the scan out of whatever field had
// the focus, and hands it to the same pipeline serial scans take (issue 4).
//
// Why the defaults are N = 4 characters and T = 30 ms between keys:
// - Wedge scanners emit a character every 2–10 ms (measured on common USB
//   HID scanners at their default "fast" keystroke rate; the slowest setting of
//   most models is ~20 ms). Enter/Tab follows the last character just as fast.
// - People, even fast typists, leave 40–60 ms or more between keys; rollover
//   of two keys can drop one gap under 30 ms, but not three or four in a row
//   followed by an Enter that is also under 30 ms. Key auto-repeat runs at
//   ~33 ms and is flagged by `event.repeat` anyway.
// - The shortest codes a warehouse scans are 8 (EAN-8) or a short bin label
//   ("A-01"); 4 characters keeps those in while a typed "12⏎" stays typing.
// T = 30 ms leaves 3× headroom over a scanner's usual rate for a busy machine
// (a burst of React renders can delay a keydown by a few ms) and is still half
// the gap of fast human typing. Both are per-machine settings (localStorage):
// a scanner set to a slow keystroke rate needs a larger T.
//
// Keyboard-layout hazards:
// - A wedge scanner does not send characters, it sends key positions for the
//   layout *it* is set to (usually US). On an AZERTY (French/Belgian) machine
//   the digit row needs Shift, so a US-set scanner types "&é"(-è_çà" for
//   "1234567890"; on a German QWERTZ machine Y and Z swap and "-", "/", "]"
//   sit elsewhere. The scanner must be programmed to the OS layout (or to
//   "alt+numpad" / "emulate keypad" mode). We read `event.key` (the character
//   the OS produced) and never `event.code` (the physical position), so a
//   correctly set scanner works on any layout; a wrongly set one shows the
//   wrong characters in the scan log instead of silently matching nothing.
// - Dead keys (^ ` ´ ¨ on many European layouts) produce key 'Dead' and
//   combine with the next key; a burst that meets one is abandoned.
// - AltGr (German "@", "]", "{") arrives as Ctrl+Alt on Windows; a character
//   typed with AltGr is a character, not a shortcut.
// - GS (FNC1 separator in GS1-128/DataMatrix) has no key: scanners send it as
//   Ctrl+] (key ']' or, on layouts where ']' is elsewhere, code 'BracketRight',
//   the one place we look at `event.code`) or drop it. Both are handled: Ctrl+]
//   becomes \u001d, and the decoder copes with fixed-length AIs without GS.
// - An IME (Chinese input) in composition mode eats the keys (key 'Process');
//   the station screen's inputs are plain ASCII, so keepers should scan with
//   the IME in English mode. A composing burst is never taken for a scan.

/** Per-machine settings, kept in localStorage. */
export type WedgeSettings = {
  enabled: boolean;
  /** N: the fewest characters (before Enter/Tab) a scan can have. */
  minChars: number;
  /** T: the most milliseconds between two keys of a scan, the terminator included. */
  maxGapMs: number;
};

export const defaultWedgeSettings: WedgeSettings = { enabled: true, minChars: 4, maxGapMs: 30 };
export const wedgeLimits = { minChars: [2, 64], maxGapMs: [5, 200] } as const;

/** The longest scan the contract accepts (scanner.submit raw). */
const maxScanChars = 4000;

export const GS = '\u001d';

/** What the detector needs of a keydown (a KeyboardEvent fits). */
export type WedgeKey = {
  key: string;
  code?: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
  repeat?: boolean;
  isComposing?: boolean;
  /** AltGr held (KeyboardEvent.getModifierState('AltGraph')). */
  altGraph?: boolean;
  /** Milliseconds on any monotonic clock (KeyboardEvent.timeStamp). */
  time: number;
};

export type BurstInfo = { raw: string; gapsMs: number[] };

export type WedgeDecision =
  /** Not part of a scan: let the key do what it does. */
  | { kind: 'pass'; ended?: BurstInfo & { why: 'tooShort' | 'tooSlow' } }
  /** A character that may belong to a scan: it types as usual for now; `startsBurst` = the first one. */
  | { kind: 'char'; startsBurst: boolean }
  /** Enter/Tab ending a scan: swallow it, take back what the burst typed, submit `raw`. */
  | ({ kind: 'scan'; terminator: 'Enter' | 'Tab' } & BurstInfo);

const modifierKeys = new Set([
  'Shift',
  'Control',
  'Alt',
  'AltGraph',
  'Meta',
  'OS',
  'CapsLock',
  'NumLock',
  'ScrollLock',
  'Fn',
  'FnLock',
  'Hyper',
  'Super',
  'Symbol',
  'SymbolLock',
]);

/** One character, counted in code points (an emoji is one). */
const isSingleChar = (key: string) => key.length > 0 && [...key].length === 1;

/** Ctrl+]: the only way a keyboard can send GS. */
function isGroupSeparator(k: WedgeKey): boolean {
  if (!k.ctrlKey || k.metaKey || k.altGraph) return false;
  return k.key === ']' || k.key === GS || k.code === 'BracketRight';
}

/** Ctrl+Alt on Windows is how AltGr arrives; the key is then a typed character. */
const isAltGr = (k: WedgeKey) => k.altGraph === true || (k.ctrlKey === true && k.altKey === true && !k.metaKey);

/**
 * The timing state machine, pure: feed it every keydown in order, act on the
 * decision. It never looks at the DOM, so it is tested with synthetic keys.
 */
export class WedgeDetector {
  private chars: string[] = [];
  private gaps: number[] = [];
  private last = 0;

  constructor(private settings: () => WedgeSettings) {}

  /** Characters of the burst in progress (for tests and the scanner test screen). */
  get pending(): string {
    return this.chars.join('');
  }

  reset(): void {
    this.chars = [];
    this.gaps = [];
  }

  feed(k: WedgeKey): WedgeDecision {
    const s = this.settings();
    if (!s.enabled || k.isComposing || k.key === 'Process' || k.key === 'Unidentified' || k.key === '') {
      this.reset();
      return { kind: 'pass' };
    }
    // Shift for capitals, Ctrl before ']': part of the next key, not a key of their own.
    if (modifierKeys.has(k.key)) return { kind: 'pass' };

    if (isGroupSeparator(k)) return this.addChar(GS, k.time, s);

    if ((k.key === 'Enter' || k.key === 'Tab') && !k.ctrlKey && !k.altKey && !k.metaKey && !k.shiftKey) {
      return this.terminate(k.key, k.time, s);
    }

    if (isSingleChar(k.key) && !k.repeat && (isAltGr(k) || (!k.ctrlKey && !k.altKey && !k.metaKey))) {
      return this.addChar(k.key, k.time, s);
    }

    // Backspace, arrows, Escape, F-keys, Dead, shortcuts, auto-repeat: a person is at the keyboard.
    this.reset();
    return { kind: 'pass' };
  }

  private addChar(c: string, time: number, s: WedgeSettings): WedgeDecision {
    const gap = time - this.last;
    this.last = time;
    if (this.chars.length === 0 || gap > s.maxGapMs || gap < 0 || this.chars.length >= maxScanChars) {
      this.chars = [c];
      this.gaps = [];
      return { kind: 'char', startsBurst: true };
    }
    this.chars.push(c);
    this.gaps.push(gap);
    return { kind: 'char', startsBurst: false };
  }

  private terminate(terminator: 'Enter' | 'Tab', time: number, s: WedgeSettings): WedgeDecision {
    const raw = this.chars.join('');
    const gap = time - this.last;
    const gapsMs = [...this.gaps, gap];
    const had = this.chars.length;
    this.reset();
    if (had === 0) return { kind: 'pass' };
    // The terminator must follow as fast as the characters did: "1234", a pause, Enter is typing.
    if (gap > s.maxGapMs || gap < 0) return { kind: 'pass', ended: { raw, gapsMs, why: 'tooSlow' } };
    if ([...raw].length < s.minChars) return { kind: 'pass', ended: { raw, gapsMs, why: 'tooShort' } };
    return { kind: 'scan', terminator, raw, gapsMs };
  }
}

// ---------------------------------------------------------------------------
// Settings store (localStorage, per machine: the scanner is plugged in here).

const settingsKey = 'cangwu.wedge';

const clamp = (n: number, [lo, hi]: readonly [number, number]) => Math.min(hi, Math.max(lo, Math.round(n)));

/** Any stored value made safe: unknown fields dropped, numbers clamped to the limits. */
export function normalizeWedgeSettings(v: unknown): WedgeSettings {
  const o = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  const num = (x: unknown, d: number) => (typeof x === 'number' && Number.isFinite(x) ? x : d);
  return {
    enabled: typeof o.enabled === 'boolean' ? o.enabled : defaultWedgeSettings.enabled,
    minChars: clamp(num(o.minChars, defaultWedgeSettings.minChars), wedgeLimits.minChars),
    maxGapMs: clamp(num(o.maxGapMs, defaultWedgeSettings.maxGapMs), wedgeLimits.maxGapMs),
  };
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

let cached: WedgeSettings | null = null;
const settingsListeners = new Set<() => void>();

export const wedgeSettings = {
  get(): WedgeSettings {
    if (cached) return cached;
    let parsed: unknown = null;
    try {
      const text = storage()?.getItem(settingsKey);
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    cached = normalizeWedgeSettings(parsed);
    return cached;
  },
  set(next: Partial<WedgeSettings>): WedgeSettings {
    cached = normalizeWedgeSettings({ ...wedgeSettings.get(), ...next });
    try {
      storage()?.setItem(settingsKey, JSON.stringify(cached));
    } catch {
      // storage full or disabled: the setting lasts for this page only
    }
    for (const l of settingsListeners) l();
    return cached;
  },
  subscribe(listener: () => void): () => void {
    settingsListeners.add(listener);
    return () => settingsListeners.delete(listener);
  },
};

// ---------------------------------------------------------------------------
// Installer: a capture-phase keydown listener on the window.

/**
 * Something that is not a form field but collects typed keys (the station
 * screen's quantity buffer): snapshot at the start of a burst, put back when
 * the burst turns out to be a scan.
 */
export type VirtualField = { snapshot(): unknown; restore(snapshot: unknown): void };

const virtualFields = new Set<VirtualField>();

export function registerVirtualField(field: VirtualField): () => void {
  virtualFields.add(field);
  return () => virtualFields.delete(field);
}

/** A form field keys type into: what must be put back after a scan. */
type FieldLike = {
  tagName: string;
  type?: string;
  value: string;
  readOnly?: boolean;
  disabled?: boolean;
  selectionStart?: number | null;
  selectionEnd?: number | null;
  setSelectionRange?(start: number, end: number): void;
  dispatchEvent(e: Event): boolean;
};

const textInputTypes = new Set(['', 'text', 'search', 'tel', 'url', 'email', 'password', 'number']);

/** Inputs, textareas and selects take typed characters; buttons, checkboxes and the page do not. */
export function asEditable(el: unknown): FieldLike | null {
  if (typeof el !== 'object' || el === null) return null;
  const f = el as Partial<FieldLike>;
  if (typeof f.tagName !== 'string' || typeof f.value !== 'string') return null;
  const tag = f.tagName.toUpperCase();
  if (f.disabled || f.readOnly) return null;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return f as FieldLike;
  if (tag === 'INPUT' && textInputTypes.has((f.type ?? '').toLowerCase())) return f as FieldLike;
  return null;
}

type FieldSnapshot = { value: string; start: number | null; end: number | null };

function readSelection(f: FieldLike): { start: number | null; end: number | null } {
  try {
    // Throws on input types without a selection (number, email).
    return { start: f.selectionStart ?? null, end: f.selectionEnd ?? null };
  } catch {
    return { start: null, end: null };
  }
}

/**
 * Puts a field's value back so that React sees it: the prototype's value
 * setter bypasses React's value tracker, and the input event makes the
 * controlled component's onChange run with the restored text.
 */
export function restoreField(f: FieldLike, snap: FieldSnapshot, eventCtor: (type: string) => Event): void {
  if (f.value !== snap.value) {
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(f) as object, 'value')?.set;
    if (setter) setter.call(f, snap.value);
    else f.value = snap.value;
    f.dispatchEvent(eventCtor(f.tagName.toUpperCase() === 'SELECT' ? 'change' : 'input'));
  }
  if (snap.start !== null && snap.end !== null) {
    try {
      f.setSelectionRange?.(snap.start, snap.end);
    } catch {
      // no selection on this input type
    }
  }
}

export type WedgeScan = BurstInfo & { terminator: 'Enter' | 'Tab'; at: number };
export type WedgeObservation =
  ({ kind: 'scan' } & WedgeScan) | ({ kind: 'typed'; why: 'tooShort' | 'tooSlow' } & BurstInfo);

/** The minimal window the installer needs (tests pass a fake). */
export type WedgeHost = {
  addEventListener(type: 'keydown', l: (e: KeyboardEvent) => void, capture: boolean): void;
  removeEventListener(type: 'keydown', l: (e: KeyboardEvent) => void, capture: boolean): void;
  document: { activeElement: unknown };
};

export type WedgeOptions = {
  onScan(scan: WedgeScan): void;
  /** Every burst that ended in Enter/Tab, scan or not (the scanner test screen's timing readout). */
  onObserve?(o: WedgeObservation): void;
  settings?: () => WedgeSettings;
  /** Builds the event that tells React a restored field changed (default: a bubbling Event). */
  eventCtor?: (type: string) => Event;
};

const defaultEventCtor = (type: string) => new Event(type, { bubbles: true });

/** Installs the wedge on `host` (the window); returns the uninstaller. */
export function installWedge(host: WedgeHost, opts: WedgeOptions): () => void {
  const detector = new WedgeDetector(opts.settings ?? wedgeSettings.get);
  const eventCtor = opts.eventCtor ?? defaultEventCtor;
  let fields = new Map<FieldLike, FieldSnapshot>();
  let virtual: [VirtualField, unknown][] = [];

  const snapshotFocused = () => {
    const f = asEditable(host.document.activeElement);
    // Before the key's default action: the value without this key's character.
    if (f && !fields.has(f)) fields.set(f, { value: f.value, ...readSelection(f) });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const d = detector.feed({
      key: e.key,
      code: e.code,
      ctrlKey: e.ctrlKey,
      altKey: e.altKey,
      metaKey: e.metaKey,
      shiftKey: e.shiftKey,
      repeat: e.repeat,
      isComposing: e.isComposing,
      altGraph: typeof e.getModifierState === 'function' ? e.getModifierState('AltGraph') : false,
      time: e.timeStamp,
    });
    switch (d.kind) {
      case 'char':
        if (d.startsBurst) {
          fields = new Map();
          virtual = [...virtualFields].map((v) => [v, v.snapshot()]);
        }
        // The focus may move inside a burst (a grid starting an editor): keep each field's first value.
        snapshotFocused();
        return;
      case 'pass':
        if (d.ended) opts.onObserve?.({ kind: 'typed', why: d.ended.why, raw: d.ended.raw, gapsMs: d.ended.gapsMs });
        return;
      case 'scan': {
        // Neither the field nor the page sees the terminator: no form submits, the focus stays.
        e.preventDefault();
        e.stopImmediatePropagation();
        for (const [f, snap] of fields) restoreField(f, snap, eventCtor);
        for (const [v, snap] of virtual) v.restore(snap);
        fields = new Map();
        virtual = [];
        const scan: WedgeScan = { raw: d.raw, gapsMs: d.gapsMs, terminator: d.terminator, at: Date.now() };
        opts.onObserve?.({ kind: 'scan', ...scan });
        opts.onScan(scan);
        return;
      }
    }
  };

  host.addEventListener('keydown', onKeyDown, true);
  return () => host.removeEventListener('keydown', onKeyDown, true);
}

// ---------------------------------------------------------------------------
// What the wedge saw, for the scanner test screen (outside React, like toasts).

let lastObservation: WedgeObservation | null = null;
const observationListeners = new Set<() => void>();

export const wedgeObservations = {
  get: (): WedgeObservation | null => lastObservation,
  push(o: WedgeObservation): void {
    lastObservation = o;
    for (const l of observationListeners) l();
  },
  subscribe(listener: () => void): () => void {
    observationListeners.add(listener);
    return () => observationListeners.delete(listener);
  },
};
