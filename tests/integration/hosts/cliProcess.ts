// The `cangwu` command line as a real process: electron/cli.ts bundled the way
// `npm run build` bundles it, into a file of this run's own (worktrees share
// node_modules, so a fixed name could be another checkout's build), spawned
// with node. `close()` removes the bundle.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

export type CliResult = { code: number; stdout: string; stderr: string };
export type Cli = { run(args: string[], env?: NodeJS.ProcessEnv): Promise<CliResult>; close(): void };

export async function buildCli(): Promise<Cli> {
  const dir = fs.mkdtempSync(path.resolve('node_modules/.cache/cangwu-cli-'));
  const bundle = path.join(dir, 'cli.cjs');
  await build({
    entryPoints: ['electron/cli.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // playwright-core reads its own package.json at run time: it stays in node_modules.
    external: ['better-sqlite3', 'serialport', '@serialport/*', 'playwright-core', 'pdfkit'],
    outfile: bundle,
    logLevel: 'silent',
  });
  return {
    run: (args, env) =>
      new Promise((resolve) => {
        execFile(
          process.execPath,
          [bundle, ...args],
          { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', ...env } },
          (error, stdout, stderr) => {
            const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
            resolve({ code, stdout, stderr });
          },
        );
      }),
    close: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs `tasks` at most `limit` at a time (the machine has few cores). */
export async function inBatches<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
