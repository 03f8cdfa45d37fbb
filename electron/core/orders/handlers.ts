// The orders slice's handlers: request name → service. Typed over every name
// of ordersRequests, so a request without a handler fails the type check.
import type { OrdersRequestName } from '../../../shared/contract';
import type { Handler } from '../contract/handlers';
import { confirmationList, resolveLine, retryShort } from './confirmationList';
import { confirmOrder, pendingConfirmation, rejectOrder } from './confirm';
import { exportCustomers, importCustomers, listCustomers, listSalespeople, saveCustomer } from './customers';
import { importOrderFile, previewOrderFile } from './importFile';
import { cancelOrder, createOrder, requalify, switchLine, updateOrder } from './intake';
import { importPrices, listPrices, removePrice, setPrice } from './prices';
import { qualifiedRate } from './rate';
import { releaseOrders, takeBack } from './release';
import { orderRows, orderView } from './views';

export const ordersHandlers: { [N in OrdersRequestName]: Handler<N> } = {
  'customers.list': (ctx, input) => listCustomers(ctx.db, input.ids),
  'customers.save': (ctx, input) => saveCustomer(ctx, input),
  'customers.import': (ctx, input) => importCustomers(ctx, input.csv),
  'customers.export': (ctx) => exportCustomers(ctx.db),
  'customers.salespeople': (ctx) => listSalespeople(ctx.db),

  'prices.list': (ctx, input) => listPrices(ctx.db, input),
  'prices.set': (ctx, input) => setPrice(ctx, input),
  'prices.remove': (ctx, input) => removePrice(ctx, input.id),
  'prices.import': (ctx, input) => importPrices(ctx, input.csv),

  'orders.list': (ctx, input) => orderRows(ctx.db, input),
  'orders.get': (ctx, input) => orderView(ctx.db, input.orderId),
  'orders.create': (ctx, input) => createOrder(ctx, input),
  'orders.update': (ctx, input) => updateOrder(ctx, input),
  'orders.switchLine': (ctx, input) => switchLine(ctx, input.orderId, input.lineId),
  'orders.requalify': (ctx, input) => requalify(ctx, input),
  'orders.cancel': (ctx, input) => cancelOrder(ctx, input),
  'orders.pendingConfirmation': (ctx) => pendingConfirmation(ctx),
  'orders.confirm': (ctx, input) => confirmOrder(ctx, input.orderId),
  'orders.reject': (ctx, input) => rejectOrder(ctx, input.orderId, input.reason),
  'orders.release': (ctx, input) => releaseOrders(ctx, input),
  'orders.takeBack': (ctx, input) => takeBack(ctx, input.orderId),
  'orders.confirmationList': (ctx, input) => confirmationList(ctx.db, input.dispatchDate),
  'orders.retryShort': (ctx, input) => retryShort(ctx, input.dispatchDate),
  'orders.resolveLine': (ctx, input) => resolveLine(ctx, input),
  'orders.previewImport': (ctx, input) => previewOrderFile(ctx, input.csv, input.fileName),
  'orders.import': (ctx, input) => importOrderFile(ctx, input.csv, input.fileName),
  'orders.qualifiedRate': (ctx, input) => qualifiedRate(ctx.db, input.from, input.to),
};
