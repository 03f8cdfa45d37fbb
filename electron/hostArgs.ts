// Small pure helpers of the Electron host, kept out of main.ts so unit tests
// can load them without the electron package.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

/**
 * Whether `url` is our own index page (any #route or ?query allowed). Compared
 * as file paths, not strings: Chromium and pathToFileURL percent-encode an
 * install path such as "/opt/Cangwu 仓务/…" differently.
 */
export function isAppIndexUrl(url: string, indexPath: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return false;
  parsed.hash = '';
  parsed.search = '';
  try {
    return path.normalize(fileURLToPath(parsed)) === path.normalize(indexPath);
  } catch {
    return false;
  }
}
