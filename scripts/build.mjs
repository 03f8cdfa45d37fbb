#!/usr/bin/env node
// `npm run build`: the renderer with Vite (vite.config.mts), the three Node
// entry points with esbuild. Everything lands in dist/, which is what the
// Electron host, the station host, bin/cangwu.cjs and electron-builder load.
// Fails loudly on the first error; no partial dist/ pretends to be a build.
import { existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { build as viteBuild } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rel = (p) => path.relative(root, p) || '.';

/**
 * Never bundled: the electron package is provided by the runtime; the native
 * addons (better-sqlite3, serialport's bindings) load a .node file found
 * relative to their own package, so they must stay in node_modules, where
 * electron-builder rebuilds them for Electron and unpacks them from the asar.
 * tests/unit/packaging.test.ts checks every native dependency is listed here.
 */
export const nodeExternals = [
  'electron',
  'better-sqlite3',
  'serialport',
  '@serialport/*',
  '*.node',
  // ws's optional speed-ups: native, optional, required inside try/catch.
  'bufferutil',
  'utf-8-validate',
  // Headless PDFs (electron/print/headless.ts): loads its own files relative to
  // its package and drives the system Chromium; kept whole in node_modules.
  'playwright-core',
  // Direct PDFs (electron/print/tablePdf.ts): pdfkit reads its font metrics
  // (data/*.afm) from its own package folder at run time.
  'pdfkit',
];

/** The Node bundles: [entry, output]. */
export const nodeEntries = [
  ['electron/main.ts', 'dist/electron/main.cjs'],
  // The preload runs sandboxed: it may require only 'electron', so everything
  // else is bundled in (and must stay small; see shared/contract/names.ts).
  ['electron/preload.ts', 'dist/electron/preload.cjs'],
  ['electron/cli.ts', 'dist/electron/cli.cjs'],
];

// CommonJS output has no import.meta; give modules that use it the same values.
const importMetaShim = {
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: {
    'import.meta.url': '__importMetaUrl',
    'import.meta.dirname': '__dirname',
    'import.meta.filename': '__filename',
  },
};

async function buildNode() {
  const missing = nodeEntries.map(([entry]) => entry).filter((entry) => !existsSync(path.join(root, entry)));
  if (missing.length > 0) throw new Error(`missing entry point(s): ${missing.join(', ')}`);
  rmSync(path.join(root, 'dist/electron'), { recursive: true, force: true });
  return Promise.all(
    nodeEntries.map(async ([entry, out]) => {
      const isPreload = entry.endsWith('preload.ts');
      await esbuild.build({
        absWorkingDir: root,
        entryPoints: [entry],
        outfile: out,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        // Not shipped in the package (CANGWU_SOURCEMAPS=1 for a local debugging build); keepNames keeps stacks readable.
        sourcemap: process.env.CANGWU_SOURCEMAPS === '1',
        keepNames: true,
        external: nodeExternals,
        logLevel: 'warning',
        ...(isPreload ? {} : importMetaShim),
      });
      return out;
    }),
  );
}

async function buildRenderer() {
  // The 'runner' loader runs the config like any module, so it may import
  // electron/csp.ts (a TS file in a package without "type": "module").
  await viteBuild({ configFile: path.join(root, 'vite.config.mts'), configLoader: 'runner', logLevel: 'warn' });
  return 'dist/renderer/index.html';
}

function size(file) {
  const bytes = statSync(path.join(root, file)).size;
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}

async function main() {
  const started = Date.now();
  const nodeOutputs = await buildNode();
  const nodeDone = Date.now();
  const rendererOutput = await buildRenderer();
  const done = Date.now();
  for (const out of nodeOutputs) console.log(`  ${out.padEnd(32)} ${size(out).padStart(9)}`);
  console.log(`  ${rendererOutput.padEnd(32)} ${'(vite)'.padStart(9)}`);
  console.log(
    `build ok: node bundles ${nodeDone - started} ms, renderer ${done - nodeDone} ms, total ${done - started} ms (${rel(path.join(root, 'dist'))}/)`,
  );
}

// Importable (tests read nodeExternals) without building.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    // esbuild and Vite have already printed the located errors; one line more.
    console.error(`build failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
