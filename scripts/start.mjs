#!/usr/bin/env node
// `npm start` (after `npm run build`): the desktop console when the Electron
// binary is installed, else the station host in plain Node, which serves the
// same renderer to a browser. Arguments pass through to whichever runs.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electronBinary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function run(command, commandArgs, env = process.env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  // Ctrl+C reaches the child through the terminal; a plain `kill` of this
  // process must reach it too, or the station host outlives us.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('error', (e) => {
    console.error(`cangwu: could not start ${path.basename(command)}: ${e.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const electron = findElectronBinary(root);
if (electron) {
  // ELECTRON_RUN_AS_NODE (set by some tools) would make Electron a plain Node.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  run(electron, ['.', ...args], env);
} else {
  const cli = path.join(root, 'dist', 'electron', 'cli.cjs');
  if (!existsSync(cli)) {
    console.error('cangwu: dist/ is missing; run `npm run build` first.');
    process.exit(1);
  }
  console.error('Electron binary not available (cannot be downloaded here); starting the station host instead.');
  run(process.execPath, [cli, 'serve', ...args]);
}
