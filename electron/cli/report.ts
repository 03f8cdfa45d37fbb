// `cangwu report weekly --week 2026-W48 --pdf FILE | --csv FILE | --xlsx FILE`:
// the report asked through the contract as the named user (refusals — a
// future or reversed period, an unknown warehouse, a role that may not read
// it — come back as the console's typed errors), then written: CSV and XLSX
// from the same table as the page (shared/reports/weeklyTable.ts), the PDF by
// the print engine — this host's own print route in the system Chromium over
// a station host on a loopback port that lives for this command only.
import fs from 'node:fs';
import path from 'node:path';
import type { WeeklyReport } from '../../shared/contract/reports';
import { locales, type Locale } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { weeklyCsv, weeklyXlsx, type Translate } from '../../shared/reports/weeklyTable';
import { resources, type Messages } from '../../renderer/locales';
import type { Caller } from '../core/context';
import type { Core } from '../core/core';
import { printRouteToPdf } from '../print/headless';
import { startStationHost } from '../server';
import type { Flags } from './commands';
import type { ReportKindName } from './reportKinds';

/** i18next's lookup and {{interpolation}} over the console's own locale files. */
export function cliTranslate(locale: Locale): Translate {
  return (key, vars = {}) => {
    const [ns, rest] = key.includes(':') ? (key.split(':', 2) as [string, string]) : ['common', key];
    let node: string | Messages | undefined = resources[locale][ns as keyof (typeof resources)[Locale]];
    for (const part of rest.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    const text = typeof node === 'string' ? node : key;
    return text.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(vars[name] ?? ''));
  };
}

type ReportKind = {
  request: 'reports.weekly';
  /** The print route's document (renderer/print/PrintRoute.tsx). */
  doc: string;
  input(flags: Flags): Record<string, string | number>;
  csv(reply: unknown, t: Translate): string;
  xlsx(reply: unknown, t: Translate): Promise<Uint8Array>;
};

const kinds: Record<ReportKindName, ReportKind> = {
  weekly: {
    request: 'reports.weekly',
    doc: 'weeklyReport',
    input: (flags) => ({
      ...(flags.week !== undefined ? { week: flags.week } : { from: flags.from!, to: flags.to! }),
      ...(flags.warehouse !== undefined && { warehouseId: Number(flags.warehouse) }),
    }),
    csv: (reply, t) => weeklyCsv(reply as WeeklyReport, t),
    xlsx: (reply, t) => weeklyXlsx(reply as WeeklyReport, t),
  },
};

/** The route's query: the contract's input in the address's words (warehouseId → warehouse). */
function routeQuery(input: Record<string, string | number>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(input)) params.set(k === 'warehouseId' ? 'warehouse' : k, String(v));
  return params.toString();
}

export async function runReport(
  core: Core,
  caller: Caller,
  what: ReportKindName,
  flags: Flags,
  rendererDir: string,
): Promise<{ file: string; bytes: number; format: 'pdf' | 'csv' | 'xlsx' }> {
  const kind = kinds[what];
  const input = kind.input(flags);
  const r = await core.dispatch(caller, kind.request, input);
  if (!r.ok) throw new AppError(r.error.code, r.error.details ?? {});
  const session = caller.session!;
  const locale: Locale = (locales as readonly string[]).includes(session.locale) ? session.locale : 'zh-CN';
  const t = cliTranslate(locale);
  const format = flags.pdf !== undefined ? 'pdf' : flags.csv !== undefined ? 'csv' : 'xlsx';
  const file = path.resolve((flags.pdf ?? flags.csv ?? flags.xlsx)!);
  let bytes: Uint8Array;
  if (format === 'csv') bytes = Buffer.from(kind.csv(r.value, t), 'utf8');
  else if (format === 'xlsx') bytes = await kind.xlsx(r.value, t);
  else {
    if (!fs.existsSync(path.join(rendererDir, 'index.html')))
      throw new AppError('print.failed', { reason: `no console build at ${rendererDir} (npm run build)` });
    const host = await startStationHost({ core, rendererDir, host: '127.0.0.1', port: 0, log: () => {} });
    try {
      bytes = await printRouteToPdf(core, {
        baseUrl: host.url,
        route: `${kind.doc}?${routeQuery(input)}`,
        userId: session.userId,
        locale,
      });
    } finally {
      await host.close();
    }
  }
  fs.writeFileSync(file, bytes);
  return { file, bytes: bytes.length, format };
}

/** The user a report is written as: --user, else the first active user who may read reports (a supervisor first). */
export function reportUserName(core: Core, username: string | undefined): string | undefined {
  if (username) return username;
  const row = core.database.sqlite
    .prepare(
      `SELECT u.username FROM users u JOIN user_roles r ON r.user_id = u.id
        WHERE u.active = 1 AND r.role IN ('supervisor', 'operator', 'csManager')
        ORDER BY (r.role = 'supervisor') DESC, u.id LIMIT 1`,
    )
    .get() as { username: string } | undefined;
  return row?.username;
}
