// The command-line host: `cangwu <command>`. Each command opens the core on a
// data folder (--data-dir, else the OS user-data folder), does one thing and
// exits with 0, or 1 and the findings. Data goes to stdout (--json for
// machines), progress and errors to stderr — never a stack trace.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { DemoLogin } from '../shared/contract';
import { AppError, isAppError } from '../shared/errors';
import { runDecode } from './cli/decode';
import { exportBalances, exportMovements, toCsv } from './cli/exportData';
import { printError, progressLine } from './cli/output';
import { runScannerCommand, scannerUsage } from './cli/scanner';
import { cliCaller } from './cli/session';
import { openCore, type Core } from './core/core';
import { defaultDataDir } from './core/dataDir';
import { claimDataDir, withDataDir } from './core/dataDirLock';
import { backupDatabase, restoreDatabase } from './core/db/backup';
import { checkIntegrity } from './core/db/integrity';
import { databasePath } from './core/db/open';
import { startStationHost } from './server';

const usage = `cangwu — Cangwu 仓务 command line

  cangwu init [--demo]                          create the data folder (with --demo: the demo warehouse)
  cangwu import products FILE.csv [--user U]    import products, all or nothing
  cangwu export balances|movements [--format csv|json] [--out FILE]
  cangwu check                                  integrity: quick_check, ledger = balances, no negatives
  cangwu backup --to FILE                       online backup, safe while the console runs
  cangwu restore --from FILE                    replace the database (the current one is kept in backups/)
  cangwu serve [--host H] [--port P] [--station NAME]   the station host for browsers on the LAN
                                                (opens the serial scanners configured for this station)
  cangwu decode "<raw>" [--json]                decode a scan as the console would (<GS> or \x1d for FNC1)
${scannerUsage}
  common: --data-dir DIR   (default ${defaultDataDir()})
          --json           machine-readable output
`;

type Flags = {
  'data-dir'?: string;
  json?: boolean;
  demo?: boolean;
  format?: string;
  out?: string;
  to?: string;
  from?: string;
  host?: string;
  port?: string;
  station?: string;
  user?: string;
  'dry-run'?: boolean;
  help?: boolean;
  baud?: string;
  file?: string;
  rate?: string;
  terminator?: string;
};

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      json: { type: 'boolean' },
      demo: { type: 'boolean' },
      format: { type: 'string' },
      out: { type: 'string' },
      to: { type: 'string' },
      from: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      station: { type: 'string' },
      user: { type: 'string' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      baud: { type: 'string' },
      file: { type: 'string' },
      rate: { type: 'string' },
      terminator: { type: 'string' },
    },
  }) as { values: Flags; positionals: string[] };
}

function print(json: boolean, value: unknown, text: string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
}

async function withCore<T>(dataDir: string, station: string, fn: (core: Core) => Promise<T>): Promise<T> {
  const core = await openCore({ dataDir, station });
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

async function run(argv: string[]): Promise<number> {
  const { values: flags, positionals } = parse(argv);
  const [command, ...rest] = positionals;
  if (flags.help || !command) {
    process.stdout.write(usage);
    return command || flags.help ? 0 : 2;
  }
  const dataDir = path.resolve(flags['data-dir'] ?? defaultDataDir());
  const json = flags.json ?? false;

  switch (command) {
    case 'init':
      return withCore(dataDir, 'cli', async (core) => {
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
      const [what, file] = rest;
      if (what !== 'products' || !file) throw new UsageError('usage: cangwu import products FILE.csv');
      const csv = fs.readFileSync(path.resolve(file), 'utf8');
      return withCore(dataDir, 'cli', async (core) => {
        const caller = cliCaller(core, flags.user);
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
      if ((what !== 'balances' && what !== 'movements') || (format !== 'csv' && format !== 'json'))
        throw new UsageError('usage: cangwu export balances|movements [--format csv|json] [--out FILE]');
      return withCore(dataDir, 'cli', async (core) => {
        const caller = cliCaller(core, flags.user);
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
      return withCore(dataDir, 'cli', async (core) => {
        const report = checkIntegrity(core.database.sqlite);
        const lines = report.findings.map((f) => `  ${f.kind}: ${JSON.stringify({ ...f, kind: undefined })}`);
        print(
          json,
          report,
          report.ok
            ? `ok: ${report.movements} movements, ${report.balances} balances agree; no negative balance`
            : `${report.findings.length} problem(s) found:\n${lines.join('\n')}`,
        );
        return report.ok ? 0 : 1;
      });

    case 'backup': {
      if (!flags.to) throw new UsageError('usage: cangwu backup --to FILE');
      const to = flags.to;
      return withCore(dataDir, 'cli', async (core) => {
        const report = await backupDatabase(core.database.sqlite, to);
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

    case 'decode': {
      const [raw] = rest;
      if (raw === undefined) throw new UsageError('usage: cangwu decode "<raw>" [--json]');
      return runDecode(raw, json);
    }

    case 'scanner': {
      const [sub, ...args] = rest;
      if (!sub) throw new UsageError(`usage:\n${scannerUsage}`);
      return runScannerCommand(sub, args, {
        ...(flags.port !== undefined && { port: flags.port }),
        ...(flags.baud !== undefined && { baud: flags.baud }),
        ...(flags.file !== undefined && { file: flags.file }),
        ...(flags.rate !== undefined && { rate: flags.rate }),
        ...(flags.terminator !== undefined && { terminator: flags.terminator }),
        json,
      });
    }

    case 'serve': {
      const host = flags.host ?? '127.0.0.1';
      const port = flags.port !== undefined ? Number(flags.port) : 5310;
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0–65535');
      const station = flags.station ?? os.hostname();
      if (flags['dry-run']) {
        process.stdout.write(`Cangwu station host would listen on http://${host}:${port}/ (data: ${dataDir})\n`);
        return 0;
      }
      // The station host owns this machine's serial scanners, like the Electron host does.
      // One writer host per data folder: refused, naming the holder, when another runs on it.
      const release = claimDataDir(dataDir, `cangwu serve --port ${port}`);
      const core = await openCore({ dataDir, station, serial: true, backups: true }).catch((e: unknown) => {
        release();
        throw e;
      });
      const rendererDir = path.join(__dirname, '..', 'renderer');
      const stationHost = await startStationHost({ core, rendererDir, host, port });
      process.stdout.write(`Cangwu station host: ${stationHost.url}  (station ${station}, data ${dataDir})\n`);
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
      throw new UsageError(`unknown command: ${command}\n\n${usage}`);
  }
}

class UsageError extends Error {}

// `cangwu export … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const json = process.argv.includes('--json');
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n`);
      process.exitCode = 2;
    } else if (isAppError(e)) {
      printError(e.toJSON(), json);
      process.exitCode = 1;
    } else if (e instanceof Error && 'code' in e && typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) {
      // File-system errors (a missing CSV, a port in use) in one line.
      process.stderr.write(`cangwu: ${e.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`cangwu: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    }
  },
);
