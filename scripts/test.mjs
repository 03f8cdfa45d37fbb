#!/usr/bin/env node
// `npm test`: build, typecheck, lint, then every vitest project, in that order
// and stopping at the first failure, so a red run names the earliest broken
// layer. Output streams as it comes; the last line sums up the steps.
// Extra arguments go to vitest: `npm test -- --project unit`.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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

const steps = [
  ['build', [path.join(root, 'scripts/build.mjs')]],
  ['typecheck', [bin('typescript', 'tsc'), '-p', 'tsconfig.json', '--noEmit']],
  ['lint', [bin('eslint'), '.', '--max-warnings', '0']],
  // Electron misconfigurations in electron/; unreviewed findings fail (scripts/electronegativity.mjs).
  ['electronegativity', [path.join(root, 'scripts/electronegativity.mjs')]],
  ['format', [bin('prettier'), '--check', '--log-level', 'warn', '.']],
  // End-to-end tests run after the others, not beside them: a browser and a
  // station host competing with socat and SQLite tests for two CPUs made
  // timings (wedge key gaps, first paint) flaky.
  ['vitest', [bin('vitest'), 'run', '--project', 'unit', '--project', 'integration', ...process.argv.slice(2)]],
  ['e2e', [bin('vitest'), 'run', '--project', 'e2e', ...process.argv.slice(2)]],
];

// Tests make their data folders as <tmp>/cangwu-* (tests/helpers/tempDirs.ts)
// and must remove them: a run that leaves one behind fails.
const tempLeft = () => new Set(readdirSync(os.tmpdir()).filter((n) => n.startsWith('cangwu-')));
const tempBefore = tempLeft();

function runStep(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
    child.on('error', () => resolve(1));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;
const summary = [];
let failed = 0;
for (const [name, args] of steps) {
  if (failed) {
    summary.push(`${name} skipped`);
    continue;
  }
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const code = await runStep(args);
  summary.push(`${name} ${code === 0 ? 'ok' : `FAILED (exit ${code})`} ${seconds(Date.now() - started)}`);
  if (code !== 0) failed = code;
}
if (!failed) {
  const left = [...tempLeft()].filter((n) => !tempBefore.has(n));
  summary.push(left.length === 0 ? 'temp folders ok' : `temp folders FAILED (${left.length} left)`);
  if (left.length > 0) {
    console.error(
      `\n${left.length} temp folder(s) left in ${os.tmpdir()} by this run:\n  ${left.slice(0, 20).join('\n  ')}`,
    );
    failed = 1;
  }
}
console.log(`\n${failed ? 'npm test FAILED' : 'npm test ok'}: ${summary.join(' · ')}`);
process.exit(failed);
