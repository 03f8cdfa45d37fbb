// The demo's day of orders (issue 11 §10): customers get routes with stop
// sequences, salespeople, delivery days and a few blocks; products get list
// prices (and some customers their own); then tomorrow's ≈5,200 orders
// (~20,000 lines, ~14 units an order) come in as a generated order file
// through the real import — some phone orders awaiting confirmation, some
// unqualified for each reason, a few emergencies — today's receipts bring the
// goods the day needs, and the operator's release reserves them: the
// dispatcher finds tomorrow's board full, a few oversized orders short on the
// daily confirmation list.
// Deterministic (seeded). Fast: customers and prices in batches, the orders
// through the import's chunked inserts.
import type { DemoLogin } from '../../../shared/contract';
import type { ServiceContext } from '../context';
import { createUser } from '../auth/auth';
import { today, nextWorkingDay, addDays } from '../orders/dates';
import { importOrderFile } from '../orders/importFile';
import { reserveAndMark } from '../orders/release';
import { linesOf, lineStatus, stockKey } from '../orders/reservations';
import { postReceipt } from '../receipts/receipts';

export const demoOrderScale = { orders: 5200, linesPerOrder: 3.85, phone: 260, emergencies: 40, short: 25 };

const extraSalespeople = [
  { username: 'sales2', displayName: '林业务' },
  { username: 'sales3', displayName: '黄业务' },
];

function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}

/**
 * `ctx` acts as the demo's operator, `keeper` as its warehouse keeper (today's
 * receipts). Returns the extra salespeople's logins. `password`: the demo password.
 */
export async function loadDemoOrders(
  ctx: ServiceContext,
  keeper: ServiceContext,
  password: string,
): Promise<DemoLogin[]> {
  const r = rng(20261205);
  const db = ctx.db;
  const at = ctx.now.toISOString();
  const progress = (phase: string, done: number, total: number) =>
    ctx.emit('work.progress', { job: 'setup.loadDemo', phase, done, total });

  progress('customers', 0, 1);
  const sales = [
    (await db.selectFrom('users').select('id').where('username', '=', 'sales').executeTakeFirstOrThrow()).id,
  ];
  for (const u of extraSalespeople) sales.push((await createUser(ctx, { ...u, roles: ['salesperson'], password })).id);

  // Routes and stops: customers of a route in code order, 1, 2, 3 …
  const customers = await db.selectFrom('customers').select(['id', 'code', 'route']).orderBy('code').execute();
  const stops = new Map<string, number>();
  for (const [i, c] of customers.entries()) {
    const stop = (stops.get(c.route) ?? 0) + 1;
    stops.set(c.route, stop);
    const blocked = i % 97 === 13;
    await db
      .updateTable('customers')
      .set({
        stop_seq: stop,
        address: `${c.route}路${stop * 3 + 1}号`,
        contact: `${'王李张刘陈杨黄赵'[i % 8]}老板`,
        salesperson_id: sales[i % sales.length]!,
        delivery_days: i % 5 === 0 ? '135' : '123456',
        blocked: blocked ? 1 : 0,
        blocked_reason: blocked ? '欠款超期 Overdue account' : '',
        lat: 23.05 + r.next() * 0.3,
        lng: 113.2 + r.next() * 0.35,
        updated_at: at,
      })
      .where('id', '=', c.id)
      .execute();
  }

  progress('prices', 0, 1);
  const products = await db
    .selectFrom('products')
    .select(['id', 'code', 'case_pack', 'unit_cost_fen', 'replaced_by_id', 'category'])
    .orderBy('code')
    .execute();
  // A few products ship in whole cases only; a few have no price yet (R1 missingPrice).
  const caseOnly = products.filter((_, i) => i % 40 === 7);
  for (const p of caseOnly) await db.updateTable('products').set({ case_only: 1 }).where('id', '=', p.id).execute();
  // …and a few were discontinued (R1 inactiveProduct); their stock stays on the books.
  const inactive = products.filter((p, i) => i % 150 === 77 && p.replaced_by_id === null);
  for (const p of inactive) await db.updateTable('products').set({ active: 0 }).where('id', '=', p.id).execute();
  const unpriced = new Set(products.filter((_, i) => i % 150 === 11).map((p) => p.id));
  const priceRows = products
    .filter((p) => !unpriced.has(p.id))
    .map((p) => ({
      product_id: p.id,
      customer_id: null as number | null,
      price_fen: Math.round((p.unit_cost_fen * 125) / 100),
      valid_from: '2020-01-01',
      valid_to: null,
      updated_at: at,
    }));
  // Key accounts: the first 40 customers pay 3% less on 20 products.
  for (const c of customers.slice(0, 40))
    for (const p of products.slice(0, 20))
      if (!unpriced.has(p.id))
        priceRows.push({
          product_id: p.id,
          customer_id: c.id,
          price_fen: Math.round((p.unit_cost_fen * 121) / 100),
          valid_from: '2020-01-01',
          valid_to: null,
          updated_at: at,
        });
  for (let i = 0; i < priceRows.length; i += 200)
    await db
      .insertInto('prices')
      .values(priceRows.slice(i, i + 200))
      .execute();

  // Tomorrow's order file.
  const orderDate = today(ctx.now, ctx.timeZone);
  const dispatch = nextWorkingDay(orderDate);
  const sellable = products.filter(
    (p) =>
      p.replaced_by_id === null &&
      !unpriced.has(p.id) &&
      !caseOnly.some((c) => c.id === p.id) &&
      !inactive.some((c) => c.id === p.id),
  );
  const blockedCodes = customers.filter((_, i) => i % 97 === 13).map((c) => c.code);
  const open = customers.filter((_, i) => i % 97 !== 13);
  const oldCodes = products.filter((p) => p.replaced_by_id !== null);
  const rows: string[] = ['order_ref,customer_code,product_code,qty,unit,gift,dispatch_date,channel,emergency,note'];
  const add = (
    ref: string,
    cust: string,
    code: string,
    qty: string,
    unit = '',
    gift = '',
    channel = '',
    em = '',
    date = dispatch,
  ) => rows.push(`${ref},${cust},${code},${qty},${unit},${gift},${date},${channel},${em},`);
  const unpricedCodes = products.filter((p) => unpriced.has(p.id)).map((p) => p.code);
  const shortCodes = sellable.slice(100, 100 + demoOrderScale.short);
  const n = demoOrderScale.orders;
  for (let k = 0; k < n; k++) {
    const ref = `DD${dispatch.replaceAll('-', '')}-${String(k + 1).padStart(5, '0')}`;
    const cust = open[k % open.length]!.code;
    const channel = k % 20 === 3 && k / 20 < demoOrderScale.phone ? '电话' : '';
    const em = k % 130 === 5 ? '1' : '';
    const count = r.next() < 0.85 ? r.int(3, 5) : r.int(1, 2);
    const seen = new Set<number>();
    for (let j = 0; j < count; j++) {
      let p = sellable[r.int(0, sellable.length - 1)]!;
      while (seen.has(p.id)) p = sellable[r.int(0, sellable.length - 1)]!;
      seen.add(p.id);
      add(ref, cust, p.code, String(r.int(1, 6)), '', '', channel, em);
    }
    if (k % 60 === 9) {
      add(ref, cust, sellable[k % sellable.length]!.code, '1', '', '1', channel, em);
    }
  }
  // Some unqualified for each reason (R1), and some that stock cannot cover (R4).
  const special = (i: number, cust: string, code: string, qty: string, unit = '', date = dispatch) => {
    add(`DX-${String(i).padStart(4, '0')}`, cust, code, qty, unit, '', '', '', date);
  };
  for (let i = 0; i < 8; i++) {
    const base = 1 + i * 20;
    special(base, `C9${String(900 + i)}`, sellable[i]!.code, '2'); // unknown customer
    special(base + 1, blockedCodes[i % blockedCodes.length]!, sellable[i]!.code, '2'); // blocked customer
    special(base + 2, open[i]!.code, `P9${String(9000 + i)}`, '2'); // unknown product
    special(base + 3, open[i]!.code, oldCodes[i % oldCodes.length]!.code, '3'); // old code (R13)
    special(base + 4, open[i]!.code, sellable[i]!.code, '2.5'); // not a whole number
    special(base + 5, open[i]!.code, caseOnly[i % caseOnly.length]!.code, '5'); // not whole cases
    special(base + 6, open[i]!.code, unpricedCodes[i % unpricedCodes.length]!, '2'); // no price
    special(base + 10, open[i]!.code, inactive[i % inactive.length]!.code, '2'); // discontinued
    special(base + 7, open[i]!.code, sellable[i + 10]!.code, '2', '', addDays(orderDate, -1)); // past date
    // A likely duplicate: the same customer, day and lines twice.
    special(base + 8, open[i + 20]!.code, sellable[i + 30]!.code, '4');
    special(base + 9, open[i + 20]!.code, sellable[i + 30]!.code, '4');
  }
  for (const [i, p] of shortCodes.entries()) special(500 + i, open[i + 40]!.code, p.code, String(p.case_pack * 200));

  progress('orders', 0, n);
  const result = await importOrderFile(ctx, rows.join('\r\n'), `demo-orders-${dispatch}.csv`);
  progress('orders', result.orders, n);

  // Tomorrow's goods came in today: the suppliers delivered what the day's
  // orders need, so releasing the day reserves it whole; only the oversized
  // orders above stay short, on the daily confirmation list.
  const day = await db
    .selectFrom('orders')
    .select(['id', 'number', 'state', 'reference'])
    .where('dispatch_date', '=', dispatch)
    .where('state', '=', 'qualified')
    .orderBy('emergency', 'desc')
    .orderBy('id')
    .execute();
  await restockForDay(
    keeper,
    day.filter((o) => !o.reference?.startsWith('DX-05')).map((o) => o.id),
    progress,
  );

  // The operator released the day: emergency orders first, then in order of entry.
  progress('release', 0, day.length);
  await reserveAndMark(ctx, day);
  progress('release', day.length, day.length);
  return extraSalespeople.map((u) => ({ username: u.username, password, roles: ['salesperson'] }));
}

const restockSuppliers = [
  '广州康师傅饮品有限公司',
  '华南伊利乳业',
  '海天调味食品',
  '金龙鱼粮油(广州)',
  '立白日化有限公司',
];

/**
 * Today's receipts for tomorrow: every (product, status) the orders need comes
 * in, exactly the day's quantity, into the bin that holds most of it. So the
 * release reserves the day whole and leaves what was available before as it
 * was (a product sold out before stays sold out for new orders). Posted by the
 * keeper through the real receipt, in a few deliveries that arrived within the
 * last two hours.
 */
async function restockForDay(
  keeper: ServiceContext,
  orderIds: number[],
  progress: (phase: string, done: number, total: number) => void,
) {
  const db = keeper.db;
  progress('restock', 0, 1);
  const need = new Map<string, { productId: number; gift: boolean; qty: number }>();
  for (const ls of (await linesOf(db, orderIds)).values())
    for (const l of ls) {
      const k = stockKey(l.productId, lineStatus(l.gift));
      const n = need.get(k) ?? { productId: l.productId, gift: l.gift, qty: 0 };
      n.qty += l.qty;
      need.set(k, n);
    }
  // The bin holding most of a product in that status; else any bin of that status.
  const bins = new Map<string, number>();
  const anyBin = new Map<string, number>();
  for (const b of await db
    .selectFrom('balances')
    .select(['product_id', 'status', 'location_id'])
    .where('status', 'in', ['good', 'gift'])
    .orderBy('qty', 'desc')
    .orderBy('location_id')
    .execute()) {
    const k = stockKey(b.product_id, b.status);
    if (!bins.has(k)) bins.set(k, b.location_id);
    if (!anyBin.has(b.status)) anyBin.set(b.status, b.location_id);
  }
  const lines = [...need.entries()]
    .sort((a, b) => a[1].productId - b[1].productId || +a[1].gift - +b[1].gift)
    .map(([k, n]) => {
      const status = lineStatus(n.gift);
      return { productId: n.productId, status, locationId: bins.get(k) ?? anyBin.get(status)!, qty: n.qty };
    });
  const deliveries = restockSuppliers.length;
  const per = Math.ceil(lines.length / deliveries);
  const stamp = today(keeper.now, keeper.timeZone).replaceAll('-', '').slice(2);
  for (let i = 0; i * per < lines.length; i++) {
    await postReceipt(keeper, {
      deliveryNote: `QS${stamp}R${String(i + 1).padStart(2, '0')}`,
      supplier: restockSuppliers[i]!,
      arrivedAt: new Date(keeper.now.getTime() - (110 - i * 15) * 60_000).toISOString(),
      idempotencyKey: `demo-restock-${i}`,
      note: '明日发货补货 Stock for tomorrow',
      lines: lines.slice(i * per, (i + 1) * per),
    });
    progress('restock', i + 1, deliveries);
  }
}
