// The station screen's keys, everything without a mouse. Printable keys act
// only when no field has the focus, and only digits (the quantity key), since
// a wedge scanner types letters too; everything else is an F-key or Ctrl+Z.
import type { TaskKind } from '../../../shared/contract/scanning';

export type StationKeyAction =
  | { kind: 'digit'; digit: string }
  | { kind: 'qtyBackspace' }
  | { kind: 'qtyClear' }
  | { kind: 'undo' }
  | { kind: 'task'; task: TaskKind }
  | { kind: 'focusManual' }
  | { kind: 'clearTask' }
  | { kind: 'loadComplete' }
  | { kind: 'enter' }
  /** Ctrl+D at receiving: the goods scanned next are damaged on arrival (again: good). */
  | { kind: 'damaged' };

type Key = {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
  repeat?: boolean;
};

/**
 * Key caps as printed on the keyboard, shown in the legend and on buttons. Not
 * language: a Chinese keyboard says "Esc" and "Ctrl" too, so not in locales/.
 */
export const keyCaps = {
  digits: '0–9',
  escape: 'Esc',
  undo: 'Ctrl+Z',
  lookup: 'F2',
  receipt: 'F3',
  manual: 'F4',
  clearTask: 'F8',
  load: 'F6',
  loadComplete: 'F7',
  damage: 'F9',
  returnCheck: 'F10',
  /** F7 finishes the return check too (in the load check it loads the complete orders). */
  finishCheck: 'F7',
  damaged: 'Ctrl+D',
} as const;

export function stationKeyAction(k: Key, fieldFocused: boolean): StationKeyAction | null {
  const plain = !k.ctrlKey && !k.altKey && !k.metaKey;
  if (plain && !k.shiftKey) {
    if (k.key === 'F2') return { kind: 'task', task: 'lookup' };
    if (k.key === 'F3') return { kind: 'task', task: 'receipt' };
    if (k.key === 'F4') return { kind: 'focusManual' };
    if (k.key === 'F8') return { kind: 'clearTask' };
    if (k.key === 'F6') return { kind: 'task', task: 'load' };
    if (k.key === 'F7') return { kind: 'loadComplete' };
    if (k.key === 'F9') return { kind: 'task', task: 'damage' };
    if (k.key === 'F10') return { kind: 'task', task: 'returnCheck' };
  }
  if (fieldFocused) return null;
  // Ctrl+Z: undo the last scan (a held key does not undo a whole series).
  if (k.ctrlKey && !k.altKey && !k.metaKey && !k.shiftKey && (k.key === 'z' || k.key === 'Z') && !k.repeat)
    return { kind: 'undo' };
  // Ctrl+D: damaged on arrival (a scanner never types a Ctrl chord).
  if (k.ctrlKey && !k.altKey && !k.metaKey && !k.shiftKey && (k.key === 'd' || k.key === 'D') && !k.repeat)
    return { kind: 'damaged' };
  if (!plain) return null;
  if (/^[0-9]$/.test(k.key)) return { kind: 'digit', digit: k.key };
  if (k.key === 'Backspace') return { kind: 'qtyBackspace' };
  if (k.key === 'Escape') return { kind: 'qtyClear' };
  // Enter with no field focused (a wedge scan's Enter never gets here): the damage task reports, the return check confirms.
  if (k.key === 'Enter' && !k.shiftKey && !k.repeat) return { kind: 'enter' };
  return null;
}
