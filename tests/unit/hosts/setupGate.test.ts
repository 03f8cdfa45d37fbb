// The first-run gate: this machine may set up freely; from the network only
// with the host's one-time code, compared whatever its case or dashes, used
// once, and wrong codes throttled for everybody.
import { describe, expect, it } from 'vitest';
import { SetupGate } from '../../../electron/core/setup/setupGate';
import type { Caller } from '../../../electron/core/context';
import { AppError } from '../../../shared/errors';

const caller = (local: boolean): Caller => ({
  session: null,
  station: 's',
  clientId: 'c',
  origin: { address: local ? 'local' : '192.0.2.9', local },
});
const remote = caller(false);

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
}

describe('setup gate', () => {
  it('lets this machine set up without a code, and asks the network for one', () => {
    const gate = new SetupGate();
    expect(gate.codeRequired(caller(true))).toBe(false);
    expect(codeOf(() => gate.admit(caller(true), undefined))).toBeNull();
    expect(gate.codeRequired(remote)).toBe(true);
    expect(codeOf(() => gate.admit(remote, undefined))).toBe('setup.notFromThisMachine');
    // No code issued (a host that printed none): the network cannot set up at all.
    expect(codeOf(() => gate.admit(remote, 'ABCD-EFGH-JKMN'))).toBe('setup.notFromThisMachine');
  });

  it('accepts the code as typed (any case, with or without dashes) once', () => {
    const gate = new SetupGate();
    const code = gate.issueCode();
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    const typed = ` ${code.replace(/-/g, '').toLowerCase()} `;
    const spend = gate.admit(remote, typed);
    spend();
    expect(codeOf(() => gate.admit(remote, code))).toBe('setup.notFromThisMachine');
  });

  it('throttles wrong codes for everybody, then lets the right one in after the wait', () => {
    let now = 1_000_000;
    const gate = new SetupGate(() => now);
    const code = gate.issueCode();
    for (let i = 0; i < 5; i++) expect(codeOf(() => gate.admit(remote, 'WRONG-CODE-0000'))).toBe('setup.badSetupCode');
    // Even the right code waits now: guessing gets nothing more than 5 tries a minute.
    let refused: unknown;
    try {
      gate.admit(remote, code);
    } catch (e) {
      refused = e;
    }
    expect(refused).toMatchObject({ code: 'setup.tooManyCodeAttempts', details: { retryAfterSeconds: 60 } });
    now += 60_001;
    expect(codeOf(() => gate.admit(remote, code))).toBeNull();
  });
});
