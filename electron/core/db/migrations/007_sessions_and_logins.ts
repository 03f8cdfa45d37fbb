// Login throttling and session activity (issue 10).
// Failed logins are counted per (name typed, client address) and per client
// address, not on the account: one flooding client must not keep an account
// out everywhere (the old users.failed_logins / locked_until did). A name that
// does not exist is throttled the same way, so the answers do not tell real
// names from made-up ones.
// Sessions record their last activity (written at most every few minutes, not
// per request) so idleness ends them, and expires_at becomes the absolute end.
import type { Migration } from './index';

export const sessionsAndLogins: Migration = {
  version: 7,
  name: 'sessions_and_logins',
  sql: `
CREATE TABLE login_throttle (
  -- 'user:<name>@<address>' or 'address:<address>'
  key TEXT PRIMARY KEY,
  username TEXT,
  address TEXT NOT NULL,
  failures INTEGER NOT NULL CHECK (failures >= 0),
  locked_until TEXT,
  last_failure_at TEXT NOT NULL
) STRICT;
CREATE INDEX login_throttle_username ON login_throttle(username) WHERE username IS NOT NULL;

ALTER TABLE sessions ADD COLUMN last_active_at TEXT;
UPDATE sessions SET last_active_at = created_at;
CREATE INDEX sessions_user ON sessions(user_id);

-- The account-wide counters are replaced by login_throttle.
UPDATE users SET failed_logins = 0, locked_until = NULL;
`,
};
