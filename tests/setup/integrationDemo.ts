// Global setup of the integration project: a folder for the run's demo
// warehouse template. Nothing is built here (a run of one file that wants no
// demo pays nothing): the first test file that asks for the demo
// (openDemoCore in tests/integration/fixtures.ts) builds it there once, the
// others copy it — a copy is a fraction of a second, `setup.loadDemo` ~10 s.
// Removed at the end of the run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    integrationDemoDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cangwu-integration-demo-'));
  project.provide('integrationDemoDir', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}
