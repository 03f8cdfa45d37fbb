// The monthly performance review 客户服务部每月业绩回顾表 (issue 14 item 4): the
// month's KPIs (definitions.ts) against their targets and the month before,
// the damage analysis's total, the counts and adjustment forms of the month
// (counts/measures.ts), and the CS manager's commentary and actions. Signed
// off once the month is over, the figures are stored with it and read back as
// they were, whatever is posted later.
import {
  kpiBetter,
  kpiIds,
  kpiUnits,
  type KpiReview,
  type ReviewFigures,
  type ReviewKpiRow,
} from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { addMonths } from '../analyses/month';
import { damageAnalysis } from '../analyses/damage';
import { recordAudit } from '../audit/audit';
import { requireSession, type ServiceContext } from '../context';
import { countMeasures } from '../counts/measures';
import { today as todayOf } from '../orders/dates';
import { kpiDefinitions } from './definitions';
import { instants, monthBounds } from './periods';
import { grade, readTargets } from './targets';

async function figures(ctx: ServiceContext, month: string, today: string): Promise<ReviewFigures> {
  const { from, to: last } = monthBounds(month);
  const to = last > today ? today : last;
  const previousMonth = addMonths(month, -1);
  const prev = monthBounds(previousMonth);
  const targets = new Map((await readTargets(ctx.db)).map((t) => [t.kpi, t.target]));
  const kpis: ReviewKpiRow[] = [];
  for (const kpi of kpiIds) {
    const define = kpiDefinitions[kpi];
    const figure = await define(ctx.db, { from, to, timeZone: ctx.timeZone });
    const previous = await define(ctx.db, { from: prev.from, to: prev.to, timeZone: ctx.timeZone });
    const target = targets.get(kpi) ?? null;
    kpis.push({
      kpi,
      unit: kpiUnits[kpi],
      better: kpiBetter[kpi],
      target,
      figure,
      grade: grade(kpi, figure.value, target),
      previous,
    });
  }
  const damage = (await damageAnalysis(ctx.db, month, ctx.timeZone)).total;
  const { start, end } = instants(from, to, ctx.timeZone);
  const measures = await countMeasures(ctx, { from: start, to: end });
  const counts = measures.sessions.reduce(
    (a, s) => ({
      sessions: a.sessions + 1,
      linesCounted: a.linesCounted + s.linesCounted,
      linesWithinTolerance: a.linesWithinTolerance + s.linesWithinTolerance,
      accuracyPct: null,
    }),
    { sessions: 0, linesCounted: 0, linesWithinTolerance: 0, accuracyPct: null as number | null },
  );
  counts.accuracyPct =
    counts.linesCounted === 0 ? null : Math.round((counts.linesWithinTolerance * 10_000) / counts.linesCounted) / 100;
  const adjustments: ReviewFigures['adjustments'] = [];
  for (const w of measures.weeks)
    for (const a of w.adjustments) {
      const k = adjustments.find((x) => x.kind === a.kind);
      if (!k) adjustments.push({ ...a });
      else {
        k.forms += a.forms;
        k.lines += a.lines;
        k.absAmountFen += a.absAmountFen;
        k.netAmountFen += a.netAmountFen;
      }
    }
  return { from, to, previousMonth, kpis, damage, counts, adjustments };
}

export async function readReview(ctx: ServiceContext, month: string): Promise<KpiReview> {
  const today = todayOf(ctx.now, ctx.timeZone);
  if (month > today.slice(0, 7)) throw new AppError('kpi.futureMonth', { month });
  const row = await ctx.db
    .selectFrom('kpi_reviews as r')
    .innerJoin('users as s', 's.id', 'r.saved_by')
    .leftJoin('users as g', 'g.id', 'r.signed_by')
    .select([
      'r.state',
      'r.commentary',
      'r.actions',
      'r.figures',
      'r.saved_at',
      'r.signed_at',
      's.display_name as saved_name',
      'g.display_name as signed_name',
    ])
    .where('r.month', '=', month)
    .executeTakeFirst();
  // Signed: the figures as they were signed.
  const f: ReviewFigures = row?.figures ? (JSON.parse(row.figures) as ReviewFigures) : await figures(ctx, month, today);
  return {
    month,
    ...f,
    state: (row?.state as KpiReview['state'] | undefined) ?? 'new',
    commentary: row?.commentary ?? '',
    actions: row?.actions ?? '',
    savedBy: row?.saved_name ?? null,
    savedAt: row?.saved_at ?? null,
    signedBy: row?.signed_name ?? null,
    signedAt: row?.signed_at ?? null,
  };
}

export async function writeReview(
  ctx: ServiceContext,
  input: { month: string; commentary: string; actions: string },
  sign: boolean,
): Promise<KpiReview> {
  const me = requireSession(ctx);
  const before = await readReview(ctx, input.month);
  if (before.state === 'signed') throw new AppError('kpi.reviewSigned', { month: input.month });
  const today = todayOf(ctx.now, ctx.timeZone);
  if (sign && monthBounds(input.month).to >= today) throw new AppError('kpi.monthNotOver', { month: input.month });
  const at = ctx.now.toISOString();
  const values = {
    state: sign ? 'signed' : 'draft',
    commentary: input.commentary,
    actions: input.actions,
    figures: sign ? JSON.stringify(await figures(ctx, input.month, today)) : null,
    saved_by: me.userId,
    saved_at: at,
    signed_by: sign ? me.userId : null,
    signed_at: sign ? at : null,
  };
  await ctx.db
    .insertInto('kpi_reviews')
    .values({ month: input.month, ...values })
    .onConflict((oc) => oc.column('month').doUpdateSet(values))
    .execute();
  await recordAudit(ctx, {
    entity: 'kpiReview',
    entityId: input.month,
    before: { state: before.state, commentary: before.commentary, actions: before.actions },
    after: { state: values.state, commentary: input.commentary, actions: input.actions },
  });
  ctx.emit('kpi.changed', { kpi: 'review' });
  return readReview(ctx, input.month);
}
