// `npm start` on a machine without the Electron binary (this one: it cannot be
// downloaded here) must start the station host with one line of explanation,
// never require('electron') (which tries to download) and never a stack trace.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../scripts/electronBinary.mjs';
import { tempDir } from '../helpers/tempDirs';

const root = path.resolve(__dirname, '../..');
const fallbackLine = 'Electron binary not available (cannot be downloaded here); starting the station host instead.';
const temps: string[] = [];

function tempRoot(): string {
  const dir = tempDir('start');
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** A copy of the start script (and what it imports) in a scratch project. */
function scratchProject(): string {
  const dir = tempRoot();
  for (const f of ['scripts/start.mjs', 'scripts/electronBinary.mjs', 'bin/cangwu.cjs']) {
    write(path.join(dir, f), fs.readFileSync(path.join(root, f), 'utf8'));
  }
  return dir;
}

/** A stand-in CLI bundle that reports its arguments and exits with `code`. */
function fakeCli(dir: string, code = 0): void {
  write(
    path.join(dir, 'dist/electron/cli.cjs'),
    `process.stdout.write(JSON.stringify(process.argv.slice(2)) + '\\n'); process.exitCode = ${code};\n`,
  );
}

const run = (script: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.ELECTRON_OVERRIDE_DIST_PATH;
  return spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', env: childEnv, timeout: 30_000 });
};
const lines = (s: string) => s.split('\n').filter((l) => l.length > 0);

describe('findElectronBinary', () => {
  it('returns null when Electron was never downloaded (no path.txt)', () => {
    const dir = tempRoot();
    write(path.join(dir, 'node_modules/electron/package.json'), '{}');
    expect(findElectronBinary(dir, {})).toBeNull();
  });

  it('returns null when path.txt names a binary that is not there', () => {
    const dir = tempRoot();
    write(path.join(dir, 'node_modules/electron/path.txt'), 'electron');
    expect(findElectronBinary(dir, {})).toBeNull();
  });

  it('returns the binary path.txt names inside dist/', () => {
    const dir = tempRoot();
    write(path.join(dir, 'node_modules/electron/path.txt'), 'electron');
    write(path.join(dir, 'node_modules/electron/dist/electron'), '');
    expect(findElectronBinary(dir, {})).toBe(path.join(dir, 'node_modules/electron/dist/electron'));
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like electron/index.js does', () => {
    const dir = tempRoot();
    write(path.join(dir, 'node_modules/electron/path.txt'), 'electron');
    write(path.join(dir, 'custom/electron'), '');
    expect(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: path.join(dir, 'custom') })).toBe(
      path.join(dir, 'custom/electron'),
    );
  });

  it('agrees with what is installed in this repository, without downloading anything', () => {
    const pathTxt = path.join(root, 'node_modules/electron/path.txt');
    const installed =
      fs.existsSync(pathTxt) &&
      fs.existsSync(path.join(root, 'node_modules/electron/dist', fs.readFileSync(pathTxt, 'utf8').trim()));
    expect(findElectronBinary(root, {}) !== null).toBe(installed);
  });
});

describe('npm start without the Electron binary', { timeout: 30_000 }, () => {
  it('says so in one line and runs `cli serve` with the same arguments', () => {
    const dir = scratchProject();
    fakeCli(dir);
    const r = run(path.join(dir, 'scripts/start.mjs'), ['--dry-run', '--port', '0']);
    expect(r.status).toBe(0);
    expect(lines(r.stderr)).toEqual([fallbackLine]);
    expect(lines(r.stdout)).toEqual([JSON.stringify(['serve', '--dry-run', '--port', '0'])]);
  });

  it("passes on the station host's exit code", () => {
    const dir = scratchProject();
    fakeCli(dir, 3);
    expect(run(path.join(dir, 'scripts/start.mjs'), []).status).toBe(3);
  });

  it('asks for a build, in one line, when dist/ is missing', () => {
    const dir = scratchProject();
    const r = run(path.join(dir, 'scripts/start.mjs'), []);
    expect(r.status).toBe(1);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/npm run build/);
  });

  it.skipIf(!fs.existsSync(path.join(root, 'dist/electron/cli.cjs')) || findElectronBinary(root) !== null)(
    'starts the real station host (dry run) from the built CLI',
    () => {
      const r = run(path.join(root, 'scripts/start.mjs'), ['--dry-run', '--port', '0', '--data-dir', tempRoot()]);
      expect(r.status).toBe(0);
      expect(lines(r.stderr)).toEqual([fallbackLine]);
      expect(r.stdout).toMatch(/http:\/\//);
    },
  );
});

describe('bin/cangwu.cjs', { timeout: 30_000 }, () => {
  it('asks for a build, in one line, when dist/ is missing', () => {
    const dir = scratchProject();
    const r = run(path.join(dir, 'bin/cangwu.cjs'), ['--help']);
    expect(r.status).toBe(1);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/npm run build/);
  });

  it('runs the built CLI', () => {
    const dir = scratchProject();
    fakeCli(dir);
    const r = run(path.join(dir, 'bin/cangwu.cjs'), ['check', '--json']);
    expect(r.status).toBe(0);
    expect(lines(r.stdout)).toEqual([JSON.stringify(['check', '--json'])]);
  });
});
