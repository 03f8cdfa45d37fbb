// A TypeScript entry bundled for plain Node, for a test or bench that runs it
// as a real second process (another station, the CLI, a crashing poster):
// better-sqlite3 and the other native or self-reading packages stay the
// installed ones in node_modules.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const cacheDir = path.resolve('node_modules/.cache/cangwu-tests');

/** Bundles `entry` to node_modules/.cache/cangwu-tests/<its name>-<its folder's hash>.cjs; the bundle's path. */
export async function bundleForNode(entry: string): Promise<string> {
  // Worktrees of the repository may share one node_modules: each tree's entry has a bundle of its own.
  const tree = createHash('sha256').update(path.resolve(entry)).digest('hex').slice(0, 8);
  const outfile = path.join(cacheDir, `${path.basename(entry).replace(/\.[cm]?ts$/, '')}-${tree}.cjs`);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // playwright-core reads its own package.json at run time: it stays in node_modules.
    external: ['better-sqlite3', 'serialport', '@serialport/*', 'playwright-core', 'pdfkit'],
    // CommonJS has no import.meta; give modules that use it the same values (as scripts/build.mjs does).
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__importMetaUrl' },
    write: false,
    logLevel: 'silent',
  });
  // Written aside and renamed over: the SQLite and the PostgreSQL project run the
  // same file at once, and neither may start a half-written bundle of the other.
  fs.mkdirSync(cacheDir, { recursive: true });
  const temporary = `${outfile}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, result.outputFiles[0]!.contents);
  fs.renameSync(temporary, outfile);
  return outfile;
}
