// The command-line host: `cangwu <command>`. Each command opens the core on a
// data folder (--data-dir, else the OS user-data folder), does one thing and
// exits with 0, or 1 and the findings, or 2 for a wrong command line (one
// line, then the command's usage). Data goes to stdout (--json for machines),
// progress and errors to stderr — never a stack trace unless --debug.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DemoLogin } from '../shared/contract';
import { AppError, isAppError } from '../shared/errors';
import { decodeText } from '../shared/text/decodeText';
import { commandUsage, fullUsage, parseCommandLine, type Flags } from './cli/commands';
import { runDecode } from './cli/decode';
import { reportUserName, runEdrReport, runReport } from './cli/report';
import type { ReportKindName } from './cli/reportKinds';
import { exportBalances, exportMovements, toCsv } from './cli/exportData';
import { printError, progressLine } from './cli/output';
import { runScannerCommand } from './cli/scanner';
import { cliCaller } from './cli/session';
import { say, UsageError } from './cli/usage';
import { openCore, type Core } from './core/core';
import { claimDataDir, withDataDir } from './core/dataDirLock';
import { backupDatabase, restoreDatabase } from './core/db/backup';
import { copyToPostgres } from './core/db/copyToPostgres';
import { checkIntegrity } from './core/db/integrity';
import { openCoreDatabase } from './core/db/coreDatabase';
import { dumpPostgres } from './core/db/pgBackup';
import { pgSchemaVersion } from './core/db/pgMigrate';
import { databasePath, openDatabase } from './core/db/open';
import { storedTimeZone, storeTimeZone } from './core/timeZoneSetting';
import { printDocumentPdf } from './print/documentPdf';
import { printRouteToPdf } from './print/headless';
import { isLoopbackHost, startStationHost } from './server';
import type { TlsChoice } from './station/tls';

function print(json: boolean, value: unknown, text: string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
}

/** Where a command's warehouse is: its data folder, and a PostgreSQL server when one is named. */
type Where = { dataDir: string; database: string | undefined };

async function withCore<T>(where: Where, station: string, fn: (core: Core) => Promise<T>): Promise<T> {
  const core = await openCore({ ...where, station });
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}

async function dispatchOrThrow<T>(
  core: Core,
  caller: ReturnType<Core['newCaller']>,
  name: string,
  input: unknown,
): Promise<T> {
  const r = await core.dispatch(caller, name, input);
  if (!r.ok) throw new AppError(r.error.code, r.error.details ?? {});
  return r.value as T;
}

/** The warehouse's zone is chosen with its data folder: once documents exist, their business days are fixed. */
async function setTimeZone(where: Where, timeZone: string): Promise<void> {
  const { db } = await openCoreDatabase({ dataDir: where.dataDir, url: where.database });
  try {
    const { n } = await db
      .selectFrom('documents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const documents = Number(n);
    const stored = await storedTimeZone(db);
    if (documents > 0 && stored !== timeZone)
      throw new UsageError(
        say(
          `--time-zone: this warehouse already has ${documents} documents dated in ${stored}`,
          `--time-zone：此仓库已有 ${documents} 张按 ${stored} 日期记账的单据，不能更改时区`,
        ),
      );
    await storeTimeZone(db, timeZone);
  } finally {
    await db.destroy();
  }
}

/** The usage shown with a UsageError: the command's own once it is known. */
let activeUsage = fullUsage();

async function run(argv: string[]): Promise<number> {
  // Every mistake on the command line is found here, before anything opens (electron/cli/commands.ts).
  const line = parseCommandLine(argv);
  if (line.kind === 'help') {
    process.stdout.write(line.text);
    return 0;
  }
  activeUsage = commandUsage(line.name);
  const { command, flags, dataDir } = line;
  const where: Where = { dataDir, database: line.database };
  const rest = line.positionals.slice(1);
  const json = flags.json ?? false;

  switch (command) {
    case 'init':
      if (flags['time-zone']) await setTimeZone(where, flags['time-zone']);
      return withCore(where, 'cli', async (core) => {
        const caller = core.newCaller('cli');
        if (!flags.demo) {
          print(
            json,
            { dataDir, database: databasePath(dataDir) },
            `data folder ready: ${dataDir}\nopen the console to create the administrator (or run: cangwu init --demo)`,
          );
          return 0;
        }
        const bar = progressLine('loading demo warehouse');
        core.subscribe((e) => e.name === 'work.progress' && bar(e.payload.done, e.payload.total));
        const { logins } = await dispatchOrThrow<{ logins: DemoLogin[] }>(core, caller, 'setup.loadDemo', {});
        print(
          json,
          { dataDir, logins },
          `demo warehouse loaded into ${dataDir}\nlogins:\n${logins.map((l) => `  ${l.username.padEnd(12)} ${l.password}${l.pin ? `  PIN ${l.pin}` : ''}  (${l.roles.join(', ')})`).join('\n')}`,
        );
        return 0;
      });

    case 'import': {
      const [, file] = rest;
      // Excel's GBK "CSV", its UTF-16 "Unicode text", UTF-8 with or without a BOM (shared/text/decodeText.ts).
      const decoded = decodeText(fs.readFileSync(path.resolve(file!)));
      if (!decoded.ok) throw new AppError('import.undecodable', { line: decoded.line, reason: decoded.reason });
      const csv = decoded.text;
      if (!json && decoded.encoding !== 'utf-8') process.stderr.write(`read as ${decoded.encoding}\n`);
      return withCore(where, 'cli', async (core) => {
        const caller = await cliCaller(core, flags.user);
        const bar = progressLine('importing');
        core.subscribe((e) => e.name === 'work.progress' && bar(e.payload.done, e.payload.total));
        const report = await dispatchOrThrow<{ imported: number; updated: number }>(core, caller, 'products.import', {
          csv,
        });
        print(json, report, `imported ${report.imported} new products, updated ${report.updated}`);
        return 0;
      });
    }

    case 'export': {
      const [what] = rest;
      const format = flags.format ?? 'csv';
      return withCore(where, 'cli', async (core) => {
        const caller = await cliCaller(core, flags.user);
        const rows =
          what === 'balances'
            ? await exportBalances(core, caller)
            : await exportMovements(core, caller, progressLine('exporting'));
        const text = format === 'json' || json ? `${JSON.stringify(rows, null, 2)}\n` : toCsv(rows);
        if (flags.out) {
          fs.writeFileSync(path.resolve(flags.out), text);
          process.stderr.write(`${rows.length} rows written to ${path.resolve(flags.out)}\n`);
        } else process.stdout.write(text);
        return 0;
      });
    }

    case 'check':
      return withCore(where, 'cli', async (core) => {
        const report = await checkIntegrity(core.database.db);
        const lines = report.findings.map((f) => `  ${f.kind}: ${JSON.stringify({ ...f, kind: undefined })}`);
        print(
          json,
          report,
          report.ok
            ? `ok: ${report.movements} movements, ${report.balances} balances and ${report.periodFigures} period figures agree; no negative balance`
            : `${report.findings.length} problem(s) found:\n${lines.join('\n')}`,
        );
        return report.ok ? 0 : 1;
      });

    case 'backup': {
      if (!flags.to) throw new UsageError('usage: cangwu backup --to FILE');
      const to = flags.to;
      return withCore(where, 'cli', async (core) => {
        // PostgreSQL: the server's own dump (db/pgBackup.ts); SQLite: an online copy of the file.
        const report = where.database
          ? await dumpPostgres(where.database, to, await pgSchemaVersion(core.database.db))
          : await backupDatabase(core.database.sqlite, to);
        print(json, report, `backup written: ${report.file} (${report.bytes} bytes, schema ${report.schemaVersion})`);
        return 0;
      });
    }

    case 'restore': {
      if (!flags.from) throw new UsageError('usage: cangwu restore --from FILE');
      const from = flags.from;
      // Holding the data folder for the whole restore: refused while a host
      // runs on it, and no host can start on it until the restore is done.
      const result = await withDataDir(dataDir, 'cangwu restore', () => restoreDatabase(dataDir, from));
      print(
        json,
        result,
        `restored ${result.restored.file} from ${path.resolve(from)}${result.previous ? `\nthe database it replaced is kept at ${result.previous}` : ''}`,
      );
      return 0;
    }

    case 'report': {
      const [what] = rest;
      return withCore(where, 'cli', async (core) => {
        const caller = await cliCaller(core, await reportUserName(core, flags.user, what as ReportKindName));
        const rendererDir = path.join(__dirname, '..', 'renderer');
        if (!json) process.stderr.write(`writing the ${what} report…\n`);
        if (what === 'edr') {
          const edr = await runEdrReport(core, caller, flags);
          print(json, edr, `EDR (${edr.send}) written:\n${edr.files.join('\n')}`);
          return 0;
        }
        const out = await runReport(core, caller, what as Exclude<ReportKindName, 'edr'>, flags, rendererDir);
        print(json, out, `${out.format.toUpperCase()} written: ${out.file} (${out.bytes} bytes)`);
        return 0;
      });
    }

    case 'decode': {
      const [raw] = rest;
      return runDecode(raw!, json);
    }

    case 'scanner': {
      const [sub, ...args] = rest;
      return runScannerCommand(sub!, args, {
        ...(flags.port !== undefined && { port: flags.port }),
        ...(flags.baud !== undefined && { baud: flags.baud }),
        ...(flags.file !== undefined && { file: flags.file }),
        ...(flags.rate !== undefined && { rate: flags.rate }),
        ...(flags.terminator !== undefined && { terminator: flags.terminator }),
        json,
      });
    }

    case 'db': {
      // The only db command: migrate-to-postgres (electron/core/db/copyToPostgres.ts).
      const from = path.resolve(flags.from!);
      const to = flags.to!;
      // Held for the whole copy: no host may post into the source meanwhile.
      return withDataDir(from, 'cangwu db migrate-to-postgres', async () => {
        const { sqlite } = openDatabase(from);
        try {
          const source = await checkIntegrity(sqlite);
          if (!source.ok) {
            process.stderr.write(
              `cangwu: the SQLite database has ${source.findings.length} problem(s); run \`cangwu check --data-dir ${from}\` and fix them first (源数据库有问题)\n`,
            );
            return 1;
          }
          let table = '';
          const report = await copyToPostgres(sqlite, to, (p) => {
            if (json || p.table === table) return;
            table = p.table;
            process.stderr.write(
              `copying ${p.table}… ${Math.floor((p.totalCopied / Math.max(1, p.totalRows)) * 100)}%\n`,
            );
          });
          const width = Math.max(...report.tables.map((t) => t.table.length));
          const rows = report.tables.map(
            (t) => `  ${t.table.padEnd(width)}  ${String(t.sqlite).padStart(9)}  ${String(t.postgres).padStart(9)}`,
          );
          print(
            json,
            report,
            [
              `  ${'table'.padEnd(width)}  ${'SQLite'.padStart(9)}  ${'PostgreSQL'.padStart(9)}`,
              ...rows,
              `ledger = balances on PostgreSQL: ${report.ledgerMismatches} mismatches; negative balances: ${report.negativeBalances}`,
              `ok: ${report.rows} rows in ${report.tables.length} tables copied in ${(report.ms / 1000).toFixed(1)} s (schema ${report.schemaVersion}); the SQLite database is unchanged`,
            ].join('\n'),
          );
          return 0;
        } finally {
          sqlite.close();
        }
      });
    }

    case 'serve': {
      const host = flags.host ?? '127.0.0.1';
      const port = flags.port !== undefined ? Number(flags.port) : 5310;
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0–65535');
      const station = flags.station ?? os.hostname();
      const tls = serveTls(flags, host, dataDir);
      if (flags['dry-run']) {
        process.stdout.write(
          `Cangwu station host would listen on ${tls ? 'https' : 'http'}://${host}:${port}/ (data: ${dataDir})\n`,
        );
        return 0;
      }
      // The station host owns this machine's serial scanners, like the Electron host does.
      // One writer host per data folder: refused, naming the holder, when another runs on it.
      const release = claimDataDir(dataDir, `cangwu serve --port ${port}`);
      const core = await openCore({
        ...where,
        databaseFromCommandLine: flags.database !== undefined,
        station,
        serial: true,
        backups: true,
      }).catch((e: unknown) => {
        release();
        throw e;
      });
      // One bad request is answered and logged, never the end of the host for every station.
      const survive = (e: unknown) =>
        process.stderr.write(
          `cangwu: unexpected error (the host keeps running): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
        );
      process.on('uncaughtException', survive);
      process.on('unhandledRejection', survive);
      const rendererDir = path.join(__dirname, '..', 'renderer');
      const stationHost = await startStationHost({
        core,
        rendererDir,
        host,
        port,
        allowedHosts: flags['allowed-host'] ?? [],
        ...(tls && { tls }),
        log: (line) => process.stderr.write(`${line}\n`),
      });
      process.stdout.write(`Cangwu station host: ${stationHost.url}  (station ${station}, data ${dataDir})\n`);
      // Scheduled report PDFs: drawn by the system Chromium from this host's own print route.
      core.schedules.setPrinter((job) =>
        printDocumentPdf(core, job, (j) => printRouteToPdf(core, { baseUrl: stationHost.url, ...j })),
      );
      core.schedules.start();
      if (stationHost.tls)
        process.stdout.write(
          `TLS certificate ${stationHost.tls.certFile}${stationHost.tls.source === 'generated' ? ' (generated now)' : ''}\n` +
            `  SHA-256 fingerprint ${stationHost.tls.fingerprint}\n` +
            "  (check it in each station's browser before trusting the certificate)\n",
        );
      if (stationHost.setupCode)
        process.stdout.write(
          `No administrator yet. First-run setup from another machine needs this one-time setup code: ${stationHost.setupCode}\n`,
        );
      for (const warning of stationHost.warnings) process.stderr.write(`${warning}\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      // Stopping must not hang on a stuck device or client: give it 5 s, then go.
      setTimeout(() => process.exit(0), 5000).unref();
      await stationHost.close();
      await core.close();
      release();
      return 0;
    }

    default:
      // parseCommandLine knows every command; one it lets through must have a case here.
      throw new UsageError(say(`unknown command: ${command}`, `未知命令 ${command}`), fullUsage());
  }
}

/** TLS for `serve`: the given PEM files; on the network, else a self-signed certificate; none on loopback or with --insecure-http. */
function serveTls(flags: Flags, host: string, dataDir: string): TlsChoice | null {
  const cert = flags['tls-cert'];
  const key = flags['tls-key'];
  if (cert !== undefined && key !== undefined) return { certFile: cert, keyFile: key };
  if (isLoopbackHost(host) || flags['insecure-http']) return null;
  return { selfSignedIn: dataDir, names: [host, ...(flags['allowed-host'] ?? [])] };
}

// `cangwu export … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const debug = process.argv.includes('--debug');

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const json = process.argv.includes('--json');
    if (e instanceof UsageError) {
      // One line, then the usage; a bare "usage: …" message is the usage itself.
      const message = e.message.startsWith('usage:') ? say('wrong arguments', '参数有误') : e.message;
      process.stderr.write(`cangwu: ${message}\n${e.usage ?? activeUsage}`);
      process.exitCode = 2;
    } else if (isAppError(e)) {
      printError(e.toJSON(), json);
      process.exitCode = 1;
    } else if (e instanceof Error && 'code' in e && typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) {
      // File-system errors (a port in use, a disk that filled) in one line.
      process.stderr.write(`cangwu: ${e.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(
        `cangwu: unexpected error: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}${debug ? '' : ' (--debug shows where)'}\n`,
      );
      process.exitCode = 1;
    }
    // A wrong command line has no "where"; anything else shows it with --debug.
    if (debug && !(e instanceof UsageError) && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  },
);
