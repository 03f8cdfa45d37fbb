// The logged-in session of this window, for every component below the shell.
import { createContext, useContext } from 'react';
import type { SessionView } from '../../shared/contract/types';
import type { Locale, Role } from '../../shared/domain';

export type SessionApi = {
  session: SessionView;
  logout(): Promise<void>;
  setLocale(locale: Locale): Promise<void>;
  /** auth.changePassword: this window continues on the new session the core answers with. */
  changePassword(oldPassword: string, newPassword: string): Promise<void>;
};

export const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the logged-in shell');
  return s;
}

/** True when the user holds any of `roles` (a hidden button is a courtesy; the core checks). */
export function hasRole(session: SessionView, roles: readonly Role[]): boolean {
  return session.user.roles.some((r) => roles.includes(r));
}
