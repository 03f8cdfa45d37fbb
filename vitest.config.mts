// Three projects, run together by `npm test` (scripts/test.mjs) or one at a
// time with `vitest run --project unit`.
import os from 'node:os';
import { defineConfig } from 'vitest/config';

// Each test file's temp folders are removed after it (tests/helpers/tempDirs.ts).
const setupFiles = ['tests/setup/removeTempDirs.ts'];

/**
 * The warehouse time zone of one end-to-end run: a whole-hour zone where it is
 * now about 08:00, chosen once here (every test file and host of the run gets
 * the same one). Business days, "tomorrow's" board and the 16:30 cut-off then
 * stay put for the length of the run, whenever CI starts it — a run in
 * Asia/Shanghai that crossed local midnight once planned two different
 * tomorrows. CANGWU_E2E_TIME_ZONE set outside pins it (e.g. to reproduce).
 */
function morningZone(now = new Date()): string {
  let hours = 8 - now.getUTCHours();
  if (hours < -12) hours += 24;
  // Etc/GMT names count the other way: Etc/GMT-8 is UTC+8.
  return hours === 0 ? 'Etc/UTC' : `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`;
}
const e2eTimeZone = process.env.CANGWU_E2E_TIME_ZONE ?? morningZone();

/** The integration tests' settings, shared by the SQLite and the PostgreSQL project. */
const integration = {
  include: ['tests/integration/**/*.test.ts'],
  environment: 'node' as const,
  setupFiles,
  // Real SQLite files, real pseudo-terminals (socat), real servers.
  testTimeout: 60_000,
  hookTimeout: 60_000,
  // Forks, not threads: better-sqlite3 and serialport are native
  // addons, safest loaded once per process.
  pool: 'forks' as const,
  // One fork per core (vitest's default leaves one core idle: one
  // fork on CI's two), each running its files one after the other
  // without a fresh module graph per file: the files share no state
  // (no mocks, no stubbed globals or env; every core, server and
  // folder is a test's own), and each run alone passes too.
  maxWorkers: os.availableParallelism(),
  isolate: false,
};

/** The feature folders whose tests run on PostgreSQL too. */
const postgresFolders = [
  'analyses',
  'auth',
  'calls',
  'catalogue',
  'complaints',
  'contract',
  'counts',
  'damage',
  'dispatch',
  'edr',
  'kpi',
  'orders',
  'quality',
  'reports',
  'returns',
  'scanning',
  'stock',
  'surveys',
];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles,
          // The same as the integration projects': projects run together in one
          // group must agree on it (vitest refuses the run otherwise).
          maxWorkers: os.availableParallelism(),
          // Beside the integration tests on a 2-core machine a property test of a
          // few thousand cases can take longer than vitest's 5 s (CI saw 5 s pass).
          testTimeout: 20_000,
        },
      },
      { test: { ...integration, name: 'integration', globalSetup: ['tests/setup/integrationDemo.ts'] } },
      {
        // The same tests on PostgreSQL (issue 15): each core on a database of its
        // own on one throwaway server (tests/setup/integrationPostgres.ts). The
        // features' folders; not the hosts, the SQLite file's own tools, the
        // serial bridge or the pg folder (which starts its own servers and runs
        // in the project above).
        test: {
          ...integration,
          name: 'integration-pg',
          include: postgresFolders.map((f) => `tests/integration/${f}/**/*.test.ts`),
          globalSetup: ['tests/setup/integrationDemo.ts', 'tests/setup/integrationPostgres.ts'],
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
          env: { CANGWU_E2E_TIME_ZONE: e2eTimeZone },
          // The demo warehouse built once per run, copied by each file that wants it.
          globalSetup: ['tests/e2e/demoTemplate.ts'],
          pool: 'forks',
        },
      },
    ],
  },
});
