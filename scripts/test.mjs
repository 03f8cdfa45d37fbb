#!/usr/bin/env node
// `npm test`: the static checks (build, typecheck, lint, Electronegativity,
// format) side by side on the machine's cores — they read the sources and
// write nothing the others read — then the unit and integration tests, then
// the end-to-end tests, stopping before the next stage after a failure, so a
// red run names the earliest broken layer. A parallel step's output is held
// and printed whole when it ends (never interleaved); the tests stream as
// they come. The last line sums up the steps with their times.
// Extra arguments go to vitest: `npm test -- --project unit`.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The JS file behind a package's bin, run with this Node (no .bin shims, no npm). */
function bin(pkg, name = pkg) {
  const dir = path.join(root, 'node_modules', pkg);
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const rel = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[name];
  return path.join(dir, rel);
}

/** Stages run one after the other; the steps of a stage run at once (longest first). */
const stages = [
  [
    ['typecheck', [bin('typescript', 'tsc'), '-p', 'tsconfig.json', '--noEmit']],
    ['lint', [bin('eslint'), '.', '--max-warnings', '0']],
    ['format', [bin('prettier'), '--check', '--log-level', 'warn', '.']],
    ['build', [path.join(root, 'scripts/build.mjs')]],
    // Electron misconfigurations in electron/; unreviewed findings fail (scripts/electronegativity.mjs).
    ['electronegativity', [path.join(root, 'scripts/electronegativity.mjs')]],
  ],
  [
    [
      'vitest',
      [
        bin('vitest'),
        'run',
        '--project',
        'unit',
        '--project',
        'integration',
        '--project',
        'integration-pg',
        ...process.argv.slice(2),
      ],
    ],
  ],
  // End-to-end tests run after the others, not beside them: a browser and a
  // station host competing with socat and SQLite tests for two CPUs made
  // timings (wedge key gaps, first paint) flaky.
  [['e2e', [bin('vitest'), 'run', '--project', 'e2e', ...process.argv.slice(2)]]],
];

/** At most this many steps of a stage at once: one per core. */
const parallel = Math.max(1, os.availableParallelism?.() ?? os.cpus().length);

// Tests make their data folders as <tmp>/cangwu-* (tests/helpers/tempDirs.ts)
// and must remove them: a run that leaves one behind fails. The run gets a
// temp folder of its own (TMPDIR for every step and what they start: hosts,
// the CLI, Chromium, PostgreSQL), so another checkout's tests running on the
// same machine at the same time can neither fail this check nor be failed by it.
const runTmp = mkdtempSync(path.join(os.tmpdir(), 'npm-test-'));
// Readable by the unprivileged user the test PostgreSQL runs as when the tests run as root.
chmodSync(runTmp, 0o755);
const childEnv = { ...process.env, TMPDIR: runTmp };
const tempLeft = () => new Set(readdirSync(runTmp).filter((n) => n.startsWith('cangwu-')));
const tempBefore = tempLeft();

/** Runs a step; `held`: its output is collected and returned instead of streamed. */
function runStep(args, held) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: childEnv,
      stdio: held ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    const output = [];
    if (held) {
      child.stdout.on('data', (c) => output.push(c));
      child.stderr.on('data', (c) => output.push(c));
    }
    child.on('error', () => resolve({ code: 1, output: Buffer.concat(output) }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output: Buffer.concat(output) }));
  });
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;
const summary = [];
let failed = 0;
for (const stage of stages) {
  if (failed) {
    for (const [name] of stage) summary.push(`${name} skipped`);
    continue;
  }
  const held = stage.length > 1;
  if (held) console.log(`\n▶ ${stage.map(([name]) => name).join(', ')} (at most ${parallel} at once)`);
  const results = new Map();
  let next = 0;
  const worker = async () => {
    while (next < stage.length) {
      const [name, args] = stage[next++];
      if (!held) console.log(`\n▶ ${name}`);
      const started = Date.now();
      const { code, output } = await runStep(args, held);
      const ms = Date.now() - started;
      results.set(name, { code, ms });
      if (held) {
        process.stdout.write(`\n▶ ${name} ${code === 0 ? 'ok' : `FAILED (exit ${code})`} ${seconds(ms)}\n`);
        if (output.length > 0) process.stdout.write(output);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, stage.length) }, worker));
  for (const [name] of stage) {
    const { code, ms } = results.get(name);
    summary.push(`${name} ${code === 0 ? 'ok' : `FAILED (exit ${code})`} ${seconds(ms)}`);
    if (code !== 0 && !failed) failed = code;
  }
}
if (!failed) {
  const left = [...tempLeft()].filter((n) => !tempBefore.has(n));
  summary.push(left.length === 0 ? 'temp folders ok' : `temp folders FAILED (${left.length} left)`);
  if (left.length > 0) {
    console.error(
      `\n${left.length} temp folder(s) left in ${runTmp} by this run:\n  ${left.slice(0, 20).join('\n  ')}`,
    );
    failed = 1;
  }
}
rmSync(runTmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
console.log(`\n${failed ? 'npm test FAILED' : 'npm test ok'}: ${summary.join(' · ')}`);
process.exit(failed);
