// Per-connection limits, so one station (a stuck script, a flood, a browser
// tab that stopped reading) cannot take the host from the others.

export type ConnectionLimits = {
  /** One WebSocket message; a products CSV import (~25 MB today) must fit. */
  maxMessageBytes: number;
  /** Token bucket: a burst of this many requests… */
  burst: number;
  /** …refilled at this many per second. */
  perSecond: number;
  /** Requests of one connection being worked on at once; beyond it, refused at once. */
  maxInFlight: number;
  /** Replies and events queued for a client that does not read them; beyond it, disconnected. */
  maxBufferedBytes: number;
};

export const defaultLimits: ConnectionLimits = {
  maxMessageBytes: 25 * 1024 * 1024,
  // A console screen opening asks a few dozen things at once; a scanning station a few a second.
  burst: 300,
  perSecond: 100,
  maxInFlight: 64,
  // Above a big reply or two (an 18,000-line count sheet is a few MB), far below the memory a flood could take.
  maxBufferedBytes: 64 * 1024 * 1024,
};

export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.at = now();
  }

  /** Takes a token; null if one was there, else the seconds until one is. */
  take(): number | null {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.at) / 1000) * this.perSecond);
    this.at = t;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / this.perSecond));
  }
}
