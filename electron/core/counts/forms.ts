// Adjustment forms as the contract reads them. A count form's lines are the
// session's variances, so while that session is being recounted blind (after
// a rejection) a counter may not read it: blindness.ts decides.
import type { AdjustmentFormRow, AdjustmentFormView } from '../../../shared/contract/counts';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import { formView, listForms, type FormFilter } from './adjustmentViews';
import { bookVisible } from './blindness';
import { loadSession } from './common';

async function hidden(ctx: ServiceContext, sessionId: number | null, cache: Map<number, boolean>): Promise<boolean> {
  if (sessionId === null) return false;
  let h = cache.get(sessionId);
  if (h === undefined) {
    h = !(await bookVisible(ctx, await loadSession(ctx.db, sessionId)));
    cache.set(sessionId, h);
  }
  return h;
}

export async function readForms(ctx: ServiceContext, filter: FormFilter): Promise<AdjustmentFormRow[]> {
  const cache = new Map<number, boolean>();
  const out: AdjustmentFormRow[] = [];
  for (const f of await listForms(ctx.db, filter)) if (!(await hidden(ctx, f.sessionId, cache))) out.push(f);
  return out;
}

export async function readForm(ctx: ServiceContext, formId: number): Promise<AdjustmentFormView> {
  const f = await formView(ctx.db, formId);
  if (await hidden(ctx, f.sessionId, new Map()))
    throw new AppError('counts.bookHidden', { number: f.sessionNumber ?? '' });
  return f;
}
