// The `cangwu` command line as a real process, bundled from this tree into a
// file of this test run's own (other test files bundle theirs in parallel).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

export type CliRun = { code: number; stdout: string; stderr: string };
export type Cli = {
  run(...args: string[]): Promise<CliRun>;
  /** `cangwu serve` on a free port; resolves once it listens. */
  serve(dataDir: string): Promise<{ child: ChildProcess; pid: number; stop(): Promise<void> }>;
  remove(): void;
};

export async function buildCli(label: string): Promise<Cli> {
  const dir = path.resolve('node_modules/.cache/cangwu-tests', `${label}-${process.pid}`);
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
  const children = new Set<ChildProcess>();
  return {
    run: (...args) =>
      new Promise((resolve) => {
        execFile(process.execPath, [bundle, ...args], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
          resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      }),
    serve: (dataDir) =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [bundle, 'serve', '--port', '0', '--data-dir', dataDir], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        children.add(child);
        let out = '';
        let err = '';
        child.stdout.on('data', (b: Buffer) => {
          out += b.toString();
          if (out.includes('Cangwu station host:'))
            resolve({
              child,
              pid: child.pid!,
              stop: () =>
                new Promise<void>((done) => {
                  if (child.exitCode !== null || child.signalCode !== null) return done();
                  child.once('exit', () => done());
                  child.kill('SIGKILL');
                }),
            });
        });
        child.stderr.on('data', (b: Buffer) => (err += b.toString()));
        child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
      }),
    remove() {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
