// Returns 退货 (issue 13): request name → service, typed over every name of the
// returns slices (the chain).
import type { ReturnsRequestName } from '../../../shared/contract';
import type { Handler } from '../contract/handlers';
import { checkReturn, decideReturn, issueNote, reportReturn, takeRefusal } from './chain';
import { editReturn, returnableOrders } from './report';
import { financeExport, findReturn, getReturn, listReturns } from './views';

export const returnsHandlers: { [N in ReturnsRequestName]: Handler<N> } = {
  'returns.report': (ctx, input) => reportReturn(ctx, input),
  'returns.list': (ctx, input) => listReturns(ctx, input),
  'returns.get': (ctx, input) => getReturn(ctx, input.returnId),
  'returns.find': (ctx, input) => findReturn(ctx, input.number),
  'returns.approve': (ctx, input) => decideReturn(ctx, input.returnId, null),
  'returns.reject': (ctx, input) => decideReturn(ctx, input.returnId, input.reason),
  'returns.takeRefusal': (ctx, input) => takeRefusal(ctx, input.orderId),
  'returns.check': (ctx, input) => checkReturn(ctx, input),
  'returns.issueNote': (ctx, input) => issueNote(ctx, input),
  'returns.financeExport': (ctx, input) => financeExport(ctx.db, input.from, input.to),
  'returns.returnable': (ctx, input) => returnableOrders(ctx, input),
  'returns.edit': (ctx, input) => editReturn(ctx, input),
};
