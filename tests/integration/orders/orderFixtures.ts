// A warehouse ready to take orders: an operator, two salespeople, a CS
// manager and a keeper; customers C001 (salesperson sales1), C002 (sales2)
// and C009 (blocked); list prices for P001–P003 and P000 (the old code of
// P001, R13); dispatch tomorrow or later.
import type { Caller } from '../../../electron/core/context';
import type { RequestInput, RequestReply } from '../../../shared/contract';
import type { Role } from '../../../shared/domain';
import { call, newKey, openWarehouse, password, type Warehouse } from '../fixtures';

export type OrderWarehouse = {
  w: Warehouse;
  op: Caller;
  keeper: Caller;
  manager: Caller;
  sales1: Caller;
  sales2: Caller;
  product(code: string): number;
  customer(code: string): number;
  /** Puts `qty` of a product into stock (good, or gift) through a receipt. */
  stock(code: string, qty: number, status?: 'good' | 'gift'): Promise<void>;
  order(input: Partial<RequestInput<'orders.create'>>): Promise<RequestReply<'orders.create'>>;
  today: string;
  tomorrow: string;
};

export async function orderWarehouse(): Promise<OrderWarehouse> {
  const w = await openWarehouse();
  const op = await w.as('operator');
  const keeper = await w.as('warehouseKeeper');
  const manager = await w.as('csManager');
  const user = async (username: string, roles: Role[]) => {
    await call(w.core, w.admin, 'users.create', { username, displayName: username, roles, password });
    const caller = w.core.newCaller(username);
    await call(w.core, caller, 'auth.login', { username, secret: password });
    return caller;
  };
  const sales1 = await user('sales1', ['salesperson']);
  const sales2 = await user('sales2', ['salesperson']);
  await call(w.core, op, 'customers.import', {
    csv: [
      'code,name,area,route,stop_seq,salesperson,blocked,blocked_reason',
      'C001,天河便利店,天河,TH-1,1,sales1,0,',
      'C002,越秀超市,越秀,YX-1,1,sales2,0,',
      'C009,欠款商店,海珠,HZ-1,1,sales1,1,欠款未结',
    ].join('\n'),
  });
  await call(w.core, op, 'prices.import', {
    csv: [
      'product_code,customer_code,price,valid_from,valid_to',
      'P001,,1.50,2020-01-01,',
      'P002,,3.20,2020-01-01,',
      'P003,,8.00,2020-01-01,',
      'P000,,1.50,2020-01-01,',
    ].join('\n'),
  });
  const customers = await call(w.core, op, 'customers.list', {});
  const product = (code: string) => w.products.find((p) => p.code === code)!.id;
  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
  const plus = (d: string, n: number) => {
    const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(y, m - 1, dd + n)).toISOString().slice(0, 10);
  };
  const tomorrow = plus(today, 1);
  return {
    w,
    op,
    keeper,
    manager,
    sales1,
    sales2,
    product,
    customer: (code) => customers.find((c) => c.code === code)!.id,
    today,
    tomorrow,
    async stock(code, qty, status = 'good') {
      await call(w.core, keeper, 'receipts.post', {
        deliveryNote: `QS-${newKey().slice(-12)}`,
        arrivedAt: new Date().toISOString(),
        idempotencyKey: newKey(),
        lines: [{ productId: product(code), status, locationId: w.bins[0]!.id, qty }],
      });
    },
    order: (input) =>
      call(w.core, op, 'orders.create', {
        channel: 'desk',
        customerCode: 'C001',
        dispatchDate: tomorrow,
        deliveryDate: plus(tomorrow, 1),
        lines: [{ productCode: 'P001', qty: 10 }],
        ...input,
      }),
  };
}
