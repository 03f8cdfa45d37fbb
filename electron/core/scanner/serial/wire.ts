// The physical floor of scan latency: how long a frame takes on the wire. An
// asynchronous serial character is a start bit, the data bits, an optional
// parity bit and the stop bits; the benchmark prints this beside the measured
// scan-to-commit time so the ratio holds on a noisy machine.
import type { ScannerParity } from '../../../../shared/contract/scanning';

/** Milliseconds to send `bytes` characters at `baud` with the given framing. */
export function wireTimeMs(
  bytes: number,
  baud: number,
  dataBits = 8,
  parity: ScannerParity = 'none',
  stopBits = 1,
): number {
  if (!(baud > 0)) throw new RangeError('baud must be positive');
  const bitsPerChar = 1 + dataBits + (parity === 'none' ? 0 : 1) + stopBits;
  return (bytes * bitsPerChar * 1000) / baud;
}
