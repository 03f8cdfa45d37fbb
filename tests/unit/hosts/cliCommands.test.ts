// The command line's grammar (electron/cli/commands.ts), mistake by mistake:
// each becomes a UsageError whose one-line message says what is wrong and
// whose usage is the command's own. tests/integration/hosts/cliBadInput.test.ts
// checks the same through the real process (exit 2, no stack trace).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands, parseCommandLine, type CommandName } from '../../../electron/cli/commands';
import { UsageError } from '../../../electron/cli/usage';

let dir: string;
let file: string; // an ordinary file: not a folder, not a database
let empty: string; // a folder with no database in it
let withDb: string; // a folder with a (stand-in) database file

beforeAll(() => {
  process.env.LANG = 'C';
  delete process.env.LC_ALL;
  delete process.env.LC_MESSAGES;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cangwu-cli-unit-'));
  file = path.join(dir, 'plain.csv');
  fs.writeFileSync(file, 'code,name_zh\n');
  empty = path.join(dir, 'empty');
  fs.mkdirSync(empty);
  withDb = path.join(dir, 'data');
  fs.mkdirSync(withDb);
  fs.writeFileSync(path.join(withDb, 'cangwu.db'), '');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const missing = () => path.join(dir, 'no-such-file.csv');
type Case = [args: () => string[], line: RegExp];

/** Per command: the mistakes and the message each must produce. A command without cases fails the type check. */
const cases: Record<CommandName, Case[]> = {
  init: [
    [() => ['init', '--bogus'], /unknown option --bogus for `cangwu init`/],
    [() => ['init', 'now'], /unexpected argument: now/],
    [() => ['init', '--demo=yes'], /--demo takes no value/],
    [() => ['init', '--data-dir', file], /data folder .*plain\.csv is not a folder/],
    [() => ['init', '--data-dir', path.join(file, 'sub')], /data folder .* is inside a file/],
  ],
  import: [
    [() => ['import', 'products', file, '--bogus'], /unknown option --bogus/],
    [() => ['import', 'products'], /missing FILE\.csv/],
    [() => ['import'], /missing products FILE\.csv/],
    [() => ['import', 'products', missing()], /no such file: .*no-such-file\.csv/],
    [() => ['import', 'products', dir], /not a file/],
    [() => ['import', 'customers', file], /cannot import "customers"/],
    [() => ['import', 'products', file, '--format', 'csv'], /unknown option --format.*belongs to: export/],
    [() => ['import', 'products', file, '--data-dir', empty], /no Cangwu database in/],
    [() => ['import', 'products', file, '--user'], /--user needs a value/],
  ],
  export: [
    [() => ['export', 'balances', '--bogus'], /unknown option --bogus for `cangwu export`/],
    [() => ['export', 'balances', '--format', 'xml'], /--format must be csv or json, not "xml"/],
    [() => ['export'], /missing balances\|movements/],
    [() => ['export', 'everything'], /cannot export "everything"/],
    [() => ['export', 'balances', 'movements'], /unexpected argument: movements/],
    [() => ['export', 'balances', '--out', path.join(dir, 'nope', 'x.csv')], /--out: no folder/],
    [() => ['export', 'balances', '--out', dir], /--out .* is a folder/],
    [() => ['export', 'balances', '--data-dir', file], /is not a folder/],
    [() => ['export', 'balances', '--data-dir', path.join(dir, 'absent')], /no data folder at/],
  ],
  check: [
    [() => ['check', '--bogus'], /unknown option --bogus/],
    [() => ['check', '--to', 'x'], /unknown option --to.*belongs to: backup/],
    [() => ['check', 'now'], /unexpected argument: now/],
    [() => ['check', '--data-dir', empty], /no Cangwu database in/],
    [() => ['check', '--data-dir'], /--data-dir needs a value/],
  ],
  report: [
    [() => ['report', 'weekly', '--week', '2026-W48'], /exactly one of --pdf, --csv, --xlsx/],
    [() => ['report', 'weekly', '--week', '2026-W48', '--pdf', 'a.pdf', '--csv', 'a.csv'], /exactly one of/],
    [() => ['report', 'payroll', '--week', '2026-W48', '--pdf', 'a.pdf'], /unknown report "payroll"/],
    [() => ['report', 'weekly', '--week', '2026-48', '--pdf', 'a.pdf'], /--week must look like 2026-W48/],
    [() => ['report', 'weekly', '--pdf', 'a.pdf'], /give --week, or --from and --to/],
    [() => ['report', 'weekly', '--from', '2026-11-01', '--pdf', 'a.pdf'], /give --week, or --from and --to/],
    [
      () => ['report', 'weekly', '--week', '2026-W48', '--from', '2026-11-01', '--to', '2026-11-07', '--pdf', 'a.pdf'],
      /give --week, or/,
    ],
    [
      () => ['report', 'weekly', '--from', '1/11/2026', '--to', '2026-11-07', '--pdf', 'a.pdf'],
      /--from must be a date/,
    ],
    [() => ['report', 'weekly', '--week', '2026-W48', '--pdf', dir], /--pdf .* is a folder/],
    [() => ['report', 'weekly', '--week', '2026-W48', '--warehouse', 'main', '--pdf', 'a.pdf'], /--warehouse must be/],
    [() => ['report'], /missing weekly\|kpi/],
    [() => ['report', 'kpi', '--csv', 'a.csv'], /give --month like 2026-11/],
    [() => ['report', 'kpi', '--month', '2026-13', '--csv', 'a.csv'], /give --month like 2026-11/],
    [
      () => ['report', 'kpi', '--month', '2026-11', '--week', '2026-W48', '--csv', 'a.csv'],
      /report kpi takes no --week/,
    ],
    [() => ['report', 'weekly', '--week', '2026-W48', '--month', '2026-11', '--csv', 'a.csv'], /takes no --month/],
    [() => ['report', 'weekly', '--week', '2026-W48', '--out', dir, '--csv', 'a.csv'], /--out is for report edr/],
    [() => ['report', 'kpi', '--month', '2026-11', '--draft', '--csv', 'a.csv'], /--draft is for report edr/],
    [() => ['report', 'edr', '--out', dir], /give --week like 2026-W48 or a day of the week YYYY-MM-DD \(/],
    [() => ['report', 'edr', '--week', '2026-02-30', '--out', dir], /give --week like .*, not "2026-02-30"/],
    [() => ['report', 'edr', '--week', '2026-W54', '--out', dir], /give --week like/],
    [() => ['report', 'edr', '--week', '2026-W48'], /--out DIR is required/],
    [() => ['report', 'edr', '--week', '2026-W48', '--out', path.join(dir, 'nope')], /--out: no folder .*nope/],
    [() => ['report', 'edr', '--week', '2026-W48', '--out', file], /--out: no folder/],
    [() => ['report', 'edr', '--week', '2026-W48', '--out', dir, '--csv', 'a.csv'], /report edr takes no --csv/],
    [
      () => ['report', 'edr', '--week', '2026-W48', '--out', dir, '--warehouse', '1'],
      /report edr takes no --warehouse/,
    ],
    [() => ['report', 'edr', '--week', '2026-W48', '--out'], /--out needs a value/],
    [() => ['report', 'edr', '--week', '2026-W48', '--out', dir, '--draft=yes'], /--draft takes no value/],
    [() => ['report', 'scorecard', '--pdf', 'a.pdf'], /give --week like 2026-W48/],
    [() => ['report', 'scorecard', '--week', '2026-W48'], /--pdf FILE is required/],
    [() => ['report', 'scorecard', '--week', '2026-W48', '--csv', 'a.csv'], /report scorecard takes no --csv/],
    [() => ['report', 'scorecard', '--week', '2026-W48', '--pdf', 'a.pdf', '--draft'], /takes no --draft/],
    [() => ['report', 'scorecard', '--week', '2026-W48', '--out', dir], /report scorecard takes no --out/],
    [() => ['report', 'scorecard', '--week', '2026-W48', '--pdf', dir], /--pdf .* is a folder/],
  ],
  backup: [
    [() => ['backup'], /--to FILE is required/],
    [() => ['backup', '--to'], /--to needs a value/],
    [() => ['backup', '--to', '  '], /--to needs a value/],
    [() => ['backup', '--to', dir], /--to .* is a folder/],
    [() => ['backup', '--to', 'x.db', '--bogus'], /unknown option --bogus/],
    [() => ['backup', '--to', 'x.db', '--data-dir', file], /is not a folder/],
  ],
  restore: [
    [() => ['restore'], /--from FILE is required/],
    [() => ['restore', '--from', missing()], /--from: no such file/],
    [() => ['restore', '--from', dir], /--from: not a file/],
    [() => ['restore', '--from', file, '--to', 'x'], /unknown option --to.*belongs to: backup/],
    [() => ['restore', '--from', file, '--data-dir', file], /is not a folder/],
  ],
  serve: [
    [() => ['serve', '--port', 'abc'], /--port must be a number 0–65535, not "abc"/],
    [() => ['serve', '--port', '70000'], /--port must be a number 0–65535, not "70000"/],
    [() => ['serve', '--port', '1.5'], /--port must be a number/],
    [() => ['serve', '--port', '-1'], /--port needs a value; write --port=VALUE/],
    [() => ['serve', '--host', ''], /--host needs a value/],
    [() => ['serve', '--bogus'], /unknown option --bogus for `cangwu serve`/],
    [() => ['serve', '--rate', '5'], /unknown option --rate.*belongs to: scanner simulate/],
    [() => ['serve', '--tls-cert', 'c.pem'], /--tls-cert and --tls-key go together/],
    [() => ['serve', '--tls-cert', '/no/such/cert.pem', '--tls-key', '/no/such/key.pem'], /--tls-cert/],
  ],
  decode: [
    [() => ['decode'], /missing "<raw>"/],
    [() => ['decode', 'a', 'b'], /unexpected argument: b/],
    [() => ['decode', '0101', '--bogus'], /unknown option --bogus for `cangwu decode`/],
    [() => ['decode', '0101', '--data-dir', dir], /unknown option --data-dir for `cangwu decode`/],
  ],
  'scanner list': [
    [() => ['scanner', 'list', '--port', '/dev/x'], /unknown option --port for `cangwu scanner list`/],
    [() => ['scanner', 'list', 'extra'], /unexpected argument: extra/],
  ],
  'scanner listen': [
    [() => ['scanner', 'listen'], /--port P is required/],
    [() => ['scanner', 'listen', '--port', '/dev/x', '--baud', 'fast'], /--baud must be 300–921600/],
    [() => ['scanner', 'listen', '--port', '/dev/x', '--baud', '50'], /--baud must be 300–921600/],
    [() => ['scanner', 'listen', '--port', '/dev/x', '--terminator', 'ETX'], /--terminator must be/],
    [() => ['scanner', 'listen', '--port', '/dev/x', '--file', file], /unknown option --file/],
  ],
  'scanner simulate': [
    [() => ['scanner', 'simulate', '--port', '/dev/x', '--rate', '-1', 'X'], /--rate needs a value/],
    [() => ['scanner', 'simulate', '--port', '/dev/x', '--rate=-1', 'X'], /--rate must be N\/s/],
    [() => ['scanner', 'simulate', '--port', '/dev/x', '--rate', 'fast', 'X'], /--rate must be N\/s/],
    [() => ['scanner', 'simulate', '--port', '/dev/x', '--file', missing()], /--file: no such file/],
    [() => ['scanner', 'simulate', '--port', '/dev/x'], /simulate needs codes or --file F/],
    [() => ['scanner', 'simulate', 'X'], /--port P is required/],
  ],
  'db migrate-to-postgres': [
    [() => ['db', 'migrate-to-postgres', '--to', 'postgres://h/db'], /--from DATA_DIR is required/],
    [() => ['db', 'migrate-to-postgres', '--from', dir], /--to postgres:\/\/… is required/],
    [
      () => ['db', 'migrate-to-postgres', '--from', dir, '--to', 'postgres://h/db'],
      /no Cangwu database in that folder/,
    ],
    [
      () => ['db', 'migrate-to-postgres', '--from', dir, '--to', 'mysql://h/db', '--data-dir', dir],
      /unknown option --data-dir/,
    ],
    [() => ['db', 'frob'], /unknown db command: frob/],
    [() => ['db'], /db needs migrate-to-postgres/],
  ],
};

function usageError(args: string[]): UsageError {
  try {
    parseCommandLine(args);
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
  throw new Error(`accepted: ${args.join(' ')}`);
}

describe('the command line grammar', () => {
  it('has cases for every command', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(commands).sort());
  });

  const all = Object.entries(cases).flatMap(([name, list]) =>
    list.map(([args, line]) => ({ name: name as CommandName, args, line })),
  );
  it.each(all)('$name: $line', ({ name, args, line }) => {
    const given = args();
    // Commands that use a data folder get one with a database, unless the case names its own.
    const usesData = commands[name].dataDir !== 'none' && !given.includes('--data-dir');
    const e = usageError(usesData ? [...given, '--data-dir', withDb] : given);
    expect(e.message).toMatch(line);
    expect(e.message).not.toContain('\n');
    expect(e.usage).toContain(`  cangwu ${name}`);
  });

  it('refuses no command, an unknown command and a missing scanner subcommand, with the fitting usage', () => {
    expect(usageError([]).message).toMatch(/no command given/);
    expect(usageError(['--json']).usage).toContain('cangwu export balances|movements');
    expect(usageError(['frobnicate']).message).toMatch(/unknown command: frobnicate/);
    expect(usageError(['scanner']).usage).toMatch(/^usage:\n {2}cangwu scanner list/);
    expect(usageError(['scanner', 'frob']).message).toMatch(/unknown scanner command: frob/);
  });

  it('accepts good command lines, with options before or after the command', () => {
    expect(parseCommandLine(['--data-dir', withDb, 'export', 'movements', '--format', 'json'])).toMatchObject({
      kind: 'run',
      name: 'export',
      flags: { format: 'json' },
      dataDir: withDb,
    });
    expect(parseCommandLine(['serve', '--port', '0', '--data-dir', path.join(dir, 'new')])).toMatchObject({
      kind: 'run',
      name: 'serve',
    });
    expect(parseCommandLine(['scanner', 'simulate', '--port', '/dev/x', '--rate', 'wire', 'A', 'B'])).toMatchObject({
      kind: 'run',
      name: 'scanner simulate',
      positionals: ['scanner', 'simulate', 'A', 'B'],
    });
    expect(parseCommandLine(['check', '-h'])).toMatchObject({ kind: 'help' });
    expect(
      parseCommandLine(['report', 'edr', '--week', '2026-11-25', '--out', dir, '--draft', '--data-dir', withDb]),
    ).toMatchObject({ kind: 'run', name: 'report', flags: { week: '2026-11-25', out: dir, draft: true } });
    expect(
      parseCommandLine([
        'report',
        'scorecard',
        '--week',
        '2026-W48',
        '--pdf',
        path.join(dir, 'sc.pdf'),
        '--data-dir',
        withDb,
      ]),
    ).toMatchObject({ kind: 'run', name: 'report', positionals: ['report', 'scorecard'] });
  });
});
