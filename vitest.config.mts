// Three projects, run together by `npm test` (scripts/test.mjs) or one at a
// time with `vitest run --project unit`.
import { defineConfig } from 'vitest/config';

// Each test file's temp folders are removed after it (tests/helpers/tempDirs.ts).
const setupFiles = ['tests/setup/removeTempDirs.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          setupFiles,
          // Real SQLite files, real pseudo-terminals (socat), real servers.
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Forks, not threads: better-sqlite3 and serialport are native
          // addons, safest loaded once per process.
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          setupFiles,
          // playwright-core drives /usr/bin/chromium against the station host;
          // starting both can take a while on a cold machine.
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser at a time: screenshots and timings stay stable.
          fileParallelism: false,
          pool: 'forks',
        },
      },
    ],
  },
});
