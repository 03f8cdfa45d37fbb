// Damage 残损 (issue 13): request name → service, typed over every name of the
// damage slices (register, disposals).
import type { DamageRequestName } from '../../../shared/contract';
import type { Handler, HandlerDeps } from '../contract/handlers';
import { attachToReport, readAttachment } from './attachments';
import { listCauses, saveCause } from './causes';
import { approveDisposal, listDisposals, proposeDisposal, readDisposal, rejectDisposal } from './disposals';
import { listFinders } from './finders';
import { approveReport, raiseReport, rejectReport } from './reports';
import { reportAtStation } from './station';
import { listReports, readReport } from './views';

export const createDamageHandlers = (deps: HandlerDeps): { [N in DamageRequestName]: Handler<N> } => ({
  'damage.causes': (ctx) => listCauses(ctx.db),
  'damage.saveCause': (ctx, input) => saveCause(ctx, input),
  'damage.finders': (ctx) => listFinders(ctx.db),
  'damage.report': (ctx, input) => raiseReport(ctx, input),
  'damage.list': (ctx, input) => listReports(ctx.db, input.state),
  'damage.get': (ctx, input) => readReport(ctx.db, input.reportId),
  'damage.approve': (ctx, input) => approveReport(ctx, input.reportId),
  'damage.reject': (ctx, input) => rejectReport(ctx, input.reportId, input.reason),
  'damage.attach': (ctx, input) => attachToReport(ctx, input),
  'damage.attachment': (ctx, input) => readAttachment(ctx, input.attachmentId),
  'disposals.propose': (ctx, input) => proposeDisposal(ctx, input),
  'disposals.list': (ctx, input) => listDisposals(ctx.db, input.state),
  'disposals.get': (ctx, input) => readDisposal(ctx.db, input.disposalId),
  'disposals.approve': (ctx, input) => approveDisposal(ctx, input.disposalId),
  'disposals.reject': (ctx, input) => rejectDisposal(ctx, input.disposalId, input.reason),
  'damage.reportAtStation': (ctx, input) => reportAtStation(ctx, deps.scanning.pipeline, input),
});
