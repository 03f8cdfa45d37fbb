import type { Locale, Role } from '../../../shared/domain';

export type Session = {
  token: string;
  /** sha256 of the token, as stored: the key of the session's activity and registry entries. */
  tokenHash: string;
  userId: number;
  username: string;
  displayName: string;
  roles: Role[];
  locale: Locale;
  station: string;
  /** Absolute end (ms since epoch): login + the maximum lifetime, however busy the session. */
  expiresAt: number;
};

/** A session nobody uses for a shift ends: the next shift logs in afresh. */
export const defaultSessionIdleMs = 9 * 60 * 60 * 1000;
/** However busy, a session ends a day after its login. */
export const defaultSessionMaxMs = 24 * 60 * 60 * 1000;
/** Last activity is kept in memory and written at most this often. */
export const activityWriteEveryMs = 5 * 60 * 1000;

export type SessionLimits = { idleMs: number; maxMs: number };
