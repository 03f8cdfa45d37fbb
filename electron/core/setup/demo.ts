// The demo warehouse, at the reference scale of DOMAIN.md: 800+ products with
// unit and case barcodes and some old codes (R13), three statuses, zones and
// bins, 30 vehicles with drivers, customers on areas/routes, a user for every
// role, and four weeks of receipts and dispatch issues posted through the one
// posting function — so the ledger and balances agree from the first minute.
// Deterministic (seeded), so screenshots and tests see the same warehouse.
import type { DemoLogin } from '../../../shared/contract';
import { withCheckDigit } from '../../../shared/barcode/gtin';
import type { Role } from '../../../shared/domain';
import { createUser } from '../auth/auth';
import type { ServiceContext } from '../context';
import { postReceipt, type ReceiptInput } from '../receipts/receipts';
import { postDocument, type MovementLine } from '../stock/posting';
import { createLayout } from './layout';
import { loadDemoOrders } from './demoOrders';
import { loadDemoDamage } from './demoDamage';
import { loadDemoReturns } from './demoReturns';
import { loadDemoComplaints } from './demoComplaints';
import { loadDemoCalls } from './demoCalls';
import { loadDemoSurveys } from './demoSurveys';
import { loadDemoQuality } from './demoQuality';
import { loadDemoKpi } from './demoKpi';
import { demoAreas, demoCategories, demoGivenNames, demoShopKinds, demoSurnames, demoVariants } from './demoCatalogue';

export const demoPassword = 'demo1234';
export const demoScale = { products: 840, oldCodes: 24, customers: 800, vehicles: 30, days: 28 };

const demoUsers: { username: string; displayName: string; roles: Role[]; pin?: string; dispatchOverride?: true }[] = [
  { username: 'admin', displayName: '系统管理员', roles: ['admin'] },
  { username: 'manager', displayName: '王经理', roles: ['csManager'] },
  { username: 'operator', displayName: '李操作', roles: ['operator'] },
  { username: 'keeper', displayName: '张仓管', roles: ['warehouseKeeper'], pin: '1111' },
  { username: 'keeper2', displayName: '赵仓管', roles: ['warehouseKeeper'], pin: '2222' },
  { username: 'sales', displayName: '陈业务', roles: ['salesperson'] },
  { username: 'dispatcher', displayName: '刘调度', roles: ['dispatcher'] },
  { username: 'supervisor', displayName: '周主管', roles: ['supervisor', 'operator'] },
  // The lead dispatcher may force an assignment beyond a vehicle's capacity (recorded); 刘调度 may not.
  { username: 'dispatchlead', displayName: '孙调度', roles: ['dispatcher'], dispatchOverride: true },
];

/**
 * The demo's vans 厢式车, cases and kg in proportion (≈6 kg a case, the demo
 * day's mix), so neither dimension alone decides a load: 30 of them carry a
 * whole demo day (≈25,000 cases, ≈150 t) with a little room to spare.
 */
export const demoVehicleTypes = [
  { type: '4.2米厢式', cases: 500, kg: 3000 },
  { type: '6.8米厢式', cases: 900, kg: 5500 },
  { type: '9.6米厢式', cases: 1400, kg: 8500 },
] as const;

/** mulberry32: small, fast, good enough for demo data. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}

type DemoProduct = { id: number; casePack: number; homeBin: number };

function progress(ctx: ServiceContext, phase: string, done: number, total: number) {
  ctx.emit('work.progress', { job: 'setup.loadDemo', phase, done, total });
}

export async function loadDemoWarehouse(ctx: ServiceContext): Promise<DemoLogin[]> {
  const r = rng(20261122);
  const db = ctx.db;
  const at = ctx.now.toISOString();
  // Thousands of historical postings must not each become a live event: only
  // progress goes out; the hosts reload after the demo is in.
  const quiet: ServiceContext = {
    ...ctx,
    emit: (name, payload) => name === 'work.progress' && ctx.emit(name, payload),
  };

  progress(ctx, 'users', 0, demoUsers.length);
  const ids = new Map<string, number>();
  for (const { dispatchOverride, ...u } of demoUsers) {
    const user = await createUser(quiet, { ...u, password: demoPassword });
    ids.set(u.username, user.id);
    if (dispatchOverride)
      await db.updateTable('users').set({ dispatch_override: 1 }).where('id', '=', user.id).execute();
  }

  progress(ctx, 'locations', 0, 1);
  const bins = await createLayout(db, { code: 'WH1', name: '主仓库' }, [
    { code: 'R', name: '收货区', bins: 2 },
    { code: 'A', name: '常温区', bins: 24 },
    { code: 'B', name: '重货区', bins: 12 },
    { code: 'G', name: '赠品区', bins: 4 },
    { code: 'D', name: '残损区', bins: 4 },
  ]);
  const regularBins = [...bins.get('A')!, ...bins.get('B')!];
  const giftBins = bins.get('G')!;
  const damagedBins = bins.get('D')!;

  // Catalogue: every brand × item × spec × variant, shuffled, the first N kept.
  type Combo = {
    ci: number;
    c: (typeof demoCategories)[number];
    b: [string, string];
    item: (typeof demoCategories)[number]['items'][number];
    s: [string, number, number];
    v: [string, string];
    key: number;
  };
  const combos: Combo[] = [];
  for (const [ci, c] of demoCategories.entries())
    for (const b of c.brands)
      for (const item of c.items)
        for (const s of item.specs) for (const v of demoVariants) combos.push({ ci, c, b, item, s, v, key: r.next() });
  combos.sort((x, y) => x.ci - y.ci || x.key - y.key);
  const perCategory = Math.ceil(demoScale.products / demoCategories.length);
  const chosen = demoCategories
    .flatMap((_, ci) => combos.filter((x) => x.ci === ci).slice(0, perCategory))
    .slice(0, demoScale.products);
  const products: DemoProduct[] = [];
  for (const [i, x] of chosen.entries()) {
    const [spec, casePack, cost] = x.s;
    const code = `P${String(10001 + i)}`;
    const row = await db
      .insertInto('products')
      .values({
        code,
        name_zh: `${x.b[0]}${x.item.zh}${x.v[0]}`,
        name_en: `${x.b[1]} ${x.item.en}${x.v[1]}`,
        spec,
        unit: x.c.zh === '粮油' ? '袋' : x.c.zh === '日化' ? '瓶' : '个',
        case_pack: casePack,
        // Grams per unit, so orders and vehicle loads can be weighed (not drawn from r: the rest of the demo stays as it was).
        unit_weight_g: 150 + ((i * 7919) % 1851),
        unit_cost_fen: Math.round(cost * (0.9 + r.next() * 0.3)),
        category: x.c.zh,
        active: 1,
        replaced_by_id: null,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // EAN-13 with a Chinese (69x) prefix; the case GTIN-14 carries indicator 1.
    const unitBody = `690${String(100000000 + i * 7919).slice(-9)}`;
    await db
      .insertInto('barcodes')
      .values([
        { code: withCheckDigit(unitBody), product_id: row.id, level: 'unit', units: 1 },
        { code: withCheckDigit(`1${unitBody}`), product_id: row.id, level: 'case', units: casePack },
      ])
      .execute();
    products.push({ id: row.id, casePack, homeBin: regularBins[i % regularBins.length]! });
    if (i % 100 === 0) progress(ctx, 'products', i, chosen.length);
  }
  // R13: some codes were replaced by new ones; their stock stays apart and sells off.
  const oldCodes = new Set<number>();
  for (let k = 0; k < demoScale.oldCodes; k++) {
    const old = products[k * 31 + 5]!;
    const successor = products[k * 31 + 6]!;
    await db.updateTable('products').set({ replaced_by_id: successor.id }).where('id', '=', old.id).execute();
    oldCodes.add(old.id);
  }

  progress(ctx, 'customers', 0, demoScale.customers);
  const customers = Array.from({ length: demoScale.customers }, (_, i) => {
    const [area, areaCode] = demoAreas[i % demoAreas.length]!;
    return {
      code: `C${String(i + 1).padStart(4, '0')}`,
      name: `${area}${r.pick(demoSurnames)}记${r.pick(demoShopKinds)}`,
      area,
      route: `${areaCode}-${1 + (Math.floor(i / demoAreas.length) % 4)}`,
      phone: `13${r.int(100000000, 999999999)}`,
    };
  });
  for (let i = 0; i < customers.length; i += 200)
    await db
      .insertInto('customers')
      .values(customers.slice(i, i + 200))
      .execute();
  await db
    .insertInto('vehicles')
    .values(
      Array.from({ length: demoScale.vehicles }, (_, i) => {
        const v = {
          plate: `粤A·D${String(3100 + i * 37).padStart(4, '0')}`,
          driver_name: `${r.pick(demoSurnames)}${r.pick(demoGivenNames)}`,
          driver_phone: `139${r.int(10000000, 99999999)}`,
          // Two draws, as before this table, so the rest of the demo stays as it was.
          size: demoVehicleTypes[r.pick([0, 1, 1, 2])]!,
          loadFactor: r.pick([0.95, 1, 1.05]),
          area: demoAreas[i % demoAreas.length]![0],
        };
        const { size, loadFactor, ...rest } = v;
        return {
          ...rest,
          vehicle_type: size.type,
          capacity_cases: size.cases,
          capacity_kg: Math.round((size.kg * loadFactor) / 100) * 100,
        };
      }),
    )
    .execute();

  // Four weeks of history, posted at the times they happened.
  const keeper = ids.get('keeper')!;
  const asUser = (userId: number, username: string, roles: Role[], now: Date): ServiceContext => ({
    ...quiet,
    now,
    caller: {
      ...ctx.caller,
      session: {
        token: '',
        tokenHash: '',
        userId,
        username,
        displayName: username,
        roles,
        locale: 'zh-CN',
        station: ctx.caller.station,
        expiresAt: Infinity,
      },
    },
  });
  const dayStart = (daysAgo: number) => {
    // Local midnight in the warehouse's zone (UTC+8, no daylight saving).
    const local = new Date(ctx.now.getTime() + 8 * 3600_000);
    return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - daysAgo) - 8 * 3600_000;
  };
  const hour = 3600_000;

  const stock = new Map<string, number>();
  const key = (l: MovementLine) => `${l.productId}|${l.status}|${l.locationId}`;
  const apply = (lines: MovementLine[]) => lines.forEach((l) => stock.set(key(l), (stock.get(key(l)) ?? 0) + l.qty));

  const opening: MovementLine[] = [];
  for (const [i, p] of products.entries()) {
    opening.push({
      productId: p.id,
      status: 'good',
      locationId: p.homeBin,
      qty: p.casePack * r.int(oldCodes.has(p.id) ? 2 : 8, 40),
    });
    if (i % 7 === 0) opening.push({ productId: p.id, status: 'gift', locationId: r.pick(giftBins), qty: r.int(6, 60) });
    if (i % 9 === 0)
      opening.push({ productId: p.id, status: 'damaged', locationId: r.pick(damagedBins), qty: r.int(1, 12) });
  }
  const start = new Date(dayStart(demoScale.days) + 7 * hour);
  await postDocument(asUser(keeper, 'keeper', ['warehouseKeeper'], start), {
    type: 'opening',
    idempotencyKey: 'demo-opening',
    note: '期初库存 Opening stock',
    lines: opening,
  });
  apply(opening);

  // Goods damaged on arrival: their causes and suggestions, in turn.
  const arrivalDamage: NonNullable<ReceiptInput['lines'][number]['damage']>[] = [
    { cause: 'crushed', suggestion: 'returnToSupplier' },
    { cause: 'tornPackaging', suggestion: 'repackGood' },
    { cause: 'wet', suggestion: 'sellDamaged' },
    { cause: 'transport', suggestion: 'returnToSupplier' },
  ];
  const suppliers = [
    '广州康师傅饮品有限公司',
    '华南伊利乳业',
    '海天调味食品',
    '金龙鱼粮油(广州)',
    '立白日化有限公司',
    '旺旺食品华南公司',
  ];
  let docs = 0;
  for (let d = demoScale.days - 1; d >= 0; d--) {
    const base = dayStart(d);
    // Receipts (R7): mostly posted well within 2 h of arrival, a few late.
    const receipts = d === 0 ? 3 : r.int(5, 9);
    for (let k = 0; k < receipts; k++) {
      const arrived = new Date(base + (8 + k) * hour + r.int(0, 50) * 60_000);
      const delay = r.next() < 0.12 ? r.int(125, 240) : r.next() < 0.2 ? r.int(90, 119) : r.int(15, 85);
      const posted = new Date(arrived.getTime() + delay * 60_000);
      if (posted.getTime() > ctx.now.getTime()) continue;
      const lines: ReceiptInput['lines'] = [];
      const seen = new Set<number>();
      for (let n = r.int(6, 16); n > 0; n--) {
        const p = r.pick(products);
        if (oldCodes.has(p.id) || seen.has(p.id)) continue;
        seen.add(p.id);
        lines.push({ productId: p.id, status: 'good', locationId: p.homeBin, qty: p.casePack * r.int(10, 40) });
        if (r.next() < 0.1)
          lines.push({ productId: p.id, status: 'gift', locationId: r.pick(giftBins), qty: r.int(6, 24) });
        if (r.next() < 0.05)
          lines.push({
            productId: p.id,
            status: 'damaged',
            locationId: r.pick(damagedBins),
            qty: r.int(1, 4),
            // Each damaged line opens its report (R11); the cause follows the line, not the random stream.
            damage: arrivalDamage[lines.length % arrivalDamage.length]!,
          });
      }
      await postReceipt(asUser(keeper, 'keeper', ['warehouseKeeper'], posted), {
        deliveryNote: `QS${new Date(base + 8 * hour).toISOString().slice(2, 10).replaceAll('-', '')}${String(k + 1).padStart(3, '0')}`,
        supplier: r.pick(suppliers),
        arrivedAt: arrived.toISOString(),
        idempotencyKey: `demo-receipt-${d}-${k}`,
        lines,
      });
      apply(lines);
      docs++;
    }
    // Dispatch issues: one per vehicle trip in the morning, never beyond stock (R5).
    if (d === 0) continue;
    for (let v = 0; v < demoScale.vehicles; v++) {
      const lines: MovementLine[] = [];
      const seen = new Set<number>();
      for (let n = r.int(18, 30); n > 0; n--) {
        const p = r.pick(products);
        if (seen.has(p.id)) continue;
        seen.add(p.id);
        const available = stock.get(`${p.id}|good|${p.homeBin}`) ?? 0;
        const qty = Math.min(available, p.casePack * r.int(1, 3) + r.int(0, 3));
        if (qty > 0) lines.push({ productId: p.id, status: 'good', locationId: p.homeBin, qty: -qty });
        const gifts = stock.get(`${p.id}|gift|${giftBins[0]}`) ?? 0;
        if (gifts > 2 && r.next() < 0.05)
          lines.push({ productId: p.id, status: 'gift', locationId: giftBins[0]!, qty: -2 });
      }
      if (lines.length === 0) continue;
      await postDocument(
        asUser(ids.get('operator')!, 'operator', ['operator'], new Date(base + 6 * hour + v * 4 * 60_000)),
        {
          type: 'dispatchIssue',
          idempotencyKey: `demo-issue-${d}-${v}`,
          note: `车次 Trip ${v + 1}`,
          lines,
        },
      );
      apply(lines);
      docs++;
    }
    progress(ctx, 'history', demoScale.days - d, demoScale.days);
  }
  // Tomorrow's day of orders (issue 11), entered by the operator.
  const salesLogins = await loadDemoOrders(
    asUser(ids.get('operator')!, 'operator', ['operator'], ctx.now),
    asUser(keeper, 'keeper', ['warehouseKeeper'], ctx.now),
    demoPassword,
  );
  // Damage (issue 13): reports in each state and disposals, so the manager finds work waiting.
  await loadDemoDamage(quiet, asUser, ids);
  // Returns (issue 13): a return at each step of the chain, so each role finds work.
  await loadDemoReturns(quiet, asUser, ids);
  // Complaints (issue 16): one at each step of the register, so each CS role finds work.
  await loadDemoComplaints(quiet, asUser, ids);
  // Satisfaction survey (issue 17 §5): open and asked on the calls, three months of paper answers.
  await loadDemoSurveys(quiet, asUser, ids);
  // Follow-up calls (issue 16): today's plan shared out, some calls recorded (the first with its survey answers).
  await loadDemoCalls(quiet, asUser, ids);
  // KPIs (issue 14): a finished zone count and the past working days' dispatch reports, so the dashboard measures.
  await loadDemoKpi(quiet, asUser, ids);
  // Quality checks (issue 17 §1): four weeks of checklists, two failures with actions, two days missed.
  await loadDemoQuality(quiet, asUser, ids);
  progress(ctx, 'done', docs, docs);

  return [
    ...demoUsers.map((u) => ({
      username: u.username,
      password: demoPassword,
      ...(u.pin && { pin: u.pin }),
      roles: u.roles,
    })),
    ...salesLogins,
  ];
}
