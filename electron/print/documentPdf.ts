// One way every host turns a print route into a PDF file: the documents pdfkit
// writes directly (long tables, where Chromium's PDF writer is too slow: the
// weekly stock report) are written here from the contract's reply, asked as
// the user the PDF is for (so a role that may not read the report is refused
// as in the console); every other document goes to the host's Chromium
// printer (the station host's and CLI's headless Chromium, the desktop's
// hidden window). The scheduler, `cangwu report … --pdf` and the benches all
// come through here.
import type { Locale } from '../../shared/domain';
import { locales } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { Translate } from '../../shared/reports/weeklyTable';
import type { WeeklyReport } from '../../shared/contract/reports';
import { resources, type Messages } from '../../renderer/locales';
import { userCaller } from '../cli/session';
import type { Core } from '../core/core';
import { weeklyReportPdf } from './weeklyReportPdf';

export type PdfJob = { route: string; userId: number; locale?: Locale };
export type ChromiumPrinter = (job: PdfJob) => Promise<Buffer>;

/** i18next's lookup and {{interpolation}} over the console's own locale files (for documents drawn outside the page). */
export function translateFor(locale: Locale): Translate {
  return (key, vars = {}) => {
    const [ns, rest] = key.includes(':') ? (key.split(':', 2) as [string, string]) : ['common', key];
    let node: string | Messages | undefined = resources[locale][ns as keyof (typeof resources)[Locale]];
    for (const part of rest.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    const text = typeof node === 'string' ? node : key;
    return text.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(vars[name] ?? ''));
  };
}

type DirectWriter = (core: Core, params: URLSearchParams, job: PdfJob) => Promise<Buffer>;

/** The route's query in the contract's words (the address says warehouse, the request warehouseId). */
function weeklyInput(params: URLSearchParams): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  const week = params.get('week');
  if (week) out.week = week;
  else {
    out.from = params.get('from') ?? '';
    out.to = params.get('to') ?? '';
  }
  const warehouse = params.get('warehouse');
  if (warehouse) out.warehouseId = Number(warehouse);
  return out;
}

const direct: Record<string, DirectWriter> = {
  async weeklyReport(core, params, job) {
    const caller = await userCaller(core, job.userId, 'print');
    try {
      const r = await core.dispatch(caller, 'reports.weekly', weeklyInput(params));
      if (!r.ok) throw new AppError(r.error.code, r.error.details ?? {});
      const locale = job.locale && (locales as readonly string[]).includes(job.locale) ? job.locale : 'zh-CN';
      const report = r.value as WeeklyReport;
      return await weeklyReportPdf(report, translateFor(locale), {
        locale,
        timeZone: report.timeZone,
        printedBy: caller.session!.displayName,
        printedAt: core.now(),
      });
    } finally {
      core.release(caller);
    }
  },
};

/** Whether pdfkit writes this route's document (else the host's Chromium prints it). */
export function writesDirectly(route: string): boolean {
  return Object.hasOwn(direct, route.split('?', 1)[0]!);
}

/** The route (`weeklyReport?week=2026-W48`) as a finished PDF, written directly where it can be, else by `chromium`. */
export async function printDocumentPdf(core: Core, job: PdfJob, chromium: ChromiumPrinter): Promise<Buffer> {
  const [doc, query = ''] = job.route.split('?', 2) as [string, string?];
  const writer = Object.hasOwn(direct, doc) ? direct[doc] : undefined;
  return writer ? writer(core, new URLSearchParams(query), job) : chromium(job);
}
