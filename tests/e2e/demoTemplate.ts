// Global setup of the e2e project: the demo warehouse is built once per run
// (`cangwu init --demo` takes ~10 s) into a template folder, and each test file
// that wants the demo gets a copy of it (initDataDir in harness.ts) — a second
// instead of a load. The template is made in the run's warehouse zone and
// removed at the end of the run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    demoTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const cli = path.resolve(__dirname, '..', '..', 'dist', 'electron', 'cli.cjs');
  if (!fs.existsSync(cli)) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cangwu-e2e-demo-template-'));
  const zone = process.env.CANGWU_E2E_TIME_ZONE ?? (project.config.env?.CANGWU_E2E_TIME_ZONE as string | undefined);
  const args = [cli, 'init', '--demo', '--data-dir', dir, ...(zone ? ['--time-zone', zone] : [])];
  await new Promise<void>((resolve, reject) => {
    const p = spawn(process.execPath, args, { stdio: 'ignore' });
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`cangwu init --demo exited ${code}`))));
  });
  project.provide('demoTemplate', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}
