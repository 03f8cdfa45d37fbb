// The return check's keys at the station (issue 13 §Returns 3) and receiving's
// damaged mode: F10 chooses the task; F7 / Enter walk the confirmation — the
// cases typed (or the cases scanned), each line's reason by number key or kept
// — and finish only after the last line; Ctrl+D is receiving's damaged mode.
import { describe, expect, it } from 'vitest';
import type { ReturnCheckView } from '../../../shared/contract';
import { createReturnCheckConfirm, lineKey } from '../../../renderer/pages/station/returnCheckConfirm';
import { stationKeyAction } from '../../../renderer/pages/station/stationKeys';

const line = (productId: number) => ({
  productId,
  productCode: `P${productId}`,
  productNameZh: '',
  productNameEn: '',
  unit: '瓶',
  casePack: 24,
  status: 'good' as const,
  qtyReported: 24,
  qtyScanned: 24,
  reason: 'quality' as const,
  reasonNote: '',
  difference: 'none' as const,
});
const view: ReturnCheckView = {
  kind: 'returnCheck',
  target: { returnKind: 'report', returnId: 1, orderId: null, number: 'TH-1', customerName: '', orderNumbers: [] },
  lines: [line(1), line(2)],
  casesScanned: 2,
  hasDifferences: false,
};

describe('return check keys', () => {
  it('F10 chooses the return check, Ctrl+D is the damaged mode (not while typing in a field)', () => {
    expect(stationKeyAction({ key: 'F10' }, true)).toEqual({ kind: 'task', task: 'returnCheck' });
    expect(stationKeyAction({ key: 'd', ctrlKey: true }, false)).toEqual({ kind: 'damaged' });
    expect(stationKeyAction({ key: 'd', ctrlKey: true }, true)).toBeNull();
  });

  it('confirms the typed cases, a reason per line by number key or kept by Enter, then finishes', () => {
    const c = createReturnCheckConfirm();
    c.start();
    c.digit('1', view);
    c.digit('2', view);
    c.backspace(view);
    expect(c.get()).toEqual({ phase: 'cases', digits: '1' });
    expect(c.enter(view)).toBe(false);
    expect(c.get()).toMatchObject({ phase: 'reasons', cases: 1, index: 0 });
    expect(c.enter(view)).toBe(false); // line 1 keeps its reason
    c.digit('2', view); // line 2: expired
    expect(c.get()).toEqual({ phase: 'ready', cases: 1, reasons: { [lineKey(line(2))]: 'expired' } });
    expect(c.enter(view)).toBe(true);
  });

  it('Enter alone takes the cases scanned; a key that names no reason changes nothing; Esc goes back to scanning', () => {
    const c = createReturnCheckConfirm();
    c.start();
    c.enter(view);
    expect(c.get()).toMatchObject({ phase: 'reasons', cases: 2 });
    c.digit('9', view);
    expect(c.get()).toMatchObject({ phase: 'reasons', index: 0 });
    c.reset();
    expect(c.get()).toEqual({ phase: 'scan' });
  });
});
