// `npm run bench`: bundles each tests/bench/*.bench.ts for plain Node and runs
// it. Every figure is printed as `BENCH <name> <value> <unit>`, with its
// physical floor measured in the same run so a ratio holds on a noisy machine.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const benchDir = path.join(root, 'tests', 'bench');
const outDir = path.join(root, 'node_modules', '.cache', 'cangwu-bench');
const only = process.argv.slice(2);
const files = fs
  .readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));

let failed = false;
for (const file of files) {
  const outfile = path.join(outDir, file.replace(/\.ts$/, '.cjs'));
  await build({
    entryPoints: [path.join(benchDir, file)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // esbuild finds its binary from its own folder: a bench that bundles a second process's script loads it from there.
    external: ['better-sqlite3', 'serialport', '@serialport/*', 'playwright-core', 'pdfkit', 'esbuild'],
    outfile,
    logLevel: 'warning',
    // CommonJS has no import.meta; give modules that use it the same values (as scripts/build.mjs does).
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__importMetaUrl' },
  });
  process.stderr.write(`# ${file}\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', outfile], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
