// Who may set up a new data folder. Anyone reaching the station host first
// would otherwise become administrator, so first-run setup is allowed only
// from this machine (an Electron window, the CLI, a browser on loopback) or
// with the one-time setup code the host prints at start (as self-hosted
// servers do). The code is compared in constant time, used once, and wrong
// codes are throttled for everybody (an attacker has many addresses).
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { Caller } from '../context';

/** No 0/O, 1/I/L: the code is read off a terminal and typed on a phone or a dock browser. */
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const codeLength = 12; // 31^12 ≈ 2^59: with the throttle below, not guessable
/** Wrong codes allowed per window before every attempt waits. */
const maxFailures = 5;
const failureWindowMs = 60_000;

const digest = (s: string) =>
  createHash('sha256').update(s.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '')).digest();

export class SetupGate {
  private code: string | null = null;
  private failures: number[] = [];
  /** Set by a host listening beyond loopback: the first-run and login screens warn about demo data. */
  networkExposed = false;

  constructor(private readonly now: () => number = Date.now) {}

  /** A new one-time code (replacing any earlier one), shown as XXXX-XXXX-XXXX. */
  issueCode(): string {
    let raw = '';
    for (let i = 0; i < codeLength; i++) raw += alphabet[randomInt(alphabet.length)];
    this.code = raw;
    return raw.replace(/(.{4})(?=.)/g, '$1-');
  }

  /** Whether this caller must give a code to set up (the first-run screen shows the field). */
  codeRequired(caller: Caller): boolean {
    return !caller.origin.local;
  }

  /**
   * Throws unless the caller may set up: local, or the right code. Returns the
   * function that spends the code (called once the setup has committed).
   */
  admit(caller: Caller, supplied: string | undefined): () => void {
    if (caller.origin.local) return () => {};
    if (this.code === null || supplied === undefined || supplied.trim() === '')
      throw new AppError('setup.notFromThisMachine');
    const t = this.now();
    this.failures = this.failures.filter((at) => t - at < failureWindowMs);
    if (this.failures.length >= maxFailures) {
      const retryAfterSeconds = Math.ceil((this.failures[0]! + failureWindowMs - t) / 1000);
      throw new AppError('setup.tooManyCodeAttempts', { retryAfterSeconds });
    }
    if (!timingSafeEqual(digest(supplied), digest(this.code))) {
      this.failures.push(t);
      throw new AppError('setup.badSetupCode');
    }
    const code = this.code;
    return () => {
      if (this.code === code) this.code = null;
    };
  }
}
