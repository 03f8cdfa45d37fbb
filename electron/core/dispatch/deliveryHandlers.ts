// Dispatch slice "delivery" (issue 12 §6 §7): request name → service, typed
// over every name of deliveryRequests.
import type { DeliveryRequestName } from '../../../shared/contract';
import type { Handler } from '../contract/handlers';
import { awaitingReturn } from './delivery/awaitingReturn';
import { cutoffView, setCutoff } from './delivery/cutoff';
import { departTrip, returnTrip } from './delivery/departure';
import { recordOutcome } from './delivery/outcomes';
import { dispatchReport, postReport, saveReport, submitReport } from './delivery/report';
import { serviceLevel } from './delivery/serviceLevel';
import { deliveryTrip, deliveryTrips } from './delivery/views';

export const deliveryHandlers: { [N in DeliveryRequestName]: Handler<N> } = {
  'dispatch.depart': (ctx, input) => departTrip(ctx, input.tripId),
  'dispatch.returned': (ctx, input) => returnTrip(ctx, input.tripId),
  'dispatch.deliveryTrips': (ctx, input) => deliveryTrips(ctx.db, input.dispatchDate),
  'dispatch.deliveryTrip': (ctx, input) => deliveryTrip(ctx.db, input.tripId),
  'dispatch.recordOutcome': (ctx, input) => recordOutcome(ctx, input),
  'dispatch.awaitingReturn': (ctx, input) => awaitingReturn(ctx.db, input.dispatchDate),
  'dispatch.serviceLevel': (ctx, input) => serviceLevel(ctx.db, input.from, input.to),
  'dispatch.report': (ctx, input) => dispatchReport(ctx, input.dispatchDate),
  'dispatch.saveReport': (ctx, input) => saveReport(ctx, input),
  'dispatch.submitReport': (ctx, input) => submitReport(ctx, input),
  'dispatch.postReport': (ctx, input) => postReport(ctx, input.dispatchDate),
  'dispatch.cutoff': (ctx) => cutoffView(ctx),
  'dispatch.setCutoff': (ctx, input) => setCutoff(ctx, input.time),
};
