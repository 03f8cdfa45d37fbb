// The command line's grammar: each command with its own options, positionals
// and checks. Everything a user can get wrong on the line — an unknown command
// or option, an option of another command, a missing or malformed value, a
// missing file, a data folder that is not a usable folder — is found here,
// before any database is opened, and becomes a UsageError (one line, then the
// command's usage, exit 2). A new command or option is added here first: an
// option not listed for a command is refused.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { configuredDatabase, defaultDataDir } from '../core/dataDir';
import { databasePath } from '../core/db/open';
import { isPostgresUrl } from '../core/db/pgDialect';
import { isTimeZone } from '../core/timeZoneSetting';
import { parseBaud, parseRate, parseTerminator } from './scanner';
import { reportKindNames } from './reportKinds';
import { say, UsageError } from './usage';

type OptionSpec = { type: 'string' | 'boolean'; short?: string; multiple?: boolean };

/** What the data folder must be before the command runs. */
type DataDirNeed =
  /** The command does not use one (`--data-dir` is unknown to it). */
  | 'none'
  /** It may not exist yet (the command creates it), but if it does it must be a usable folder. */
  | 'create'
  /** A folder holding a Cangwu database. */
  | 'database';

type CommandSpec = {
  /** The usage lines, as printed under "usage:". */
  usage: string;
  options: Record<string, OptionSpec>;
  /** Positionals after the command word(s). */
  positionals: { min: number; max: number; names: string };
  dataDir: DataDirNeed;
  /** Checks of values and files; throws UsageError. */
  check?: (a: { values: Flags; positionals: string[] }) => void;
};

/** Every option any command takes; each command accepts only its own. */
export type Flags = {
  'data-dir'?: string;
  database?: string;
  json?: boolean;
  debug?: boolean;
  help?: boolean;
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
  baud?: string;
  file?: string;
  rate?: string;
  terminator?: string;
  'tls-cert'?: string;
  'tls-key'?: string;
  'allowed-host'?: string[];
  'insecure-http'?: boolean;
  week?: string;
  warehouse?: string;
  pdf?: string;
  csv?: string;
  xlsx?: string;
  'time-zone'?: string;
  draft?: boolean;
  month?: string;
  date?: string;
  weeks?: string;
  top?: string;
};

const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;

/** Options every command takes. `--data-dir` is added for commands that use a data folder. */
const common: Record<string, OptionSpec> = { json: bool, debug: bool, help: { type: 'boolean', short: 'h' } };

const scannerCommon = { json: bool };

export const commands = {
  init: {
    usage:
      'cangwu init [--demo] [--time-zone ZONE]        create the data folder (with --demo: the demo warehouse; the warehouse time zone, default Asia/Shanghai)',
    options: { demo: bool, 'time-zone': str },
    positionals: { min: 0, max: 0, names: '' },
    dataDir: 'create',
    check: ({ values }) => {
      const zone = values['time-zone'];
      if (zone !== undefined && !isTimeZone(zone))
        throw new UsageError(
          say(
            `--time-zone: unknown time zone "${zone}" (an IANA name such as Asia/Shanghai)`,
            `--time-zone：未知时区 "${zone}"（应为 IANA 名称，如 Asia/Shanghai）`,
          ),
        );
    },
  },
  import: {
    usage: 'cangwu import products FILE.csv [--user U]    import products, all or nothing (UTF-8, UTF-16 or GBK)',
    options: { user: str },
    positionals: { min: 2, max: 2, names: 'products FILE.csv' },
    dataDir: 'database',
    check: ({ positionals: [what, file] }) => {
      if (what !== 'products') throw new UsageError(say(`cannot import "${what}": only products`, '只能导入商品'));
      requireFile(file!, 'FILE.csv');
    },
  },
  export: {
    usage: 'cangwu export balances|movements [--format csv|json] [--out FILE] [--user U]',
    options: { format: str, out: str, user: str },
    positionals: { min: 1, max: 1, names: 'balances|movements' },
    dataDir: 'database',
    check: ({ values, positionals: [what] }) => {
      if (what !== 'balances' && what !== 'movements')
        throw new UsageError(say(`cannot export "${what}": balances or movements`, '只能导出库存或流水'));
      oneOf(values, 'format', ['csv', 'json']);
      if (values.out !== undefined) requireWritableTarget(values.out, '--out');
    },
  },
  check: {
    usage: 'cangwu check                                  integrity: quick_check, ledger = balances, no negatives',
    options: {},
    positionals: { min: 0, max: 0, names: '' },
    dataDir: 'database',
  },
  backup: {
    usage: 'cangwu backup --to FILE                       online backup, safe while the console runs',
    options: { to: str },
    positionals: { min: 0, max: 0, names: '' },
    dataDir: 'database',
    check: ({ values }) => {
      requireOption(values, 'to', 'FILE');
      if (isDirectory(values.to!)) throw new UsageError(say(`--to ${values.to} is a folder`, '目标是文件夹'));
    },
  },
  restore: {
    usage: 'cangwu restore --from FILE                    replace the database (the current one is kept in backups/)',
    options: { from: str },
    positionals: { min: 0, max: 0, names: '' },
    dataDir: 'create',
    check: ({ values }) => {
      requireOption(values, 'from', 'FILE');
      requireFile(values.from!, '--from');
    },
  },
  serve: {
    usage: `cangwu serve [--host H] [--port P] [--station NAME] [--dry-run]
                                                the station host for browsers on the LAN
                                                (opens the serial scanners configured for this station)
        [--tls-cert FILE --tls-key FILE]        HTTPS with your certificate (PEM); on a --host beyond this
                                                machine without them, a self-signed one kept in DATA/tls/
        [--allowed-host NAME]...                another name browsers reach this host by (DNS alias)
        [--insecure-http]                       plain HTTP on the network (not advised: passwords in clear)`,
    options: {
      host: str,
      port: str,
      station: str,
      'dry-run': bool,
      'tls-cert': str,
      'tls-key': str,
      'allowed-host': { type: 'string', multiple: true },
      'insecure-http': bool,
    },
    positionals: { min: 0, max: 0, names: '' },
    dataDir: 'create',
    check: ({ values }) => {
      if (values.port !== undefined && !/^\d{1,5}$/.test(values.port)) throw badPort(values.port);
      if (values.port !== undefined && Number(values.port) > 65535) throw badPort(values.port);
      const cert = values['tls-cert'];
      const key = values['tls-key'];
      if ((cert === undefined) !== (key === undefined))
        throw new UsageError(say('--tls-cert and --tls-key go together', '--tls-cert 与 --tls-key 须同时给出'));
      if (cert !== undefined && values['insecure-http'])
        throw new UsageError(
          say('--insecure-http contradicts --tls-cert/--tls-key', '--insecure-http 与 --tls-cert/--tls-key 矛盾'),
        );
      if (cert !== undefined) requireFile(cert, '--tls-cert');
      if (key !== undefined) requireFile(key, '--tls-key');
    },
  },
  report: {
    usage: `cangwu report weekly (--week 2026-W48 | --from D --to D) [--warehouse ID] [--user U]
        (--pdf FILE | --csv FILE | --xlsx FILE)  a report to a file (PDF through the system Chromium)
  cangwu report kpi --month 2026-11 [--user U] (--pdf FILE | --csv FILE | --xlsx FILE)
                                               the KPI tracker of a month to a file (site-wide: no --warehouse)
  cangwu report stock-analysis [--date D] [--weeks N] [--top N] [--warehouse ID] [--user U]
        (--pdf FILE | --csv FILE | --xlsx FILE)  the stock analysis as of a day (default today)
  cangwu report edr --week 2026-W48|YYYY-MM-DD --out DIR [--draft] [--user U]
                                               the principal's weekly data (EDR) as CSV and XLSX into a folder
                                               (logged with the paths; --draft for a week not over)
  cangwu report scorecard --week 2026-W48|YYYY-MM-DD --pdf FILE [--user U]
                                               the weekly scorecard 积分表 (SL, ID) as one A4 PDF`,
    options: {
      week: str,
      out: str,
      draft: bool,
      from: str,
      to: str,
      warehouse: str,
      user: str,
      pdf: str,
      csv: str,
      xlsx: str,
      month: str,
      date: str,
      weeks: str,
      top: str,
    },
    positionals: { min: 1, max: 1, names: 'weekly|kpi|stock-analysis|edr|scorecard' },
    dataDir: 'database',
    check: ({ values, positionals: [what] }) => {
      if (!(reportKindNames as readonly string[]).includes(what!))
        throw new UsageError(say(`unknown report "${what}": ${reportKindNames.join(', ')}`, `未知报表 ${what}`));
      if (what === 'edr' || what === 'scorecard') return weekReportValues(what, values);
      for (const k of ['out', 'draft'] as const)
        if (values[k] !== undefined) throw new UsageError(say(`--${k} is for report edr`, `--${k} 用于 report edr`));
      const targets = (['pdf', 'csv', 'xlsx'] as const).filter((k) => values[k] !== undefined);
      if (targets.length !== 1)
        throw new UsageError(say('give exactly one of --pdf, --csv, --xlsx', '须给出 --pdf、--csv、--xlsx 之一'));
      requireWritableTarget(values[targets[0]!]!, `--${targets[0]}`);
      if (what === 'kpi') {
        if (values.month === undefined || !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month))
          throw new UsageError(say('give --month like 2026-11', '须给出 --month，格式如 2026-11'));
        // The tracker is the department's, site-wide: most of its KPIs (orders, service level,
        // returns, dispatch reports, complaints) belong to no warehouse, so it is not cut by one.
        if (values.warehouse !== undefined)
          throw new UsageError(
            say(
              'report kpi takes no --warehouse: the KPI tracker is site-wide (orders, deliveries, returns, dispatch reports and complaints have no warehouse)',
              'report kpi 不接受 --warehouse：KPI 跟踪表为全公司口径（订单、送货、退货、发货报告、投诉不属于某一仓库）',
            ),
          );
        for (const k of ['week', 'from', 'to', 'date', 'weeks', 'top'] as const)
          if (values[k] !== undefined)
            throw new UsageError(say(`report kpi takes no --${k}`, `report kpi 不接受 --${k}`));
        return;
      }
      if (values.month !== undefined)
        throw new UsageError(say(`report ${what} takes no --month`, `report ${what} 不接受 --month`));
      if (values.warehouse !== undefined && !/^[1-9]\d{0,9}$/.test(values.warehouse))
        throw new UsageError(say('--warehouse must be a warehouse id', '--warehouse 应为仓库编号'));
      if (what === 'stock-analysis') {
        for (const k of ['week', 'from', 'to'] as const)
          if (values[k] !== undefined)
            throw new UsageError(say(`--${k} is for the weekly report; use --date`, `--${k} 用于周报表；请用 --date`));
        if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date))
          throw new UsageError(say('--date must be a date YYYY-MM-DD', '--date 应为日期 YYYY-MM-DD'));
        if (values.weeks !== undefined && !/^([1-9]\d?|10[0-4])$/.test(values.weeks))
          throw new UsageError(say('--weeks must be a number of weeks, 1 to 104', '--weeks 应为 1 至 104 的周数'));
        if (values.top !== undefined && !/^[1-9]\d{0,2}$/.test(values.top))
          throw new UsageError(say('--top must be a number, 1 to 500', '--top 应为 1 至 500 的数'));
        return;
      }
      for (const k of ['date', 'weeks', 'top'] as const)
        if (values[k] !== undefined)
          throw new UsageError(say(`--${k} is for the stock analysis`, `--${k} 用于库存分析报表`));
      const byRange = values.from !== undefined || values.to !== undefined;
      if (
        (values.week !== undefined) === byRange ||
        (byRange && (values.from === undefined || values.to === undefined))
      )
        throw new UsageError(say('give --week, or --from and --to', '须给出 --week，或 --from 与 --to'));
      if (values.week !== undefined && !/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/.test(values.week))
        throw new UsageError(say(`--week must look like 2026-W48, not "${values.week}"`, '--week 格式应为 2026-W48'));
      for (const k of ['from', 'to'] as const)
        if (values[k] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values[k]))
          throw new UsageError(say(`--${k} must be a date YYYY-MM-DD`, `--${k} 应为日期 YYYY-MM-DD`));
      if (values.warehouse !== undefined && !/^[1-9]\d{0,9}$/.test(values.warehouse))
        throw new UsageError(say('--warehouse must be a warehouse id', '--warehouse 应为仓库编号'));
    },
  },
  decode: {
    usage: 'cangwu decode "<raw>" [--json]                decode a scan as the console would (<GS> or \\x1d for FNC1)',
    options: {},
    positionals: { min: 1, max: 1, names: '"<raw>"' },
    dataDir: 'none',
  },
  'scanner list': {
    usage: 'cangwu scanner list [--json]                  serial ports (marks those found without udev enumeration)',
    options: scannerCommon,
    positionals: { min: 0, max: 0, names: '' },
    dataDir: 'none',
  },
  'scanner listen': {
    usage: `cangwu scanner listen --port P [--baud B] [--terminator CR|LF|CRLF|TAB|idle] [--json]
                                                print each frame a scanner sends, decoded (JSON lines with --json)`,
    options: { ...scannerCommon, port: str, baud: str, terminator: str },
    positionals: { min: 0, max: 0, names: '' },
    dataDir: 'none',
    check: ({ values }) => {
      requireOption(values, 'port', 'P');
      scannerValues(values);
    },
  },
  'scanner simulate': {
    usage: `cangwu scanner simulate --port P [--file F] [--rate N/s|wire] [--baud B] [--terminator CR] [codes...]
                                                play a scanner: write codes, or a file of them ("<ms>\\t<code>" lines
                                                set the timing), to a port such as the host end of a socat pair;
                                                <GS>, <CR>, \\xNN in a code stand for those bytes`,
    options: { ...scannerCommon, port: str, baud: str, terminator: str, file: str, rate: str },
    positionals: { min: 0, max: Infinity, names: '[codes...]' },
    dataDir: 'none',
    check: ({ values, positionals }) => {
      requireOption(values, 'port', 'P');
      if (values.file !== undefined) requireFile(values.file, '--file');
      else if (positionals.length === 0)
        throw new UsageError(say('simulate needs codes or --file F', '需要条码或 --file'));
      scannerValues(values);
      parseRate(values.rate);
    },
  },
  'db migrate-to-postgres': {
    usage: `cangwu db migrate-to-postgres --from DATA_DIR --to postgres://USER:PASSWORD@HOST:5432/DB
                                                move a site's SQLite database into an empty PostgreSQL database:
                                                all or nothing, progress shown, then both compared`,
    options: { from: str, to: str },
    positionals: { min: 0, max: 0, names: '' },
    dataDir: 'none',
    check: ({ values }) => {
      requireOption(values, 'from', 'DATA_DIR');
      requireOption(values, 'to', 'postgres://…');
      if (!fs.existsSync(databasePath(values.from!)))
        throw new UsageError(
          say(
            `--from ${values.from}: no Cangwu database in that folder`,
            `--from ${values.from}：该文件夹中没有仓务数据库`,
          ),
        );
      if (!isPostgresUrl(values.to!))
        throw new UsageError(
          say('--to must be a postgres:// address, e.g. postgres://cangwu@dbhost/cangwu', '--to 应为 postgres:// 地址'),
        );
    },
  },
} satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof commands;

function specOf(name: string): CommandSpec | undefined {
  return Object.hasOwn(commands, name) ? (commands as Record<string, CommandSpec>)[name] : undefined;
}

const commonUsage = (dataDir: boolean) =>
  `  common: ${dataDir ? `--data-dir DIR (default ${defaultDataDir()})  --database postgres://… (or CANGWU_DATABASE_URL; default: the SQLite file in DIR)  ` : ''}--json  --debug (stack traces)  --help`;

export function commandUsage(name: string): string {
  const spec = specOf(name);
  if (!spec) return fullUsage();
  return `usage:\n  ${spec.usage}\n${commonUsage(spec.dataDir !== 'none')}\n`;
}

export function fullUsage(): string {
  const lines = Object.values(commands).map((c: CommandSpec) => `  ${c.usage}`);
  return `cangwu — Cangwu 仓务 command line

${lines.join('\n')}
${commonUsage(true)}
  exit status: 0 done, 1 refused or problems found, 2 wrong command line
`;
}

export type CommandLine =
  | { kind: 'help'; text: string }
  | {
      kind: 'run';
      command: string;
      name: string;
      flags: Flags;
      positionals: string[];
      dataDir: string;
      /** A PostgreSQL server's URL (--database or CANGWU_DATABASE_URL); undefined: the data folder's SQLite file. */
      database: string | undefined;
    };

/** Every string option of every command, so a first pass can find the command word. */
function allOptions(): Record<string, OptionSpec> {
  const out: Record<string, OptionSpec> = { ...common, 'data-dir': str, database: str };
  for (const c of Object.values(commands) as CommandSpec[]) Object.assign(out, c.options);
  return out;
}

/**
 * Reads the command line. Returns the command to run with its checked flags,
 * or the help text to print; throws UsageError (with the usage to show) for
 * anything a user got wrong.
 */
export function parseCommandLine(argv: string[]): CommandLine {
  // First pass, lenient: which command is it? (String options consume their
  // values here, so `--data-dir X export` finds "export", not "X".)
  const loose = parseArgs({ args: argv, options: allOptions(), allowPositionals: true, strict: false });
  const [word, sub] = loose.positionals;
  if (word === undefined) {
    if (loose.values.help === true) return { kind: 'help', text: fullUsage() };
    throw new UsageError(say('no command given', '未指定命令'), fullUsage());
  }
  let name = word;
  // Command groups: `scanner list|listen|simulate`, `db migrate-to-postgres`.
  const subs = Object.keys(commands).filter((k) => k.startsWith(`${word} `));
  if (subs.length > 0) {
    const groupUsage = `usage:\n${subs.map((k) => `  ${specOf(k)!.usage}`).join('\n')}\n`;
    const choices = subs.map((k) => k.slice(word.length + 1));
    if (sub === undefined) {
      if (loose.values.help === true) return { kind: 'help', text: groupUsage };
      throw new UsageError(say(`${word} needs ${choices.join(', ')}`, '缺少子命令'), groupUsage);
    }
    name = `${word} ${sub}`;
    if (!specOf(name)) throw new UsageError(say(`unknown ${word} command: ${sub}`, `未知子命令 ${sub}`), groupUsage);
  }
  const spec = specOf(name);
  if (!spec) throw new UsageError(say(`unknown command: ${word}`, `未知命令 ${word}`), fullUsage());
  const usage = commandUsage(name);

  // Second pass, strict, with this command's options only.
  const options = {
    ...common,
    ...(spec.dataDir !== 'none' && { 'data-dir': str, database: str }),
    ...spec.options,
  };
  let parsed: { values: Flags; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (e) {
    throw new UsageError(explainParseError(e, name, options), usage);
  }
  const { values } = parsed;
  if (values.help) return { kind: 'help', text: usage };

  const words = name.split(' ').length;
  const positionals = parsed.positionals.slice(words);
  const { min, max, names } = spec.positionals;
  if (positionals.length < min)
    throw new UsageError(say(`missing ${names.split(' ').slice(positionals.length).join(' ')}`, '缺少参数'), usage);
  if (positionals.length > max)
    throw new UsageError(say(`unexpected argument: ${positionals[max]}`, `多余的参数 ${positionals[max]}`), usage);
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string' && value.trim() === '')
      throw new UsageError(say(`--${key} needs a value`, `--${key} 缺少取值`), usage);
  }
  try {
    spec.check?.({ values, positionals });
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(e.message, usage);
    throw e;
  }
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  const database = spec.dataDir === 'none' ? undefined : databaseUrl(values.database, dataDir, usage);
  // On PostgreSQL the data folder holds attachments' exports, backups and settings files, not the database.
  if (spec.dataDir !== 'none') checkDataDir(dataDir, database ? 'create' : spec.dataDir, usage);
  return { kind: 'run', command: word, name, flags: values, positionals: parsed.positionals, dataDir, database };
}

/** Node's parseArgs messages, as one line in the CLI's words. */
function explainParseError(e: unknown, command: string, options: Record<string, OptionSpec>): string {
  const code = (e as { code?: string }).code;
  const message = e instanceof Error ? e.message : String(e);
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const bare = option.replace(/^-+/, '').replace(/=.*$/, '');
    const owners = (Object.entries(commands) as [string, CommandSpec][])
      .filter(([n, c]) => n !== command && bare in c.options)
      .map(([n]) => n);
    const hint = owners.length > 0 && !(bare in options) ? `; it belongs to: ${owners.join(', ')}` : '';
    return say(`unknown option ${option} for \`cangwu ${command}\`${hint}`, `未知选项 ${option}`);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/ambiguous/.test(message))
      return say(`${option} needs a value; write ${option}=VALUE for a value beginning with "-"`, `${option} 缺少取值`);
    if (/does not take an argument/.test(message)) return say(`${option} takes no value`, `${option} 不带取值`);
    return say(`${option} needs a value`, `${option} 缺少取值`);
  }
  return say(message.split('\n')[0] ?? message, '命令行有误');
}

/** `--week` as an ISO week (2026-W48) or a day of it (YYYY-MM-DD, a real date). */
export function isWeekOrDay(value: string): boolean {
  if (/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/.test(value)) return true;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

/** `report edr` (--week, --out DIR, --draft) and `report scorecard` (--week, --pdf FILE): nothing else. */
function weekReportValues(what: 'edr' | 'scorecard', values: Flags): void {
  const own: (keyof Flags)[] = what === 'edr' ? ['week', 'out', 'draft', 'user'] : ['week', 'pdf', 'user'];
  for (const k of [
    'week',
    'out',
    'draft',
    'pdf',
    'csv',
    'xlsx',
    'from',
    'to',
    'warehouse',
    'month',
    'date',
    'weeks',
    'top',
  ] as const)
    if (values[k] !== undefined && !own.includes(k))
      throw new UsageError(say(`report ${what} takes no --${k}`, `report ${what} 不接受 --${k}`));
  if (values.week === undefined || !isWeekOrDay(values.week))
    throw new UsageError(
      say(
        `give --week like 2026-W48 or a day of the week YYYY-MM-DD${values.week === undefined ? '' : `, not "${values.week}"`}`,
        '须给出 --week，格式如 2026-W48 或该周某日 YYYY-MM-DD',
      ),
    );
  if (what === 'edr') {
    if (values.out === undefined) throw new UsageError(say('--out DIR is required', '缺少 --out 文件夹'));
    const full = path.resolve(values.out);
    if (!isDirectory(full)) throw new UsageError(say(`--out: no folder ${full}`, '--out 文件夹不存在'));
    return;
  }
  if (values.pdf === undefined) throw new UsageError(say('--pdf FILE is required', '缺少 --pdf 文件'));
  requireWritableTarget(values.pdf, '--pdf');
}

function requireOption(values: Flags, key: keyof Flags, valueName: string): void {
  if (values[key] === undefined) throw new UsageError(say(`--${key} ${valueName} is required`, `缺少 --${key}`));
}

function oneOf(values: Flags, key: keyof Flags, allowed: string[]): void {
  const v = values[key];
  if (v !== undefined && !allowed.includes(String(v)))
    throw new UsageError(say(`--${key} must be ${allowed.join(' or ')}, not "${String(v)}"`, `--${key} 取值无效`));
}

function badPort(value: string): UsageError {
  return new UsageError(say(`--port must be a number 0–65535, not "${value}"`, '端口无效'));
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(path.resolve(p)).isDirectory();
  } catch {
    return false;
  }
}

function requireFile(file: string, what: string): void {
  const full = path.resolve(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    throw new UsageError(say(`${what}: no such file: ${full}`, '找不到文件'));
  }
  if (!stat.isFile()) throw new UsageError(say(`${what}: not a file: ${full}`, '不是文件'));
  try {
    fs.accessSync(full, fs.constants.R_OK);
  } catch {
    throw new UsageError(say(`${what}: cannot read ${full}`, '无法读取文件'));
  }
}

/** A file to write: not a folder, in a folder that exists. */
function requireWritableTarget(file: string, what: string): void {
  const full = path.resolve(file);
  if (isDirectory(full)) throw new UsageError(say(`${what} ${full} is a folder`, '目标是文件夹'));
  if (!isDirectory(path.dirname(full)))
    throw new UsageError(say(`${what}: no folder ${path.dirname(full)}`, '目标文件夹不存在'));
}

/** --database, else the configured one (CANGWU_DATABASE_URL, the folder's database.url), else none (the SQLite file). */
function databaseUrl(flag: string | undefined, dataDir: string, usage: string): string | undefined {
  const url = flag ?? configuredDatabase(dataDir);
  if (url === undefined) return undefined;
  if (!isPostgresUrl(url))
    throw new UsageError(
      say(
        `--database: "${url.replace(/:[^:@/]*@/, ':…@')}" is not a postgres:// URL`,
        `--database：应为 postgres:// 地址`,
      ),
      usage,
    );
  return url;
}

function checkDataDir(dir: string, need: DataDirNeed, usage: string): void {
  let stat: fs.Stats | null = null;
  try {
    stat = fs.statSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw new UsageError(say(`data folder ${dir} is inside a file`, '数据目录无效'), usage);
    if (code !== 'ENOENT') throw new UsageError(say(`cannot read the data folder ${dir}`, '无法读取数据目录'), usage);
  }
  if (stat === null) {
    if (need === 'database')
      throw new UsageError(say(`no data folder at ${dir}; run \`cangwu init\` first`, '数据目录不存在'), usage);
    // It will be created: its nearest existing ancestor must be a folder we may write.
    let parent = path.dirname(dir);
    while (!fs.existsSync(parent) && path.dirname(parent) !== parent) parent = path.dirname(parent);
    if (!isDirectory(parent)) throw new UsageError(say(`data folder ${dir} is inside a file`, '数据目录无效'), usage);
    try {
      fs.accessSync(parent, fs.constants.W_OK | fs.constants.X_OK);
    } catch {
      throw new UsageError(say(`cannot create the data folder ${dir}`, '无法创建数据目录'), usage);
    }
    return;
  }
  if (!stat.isDirectory()) throw new UsageError(say(`data folder ${dir} is not a folder`, '数据目录不是文件夹'), usage);
  try {
    fs.accessSync(dir, fs.constants.R_OK | fs.constants.W_OK | fs.constants.X_OK);
  } catch {
    throw new UsageError(say(`cannot read and write the data folder ${dir}`, '无法读写数据目录'), usage);
  }
  if (need === 'database' && !fs.existsSync(databasePath(dir)))
    throw new UsageError(say(`no Cangwu database in ${dir}; run \`cangwu init\` first`, '数据目录中没有数据库'), usage);
}

function scannerValues(values: Flags): void {
  parseBaud(values.baud);
  parseTerminator(values.terminator);
}
