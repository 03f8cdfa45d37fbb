// KPI targets (issue 14 item 3): set by the CS manager, one per KPI, audited;
// a figure is graded met / near / missed against its KPI's target.
import { kpiBetter, kpiIds, kpiUnits, type KpiGrade, type KpiId, type KpiTarget } from '../../../shared/contract';
import { recordAudit } from '../audit/audit';
import { requireSession, type ServiceContext } from '../context';
import type { Db } from '../db/schema';

export async function readTargets(db: Db): Promise<KpiTarget[]> {
  const rows = await db
    .selectFrom('kpi_targets as k')
    .innerJoin('users as u', 'u.id', 'k.set_by')
    .select(['k.kpi', 'k.target_x100', 'k.set_at', 'u.display_name'])
    .execute();
  const byKpi = new Map(rows.map((r) => [r.kpi, r]));
  return kpiIds.map((kpi) => {
    const r = byKpi.get(kpi);
    return r
      ? { kpi, target: r.target_x100 / 100, setBy: r.display_name, setAt: r.set_at }
      : { kpi, target: null, setBy: null, setAt: null };
  });
}

export async function setTarget(
  ctx: ServiceContext,
  input: { kpi: KpiId; target: number | null },
): Promise<KpiTarget[]> {
  const me = requireSession(ctx);
  const before = (await readTargets(ctx.db)).find((t) => t.kpi === input.kpi)?.target ?? null;
  const target = input.target === null ? null : Math.round(input.target * 100) / 100;
  if (target === null) {
    await ctx.db.deleteFrom('kpi_targets').where('kpi', '=', input.kpi).execute();
  } else {
    const row = { target_x100: Math.round(target * 100), set_by: me.userId, set_at: ctx.now.toISOString() };
    await ctx.db
      .insertInto('kpi_targets')
      .values({ kpi: input.kpi, ...row })
      .onConflict((oc) => oc.column('kpi').doUpdateSet(row))
      .execute();
  }
  if (before !== target) {
    await recordAudit(ctx, { entity: 'kpiTarget', entityId: input.kpi, before: { target: before }, after: { target } });
  }
  ctx.emit('kpi.changed', { kpi: input.kpi });
  return readTargets(ctx.db);
}

/**
 * How far a figure may miss its target and still be "near": two points of a
 * percentage, a tenth of a days-of-inventory target, a tenth of a count
 * target but at least one record.
 */
function nearMargin(kpi: KpiId, target: number): number {
  const unit = kpiUnits[kpi];
  if (unit === 'pct') return 2;
  if (unit === 'days') return target / 10;
  return Math.max(1, target / 10);
}

export function grade(kpi: KpiId, value: number | null, target: number | null): KpiGrade | null {
  if (value === null || target === null) return null;
  const margin = nearMargin(kpi, target);
  if (kpiBetter[kpi] === 'higher') return value >= target ? 'met' : value >= target - margin ? 'near' : 'missed';
  return value <= target ? 'met' : value <= target + margin ? 'near' : 'missed';
}
