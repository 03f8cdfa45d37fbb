// The station screen's logic without a browser: its keys, the quantity key's
// buffer and when it reaches the core, and which sound each result plays.
import { describe, expect, it } from 'vitest';
import { scanOutcomes } from '../../../shared/contract/scanning';
import { createQtyKey } from '../../../renderer/scanning/qtyKey';
import { stationKeyAction } from '../../../renderer/pages/station/stationKeys';
import { outcomeTone } from '../../../renderer/scanning/scanText';

describe('station keys', () => {
  it('digits, Backspace and Escape drive the quantity key only when no field has the focus', () => {
    expect(stationKeyAction({ key: '7' }, false)).toEqual({ kind: 'digit', digit: '7' });
    expect(stationKeyAction({ key: '7' }, true)).toBeNull();
    expect(stationKeyAction({ key: 'Backspace' }, false)).toEqual({ kind: 'qtyBackspace' });
    expect(stationKeyAction({ key: 'Backspace' }, true)).toBeNull();
    expect(stationKeyAction({ key: 'Escape' }, false)).toEqual({ kind: 'qtyClear' });
  });

  it('letters do nothing (a wedge scanner types them too)', () => {
    for (const key of ['a', 'Z', 'L', ' ']) expect(stationKeyAction({ key }, false)).toBeNull();
  });

  it('Ctrl+Z undoes, but not while typing in a field or when held down', () => {
    expect(stationKeyAction({ key: 'z', ctrlKey: true }, false)).toEqual({ kind: 'undo' });
    expect(stationKeyAction({ key: 'z', ctrlKey: true }, true)).toBeNull();
    expect(stationKeyAction({ key: 'z', ctrlKey: true, repeat: true }, false)).toBeNull();
    expect(stationKeyAction({ key: '1', altKey: true }, false)).toBeNull(); // Alt+1 is the nav
  });

  it('F-keys work everywhere', () => {
    expect(stationKeyAction({ key: 'F2' }, true)).toEqual({ kind: 'task', task: 'lookup' });
    expect(stationKeyAction({ key: 'F3' }, false)).toEqual({ kind: 'task', task: 'receipt' });
    expect(stationKeyAction({ key: 'F4' }, false)).toEqual({ kind: 'focusManual' });
    expect(stationKeyAction({ key: 'F8' }, true)).toEqual({ kind: 'clearTask' });
  });
});

/** A fake clock for the quantity key's send delay. */
function fakeTimers() {
  let now = 0;
  const due = new Map<number, { at: number; fn: () => void }>();
  let id = 0;
  return {
    setTimer: (fn: () => void, ms: number) => {
      due.set(++id, { at: now + ms, fn });
      return id;
    },
    clearTimer: (h: unknown) => void due.delete(h as number),
    advance(ms: number) {
      now += ms;
      for (const [k, v] of [...due]) {
        if (v.at > now) continue;
        due.delete(k);
        v.fn();
      }
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the quantity key', () => {
  it('sends "12" once, shortly after the last digit, then shows the core\'s value', async () => {
    const timers = fakeTimers();
    const sent: (number | null)[] = [];
    const q = createQtyKey({ send: async (n) => void sent.push(n), delayMs: 300, ...timers });
    q.digit('1');
    timers.advance(100);
    q.digit('2');
    expect(q.get()).toBe('12');
    timers.advance(299);
    expect(sent).toEqual([]);
    timers.advance(1);
    await settle();
    expect(sent).toEqual([12]);
    expect(q.get()).toBeNull();
  });

  it('ignores a leading zero and stops at six digits', () => {
    const q = createQtyKey({ send: async () => {}, ...fakeTimers() });
    q.digit('0');
    expect(q.get()).toBeNull();
    for (const d of '12345678') q.digit(d);
    expect(q.get()).toBe('123456');
  });

  it('flush sends at once (before a scan is submitted); Escape sends "no quantity"', async () => {
    const timers = fakeTimers();
    const sent: (number | null)[] = [];
    const q = createQtyKey({ send: async (n) => void sent.push(n), ...timers });
    q.digit('5');
    await q.flush();
    expect(sent).toEqual([5]);
    q.clear();
    await settle();
    expect(sent).toEqual([5, null]);
  });

  it('puts back its digits when a wedge scan typed them (snapshot/restore)', async () => {
    const timers = fakeTimers();
    const sent: (number | null)[] = [];
    const q = createQtyKey({ send: async (n) => void sent.push(n), ...timers });
    q.digit('3');
    const snap = q.snapshot();
    for (const d of '6901000000004') q.digit(d);
    q.restore(snap);
    expect(q.get()).toBe('3');
    timers.advance(1000);
    await settle();
    expect(sent).toEqual([3]);
  });

  it('a scan with nothing typed leaves nothing to send', async () => {
    const timers = fakeTimers();
    const sent: (number | null)[] = [];
    const q = createQtyKey({ send: async (n) => void sent.push(n), ...timers });
    const snap = q.snapshot();
    for (const d of '6901000000004') q.digit(d);
    q.restore(snap);
    timers.advance(1000);
    await q.flush();
    expect(sent).toEqual([]);
    expect(q.get()).toBeNull();
  });
});

describe('result colours', () => {
  it('accepted is green, duplicate and undone amber, rejected and unknown red', () => {
    expect(Object.fromEntries(scanOutcomes.map((o) => [o, outcomeTone(o)]))).toEqual({
      accepted: 'ok',
      duplicate: 'warn',
      rejected: 'bad',
      unknown: 'bad',
      undone: 'warn',
    });
  });
});
