// Every temp folder a test or bench makes goes through here, so one hook
// (tests/setup/removeTempDirs.ts, after each test file) removes them all and
// `npm test` can fail a run that leaves any `cangwu-*` folder behind
// (scripts/test.mjs). Tests close their cores and servers in their own
// afterAll first: vitest runs after-hooks in reverse order of registration,
// so the setup file's hook runs last.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const tempPrefix = 'cangwu-';

const made = new Set<string>();

/** A new empty folder `<tmp>/cangwu-<label>-XXXXXX`, removed after the test file. */
export function tempDir(label = 'data'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${tempPrefix}${label}-`));
  made.add(dir);
  return dir;
}

// Benches run as plain Node scripts, without the vitest hook: they clean up on exit.
process.once('exit', () => removeTempDirs());

/** Removes every folder made by tempDir so far (a host may still be letting go: retry briefly). */
export function removeTempDirs(): void {
  for (const dir of made) {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    made.delete(dir);
  }
}
