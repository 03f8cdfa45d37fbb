#!/usr/bin/env node
// Electronegativity (Doyensec's scanner for Electron misconfigurations) over
// electron/, as a gate: any finding not justified in
// electron/security/electronegativity-justified.json fails the run (exit 1),
// and so does a justification whose finding no longer occurs (stale), a file
// the scanner could not parse (its checks would silently not run), or a
// justification without a reason. `npm test` runs it right after lint.
//
// It runs the scanner's own runner (what its CLI calls) with what the CLI's
// options -i electron -x AvailableSecurityFixesGlobalCheck -e <pinned
// Electron> -r set, in this process rather than through the CLI, because the
// CLI's machine-readable output (-o x.sarif / x.csv) hides parse errors, is
// written without being awaited, and the SARIF drops severity and
// confidence; and because the CLI first fetches translations from the
// internet at every start (two 1-second timeouts offline, ~4 s). Here that
// fetch is answered "not found" without any network (the bundled English
// texts are used) and the findings come back as data: nothing is written, so
// no temporary file can be left behind.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const scanned = 'electron';
const justifiedFile = path.join(root, 'electron/security/electronegativity-justified.json');
// The same list the CLI's -x takes; AvailableSecurityFixesGlobalCheck only
// lists fixes of Electron releases newer than the pinned one.
const excludedChecks = ['AvailableSecurityFixesGlobalCheck'];

const started = Date.now();

/** The pinned Electron (the scanner cannot detect it from sources and would assume 0.1.0). */
const electronVersion = JSON.parse(
  fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;

/** Answers the scanner's translation download "404" without touching the network. */
function offlineTranslations() {
  const egDir = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
  const gotPath = require.resolve('got', { paths: [path.join(egDir, 'dist/locales')] });
  const notFound = () => Promise.resolve({ statusCode: 404, body: '' });
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: notFound, children: [], paths: [] };
  return egDir;
}

function readJustifications() {
  const list = JSON.parse(fs.readFileSync(justifiedFile, 'utf8')).justified;
  if (!Array.isArray(list)) throw new Error(`${path.relative(root, justifiedFile)}: "justified" must be a list`);
  const problems = [];
  for (const [i, j] of list.entries()) {
    if (typeof j?.check !== 'string' || typeof j?.file !== 'string')
      problems.push(`entry ${i}: needs "check" and "file"`);
    else if (j.message !== undefined && typeof j.message !== 'string')
      problems.push(`entry ${i}: "message" must be text`);
    else if (typeof j.reason !== 'string' || j.reason.trim().length < 20)
      problems.push(`entry ${i} (${j.check} in ${j.file}): needs a "reason" a reviewer can judge`);
  }
  return { list, problems };
}

/** A finding as data: check id, file (relative to the repository), line, severity, confidence, text. */
function finding(issue) {
  return {
    check: issue.id,
    file: issue.file === 'N/A' ? issue.file : path.posix.join(scanned, issue.file.split(path.sep).join('/')),
    line: issue.location?.line ?? 0,
    severity: issue.severity?.name ?? '?',
    confidence: issue.confidence?.name ?? '?',
    message: issue.description ?? '',
  };
}

let exitCode = 0;
try {
  const egDir = offlineTranslations();
  const run = require(path.join(egDir, 'dist/runner.js'));
  const result = await run({
    input: path.join(root, scanned),
    isRelative: true,
    customScan: [],
    excludeFromScan: excludedChecks,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  });
  const parseErrors = result.errors.filter((e) => !e.tolerable);
  const findings = result.issues.map(finding);
  const { list: justified, problems } = readJustifications();

  // An entry covers a finding of its check in its file, with its message when
  // it gives one (CSP_GLOBAL_CHECK says "weak", "maybe weak", "invalid" or
  // "none" under one id).
  const covers = (j, f) =>
    j.check === f.check && j.file === f.file && (j.message === undefined || j.message === f.message);
  const isJustified = (f) => justified.some((j) => covers(j, f));
  const unjustified = findings.filter((f) => !isJustified(f));
  const stale = justified.filter((j) => !findings.some((f) => covers(j, f)));

  console.log(
    `electronegativity ${result.globalChecks + result.atomicChecks} checks over ${scanned}/ (Electron ${electronVersion}, ` +
      `excluding ${excludedChecks.join(', ')}): ${findings.length} finding(s), ${findings.length - unjustified.length} justified`,
  );
  for (const f of findings) {
    const mark = isJustified(f) ? 'justified' : 'NOT JUSTIFIED';
    console.log(`  ${mark.padEnd(13)} ${f.check} ${f.file}:${f.line} (${f.severity}/${f.confidence}) ${f.message}`);
  }
  for (const e of parseErrors) console.error(`  COULD NOT PARSE ${path.relative(root, e.file)}: ${e.message}`);
  for (const j of stale) console.error(`  STALE justification: ${j.check} in ${j.file} no longer occurs; remove it`);
  for (const p of problems) console.error(`  BAD justification: ${p}`);

  if (unjustified.length || stale.length || parseErrors.length || problems.length) {
    console.error(
      `electronegativity FAILED: fix the finding, or justify it in ${path.relative(root, justifiedFile)} ` +
        '({ "check", "file", "reason" }) after review.',
    );
    exitCode = 1;
  }
} catch (e) {
  console.error('electronegativity could not run:', e);
  exitCode = 1;
}
console.log(`electronegativity took ${((Date.now() - started) / 1000).toFixed(1)}s`);
process.exit(exitCode);
