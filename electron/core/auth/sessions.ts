import type { Locale, Role } from '../../../shared/domain';

export type Session = {
  token: string;
  userId: number;
  username: string;
  displayName: string;
  roles: Role[];
  locale: Locale;
  station: string;
  expiresAt: number;
};

/** Idle sessions end after a working day. */
export const sessionLifetimeMs = 12 * 60 * 60 * 1000;
