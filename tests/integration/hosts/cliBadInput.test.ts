// Bad input at the command line (issue 10 §4), as a user meets it: every
// command, given an unknown option, a malformed value, a missing file or a
// data folder that is not a usable folder, answers with ONE line, then that
// command's usage, exit status 2, and no stack trace. Each spawn costs a
// Node start, so this runs a few mistakes per command; the whole matrix of
// mistakes is tests/unit/hosts/cliCommands.test.ts, against the same parser.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands, type CommandName } from '../../../electron/cli/commands';
import { tempDataDir } from '../fixtures';
import { buildCli, inBatches, type Cli, type CliResult } from './cliProcess';

let cli: Cli;
let dir: string;
let file: string; // an ordinary file: not a folder, not a database
let empty: string; // a folder with no database in it

beforeAll(async () => {
  cli = await buildCli();
  dir = tempDataDir('cangwu-cli-bad');
  file = path.join(dir, 'plain.csv');
  fs.writeFileSync(file, 'code,name_zh\n');
  empty = path.join(dir, 'empty');
  fs.mkdirSync(empty);
});
afterAll(() => {
  cli?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function expectOneLineAndUsage(r: CliResult, line: RegExp, usage: string): void {
  const label = r.stderr; // shown when an assertion fails
  expect([label, r.code]).toEqual([label, 2]);
  expect(r.stdout).toBe('');
  const [first, second, ...more] = r.stderr.trimEnd().split('\n');
  expect(first).toMatch(/^cangwu: /);
  expect(first).toMatch(line);
  // The usage starts on the second line: the message is one line.
  expect(second === 'usage:' || second === 'cangwu — Cangwu 仓务 command line').toBe(true);
  expect([second, ...more].join('\n')).toContain(usage);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/TypeError|ERR_PARSE_ARGS/);
}

const missing = () => path.join(dir, 'no-such-file.csv');

/** Per command (its key in electron/cli/commands.ts): mistakes and the line each must produce. */
const cases: Record<CommandName, { args: () => string[]; line: RegExp }[]> = {
  init: [{ args: () => ['init', '--bogus'], line: /unknown option --bogus for `cangwu init`/ }],
  import: [
    { args: () => ['import', 'products', missing()], line: /no such file: .*no-such-file\.csv/ },
    {
      args: () => ['import', 'products', file, '--format', 'csv'],
      line: /unknown option --format.*belongs to: export/,
    },
  ],
  export: [
    { args: () => ['export', 'balances', '--bogus'], line: /unknown option --bogus for `cangwu export`/ },
    { args: () => ['export', 'balances', '--format', 'xml'], line: /--format must be csv or json, not "xml"/ },
  ],
  check: [
    { args: () => ['check', '--data-dir', file], line: /data folder .*plain\.csv is not a folder/ },
    // The password of a URL that is not PostgreSQL's is not repeated either.
    {
      args: () => ['check', '--database', 'mysql://u:pw@h/db'],
      line: /--database: "mysql:\/\/u:…@h\/db" is not a postgres:\/\/ URL/,
    },
  ],
  backup: [{ args: () => ['backup', '--to'], line: /--to needs a value/ }],
  report: [
    { args: () => ['report', 'weekly', '--week', 'W48', '--csv', 'x.csv'], line: /--week must look like 2026-W48/ },
    {
      args: () => ['report', 'kpi', '--month', '2026-11', '--warehouse', '1', '--csv', 'x.csv'],
      line: /report kpi takes no --warehouse: the KPI tracker is site-wide/,
    },
    {
      args: () => ['report', 'edr', '--week', '2026-W48', '--out', missing()],
      line: /--out: no folder .*no-such-file/,
    },
    { args: () => ['report', 'scorecard', '--week', '2026-W48', '--csv', 'x.csv'], line: /takes no --csv/ },
  ],
  restore: [{ args: () => ['restore', '--from', missing()], line: /--from: no such file/ }],
  serve: [{ args: () => ['serve', '--port', 'abc'], line: /--port must be a number 0–65535, not "abc"/ }],
  decode: [{ args: () => ['decode'], line: /missing "<raw>"/ }],
  'scanner list': [{ args: () => ['scanner', 'list', '--port', '/dev/x'], line: /unknown option --port/ }],
  'scanner listen': [{ args: () => ['scanner', 'listen', '--baud', 'fast'], line: /--port P is required/ }],
  'scanner simulate': [
    { args: () => ['scanner', 'simulate', '--port', '/dev/x', '--rate=-1', 'X'], line: /--rate must be N\/s/ },
  ],
  'db migrate-to-postgres': [
    { args: () => ['db', 'migrate-to-postgres', '--from', dir, '--to', 'postgres://h/db'], line: /no Cangwu database/ },
  ],
};

describe('cangwu command line, bad input', () => {
  it('answers every command given an unknown option, a bad value, a missing file or a bad data folder with one line, its usage and exit 2', async () => {
    const all = Object.entries(cases).flatMap(([name, list]) => list.map((c) => ({ ...c, name: name as CommandName })));
    const results = await inBatches(all, 3, (c) => {
      const args = c.args();
      const usesData = commands[c.name].dataDir !== 'none';
      // Commands that use a data folder get an existing one, unless the case names its own.
      return cli.run(usesData && !args.includes('--data-dir') ? [...args, '--data-dir', empty] : args);
    });
    results.forEach((r, i) => expectOneLineAndUsage(r, all[i]!.line, `cangwu ${all[i]!.name}`));
  });

  it('answers no command or an unknown one with the full usage and exit 2, and --debug adds no trace to a usage error', async () => {
    const [none, unknown, debug] = await Promise.all([
      cli.run([]),
      cli.run(['frobnicate']),
      cli.run(['export', 'balances', '--bogus', '--debug', '--data-dir', empty]),
    ]);
    expectOneLineAndUsage(none, /no command given/, 'cangwu export balances|movements');
    expectOneLineAndUsage(unknown, /unknown command: frobnicate/, 'cangwu scanner simulate');
    expectOneLineAndUsage(debug, /unknown option --bogus/, 'cangwu export');
  });

  it('speaks Chinese first under a Chinese locale, and --help prints the usage with exit 0', async () => {
    const [zh, help] = await Promise.all([
      cli.run(['export', 'balances', '--format', 'xml', '--data-dir', empty], { LANG: 'zh_CN.UTF-8' }),
      cli.run(['export', '--help']),
    ]);
    expect(zh.code).toBe(2);
    expect(zh.stderr.split('\n')[0]).toBe('cangwu: --format 取值无效（--format must be csv or json, not "xml"）');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage:\n {2}cangwu export balances\|movements/);
  });
});
