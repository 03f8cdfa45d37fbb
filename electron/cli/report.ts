import { sql } from 'kysely';
// `cangwu report weekly --week 2026-W48 --pdf FILE | --csv FILE | --xlsx FILE`
// (and kpi, stock-analysis, scorecard; `report edr` writes a folder, below):
// the report asked through the contract as the named user (refusals — a
// future or reversed period, an unknown warehouse, a role that may not read
// it — come back as the console's typed errors), then written: CSV and XLSX
// from the same table as the page (shared/reports/weeklyTable.ts), the PDF by
// the print engine — this host's own print route in the system Chromium over
// a station host on a loopback port that lives for this command only.
import fs from 'node:fs';
import path from 'node:path';
import type { EdrExport, KpiTracker } from '../../shared/contract';
import type { StockAnalysis, WeeklyReport } from '../../shared/contract/reports';
import { locales, type Locale } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { kpiCsv, kpiNumbers, kpiXlsx } from '../../shared/reports/kpiTable';
import { isoWeekOf } from '../../shared/reports/weeks';
import { stockAnalysisCsv, stockAnalysisXlsx } from '../../shared/reports/stockAnalysisTable';
import { weeklyCsv, weeklyXlsx, type Translate } from '../../shared/reports/weeklyTable';
import type { Caller } from '../core/context';
import type { Core } from '../core/core';
import { printDocumentPdf, translateFor } from '../print/documentPdf';
import { printRouteToPdf } from '../print/headless';
import { startStationHost } from '../server';
import type { Flags } from './commands';
import type { ReportKindName } from './reportKinds';

/** The CLI's words are the console's (the same locale files). */
export const cliTranslate = translateFor;

type ReportKind = {
  request: 'reports.weekly' | 'kpi.tracker' | 'reports.stockAnalysis' | 'kpi.scorecard';
  /** The print route's document (renderer/print/PrintRoute.tsx). */
  doc: string;
  input(flags: Flags): Record<string, string | number>;
  /** Absent for a report printed only (the scorecard: the grammar allows it --pdf alone). */
  csv?(reply: unknown, t: Translate, locale: Locale): string;
  xlsx?(reply: unknown, t: Translate, locale: Locale): Promise<Uint8Array>;
};

/** `--week` given as a day (YYYY-MM-DD) means the ISO week holding it. */
export const weekOf = (value: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? isoWeekOf(value) : value);

const kinds: Record<Exclude<ReportKindName, 'edr'>, ReportKind> = {
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
  // `cangwu report kpi --month 2026-11`: the tracker of all warehouses (the KPIs are the department's).
  kpi: {
    request: 'kpi.tracker',
    doc: 'kpiTracker',
    input: (flags) => ({ month: flags.month! }),
    csv: (reply, t, locale) => kpiCsv(reply as KpiTracker, t, kpiNumbers(locale)),
    xlsx: (reply, t, locale) => kpiXlsx(reply as KpiTracker, t, kpiNumbers(locale)),
  },
  'stock-analysis': {
    request: 'reports.stockAnalysis',
    doc: 'stockAnalysis',
    input: (flags) => ({
      ...(flags.date !== undefined && { date: flags.date }),
      ...(flags.weeks !== undefined && { weeks: Number(flags.weeks) }),
      ...(flags.top !== undefined && { top: Number(flags.top) }),
      ...(flags.warehouse !== undefined && { warehouseId: Number(flags.warehouse) }),
    }),
    csv: (reply, t) => stockAnalysisCsv(reply as StockAnalysis, t),
    xlsx: (reply, t) => stockAnalysisXlsx(reply as StockAnalysis, t),
  },
  // `cangwu report scorecard --week 2026-W48 --pdf FILE`: the page the EDR page prints (积分表).
  scorecard: {
    request: 'kpi.scorecard',
    doc: 'scorecard',
    input: (flags) => ({ week: weekOf(flags.week!) }),
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
  what: Exclude<ReportKindName, 'edr'>,
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
  if (format === 'csv') bytes = Buffer.from(kind.csv!(r.value, t, locale), 'utf8');
  else if (format === 'xlsx') bytes = await kind.xlsx!(r.value, t, locale);
  else {
    // The weekly report is written by pdfkit (print/documentPdf.ts); the others by the console's
    // print route in the system Chromium, over a station host on a loopback port for this command only.
    const job = { route: `${kind.doc}?${routeQuery(input)}`, userId: session.userId, locale };
    bytes = await printDocumentPdf(core, job, async (j) => {
      if (!fs.existsSync(path.join(rendererDir, 'index.html')))
        throw new AppError('print.failed', { reason: `no console build at ${rendererDir} (npm run build)` });
      const host = await startStationHost({ core, rendererDir, host: '127.0.0.1', port: 0, log: () => {} });
      try {
        return await printRouteToPdf(core, { baseUrl: host.url, ...j });
      } finally {
        await host.close();
      }
    });
  }
  fs.writeFileSync(file, bytes);
  return { file, bytes: bytes.length, format };
}

/**
 * `cangwu report edr --week W --out DIR [--draft]`: the week's EDR as CSV and
 * XLSX into DIR through the contract (edr.writeToFolder, the folder named by
 * this command on the host itself), logged with the files' paths like an
 * export the console writes to the EDR folder; a week not over only with --draft.
 */
export async function runEdrReport(
  core: Core,
  caller: Caller,
  flags: Flags,
): Promise<{ files: string[]; send: string }> {
  const r = await core.dispatch(caller, 'edr.writeToFolder', {
    week: weekOf(flags.week!),
    draft: flags.draft === true,
    folder: path.resolve(flags.out!),
  });
  if (!r.ok) throw new AppError(r.error.code, r.error.details ?? {});
  const { logged, files } = r.value as { logged: EdrExport[]; files: string[] };
  const first = logged[0]!;
  return { files, send: first.draft ? 'DRAFT' : first.resendOf !== null ? 'RESEND' : 'FINAL' };
}

/**
 * The user a report is written as: --user, else the first active user who may
 * read reports (a supervisor first); the EDR, which logs an export, as an
 * operator or CS manager (the roles that export it).
 */
export async function reportUserName(
  core: Core,
  username: string | undefined,
  what?: ReportKindName,
): Promise<string | undefined> {
  if (username) return username;
  const roles = what === 'edr' ? ['operator', 'csManager'] : ['supervisor', 'operator', 'csManager'];
  const { rows } = await sql<{ username: string }>`
    SELECT u.username FROM users u JOIN user_roles r ON r.user_id = u.id
     WHERE u.active = 1 AND r.role IN (${sql.join(roles)})
     ORDER BY CASE WHEN r.role = 'supervisor' THEN 0 WHEN r.role = 'operator' THEN 1 ELSE 2 END, u.id LIMIT 1`.execute(
    core.database.db,
  );
  return rows[0]?.username;
}
