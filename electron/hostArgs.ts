// Small pure helpers of the Electron host, kept out of main.ts so unit tests
// can load them without the electron package. (Which URLs are our page:
// appProtocol.ts.)
import path from 'node:path';

/** `--data-dir DIR` or `--data-dir=DIR` from a command line, resolved; null if absent or empty. */
export function dataDirFromArgv(argv: readonly string[], cwd = process.cwd()): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    let value: string | undefined;
    if (a === '--data-dir') value = argv[i + 1];
    else if (a?.startsWith('--data-dir=')) value = a.slice('--data-dir='.length);
    else continue;
    return value ? path.resolve(cwd, value) : null;
  }
  return null;
}
