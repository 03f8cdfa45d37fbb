// Saving and submitting the monthly analyses, and the return analysis's
// next-step action plans 下一步行动计划 (each edit audited, entity
// 'returnActionPlan'). Submitted analyses are read-only: the manager has them.
import type { DamageAnalysis, PlanScope, ReturnAnalysis } from '../../../shared/contract';
import { returnReasons } from '../../../shared/contract/returns/words';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import { damageAnalysis } from './damage';
import { writeHeader } from './header';
import { returnAnalysis } from './returns';

type PlanInput = { scope: PlanScope; key: string; text: string };

export async function writeDamage(
  ctx: ServiceContext,
  input: { month: string; note: string; warehouseId?: number | undefined },
  submit: boolean,
): Promise<DamageAnalysis> {
  await writeHeader(ctx, 'damage', input.month, input.note, submit);
  ctx.emit('damage.changed', { reportIds: [], disposalIds: [], clientId: ctx.caller.clientId });
  return damageAnalysis(ctx.db, input.month, ctx.timeZone, input.warehouseId);
}

export async function writeReturns(
  ctx: ServiceContext,
  input: { month: string; note: string; plans: PlanInput[]; warehouseId?: number | undefined },
  submit: boolean,
): Promise<ReturnAnalysis> {
  const userId = ctx.caller.session?.userId;
  if (userId === undefined) throw new AppError('auth.required');
  for (const p of input.plans) {
    const ok =
      p.scope === 'reason'
        ? (returnReasons as readonly string[]).includes(p.key)
        : p.key === 'none' || /^[1-9]\d*$/.test(p.key);
    if (!ok) throw new AppError('analyses.badPlanKey', { scope: p.scope, key: p.key });
  }
  // The header first: it refuses a submitted month before any plan is written.
  await writeHeader(ctx, 'returns', input.month, input.note, submit);
  const at = ctx.now.toISOString();
  for (const p of input.plans) {
    const before = await ctx.db
      .selectFrom('return_action_plans')
      .select('text')
      .where('month', '=', input.month)
      .where('scope', '=', p.scope)
      .where('key', '=', p.key)
      .executeTakeFirst();
    if ((before?.text ?? '') === p.text) continue;
    if (p.text === '') {
      await ctx.db
        .deleteFrom('return_action_plans')
        .where('month', '=', input.month)
        .where('scope', '=', p.scope)
        .where('key', '=', p.key)
        .execute();
    } else {
      await ctx.db
        .insertInto('return_action_plans')
        .values({ month: input.month, scope: p.scope, key: p.key, text: p.text, updated_by: userId, updated_at: at })
        .onConflict((oc) =>
          oc.columns(['month', 'scope', 'key']).doUpdateSet({ text: p.text, updated_by: userId, updated_at: at }),
        )
        .execute();
    }
    await recordAudit(ctx, {
      entity: 'returnActionPlan',
      entityId: `${input.month}/${p.scope}/${p.key}`,
      before: before ? { text: before.text } : undefined,
      after: p.text === '' ? undefined : { text: p.text },
    });
  }
  ctx.emit('returns.changed', { returnIds: [], clientId: ctx.caller.clientId });
  return returnAnalysis(ctx.db, input.month, ctx.timeZone, input.warehouseId);
}
