// The Electron host's data folder from its command line. (Whether an IPC
// sender or a navigation target is our own page: shell/appProtocol.test.ts.)
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDirFromArgv } from '../../electron/hostArgs';

describe('dataDirFromArgv', () => {
  it('reads --data-dir DIR and --data-dir=DIR, resolved against the working directory', () => {
    expect(dataDirFromArgv(['electron', '.', '--data-dir', 'w1'], '/srv')).toBe(path.resolve('/srv/w1'));
    expect(dataDirFromArgv(['electron', '.', '--data-dir=/data/w2'], '/srv')).toBe(path.resolve('/data/w2'));
  });

  it('is null without the flag or without a value', () => {
    expect(dataDirFromArgv(['electron', '.', '--no-sandbox'])).toBeNull();
    expect(dataDirFromArgv(['electron', '.', '--data-dir'])).toBeNull();
    expect(dataDirFromArgv(['electron', '.', '--data-dir='])).toBeNull();
  });
});
