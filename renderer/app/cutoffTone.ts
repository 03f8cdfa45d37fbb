// The keeper's countdown to the daily dispatch report's cut-off (R9), as pure
// functions: its colour and its clock text.
const amberMs = 30 * 60_000;

export function clockText(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

export type CountdownTone = 'ok' | 'amber' | 'over' | 'done';

/** The countdown's colour: done once submitted, red at and after the cut-off, amber in its last 30 minutes. */
export function countdownTone(leftMs: number, submitted: boolean): CountdownTone {
  if (submitted) return 'done';
  if (leftMs <= 0) return 'over';
  return leftMs <= amberMs ? 'amber' : 'ok';
}
