// A warehouse with stock to count: an operator, two keepers, a CS manager, and
// stock in zone A (P001 100 and P002 50 in A-01, P003 30 in A-02).
import type { Caller } from '../../../electron/core/context';
import type { Role } from '../../../shared/domain';
import { call, newKey, openWarehouse, password, post, type Warehouse } from '../fixtures';

export type CountWarehouse = {
  w: Warehouse;
  op: Caller;
  keeper: Caller;
  keeper2: Caller;
  manager: Caller;
  ids: Record<'keeper' | 'keeper2' | 'op' | 'manager', number>;
  product(code: string): { id: number; code: string; casePack: number; unitCostFen: number };
  bin(code: string): number;
  zoneA: number;
  /** Logs in a new user holding `roles`; its id. */
  user(username: string, roles: Role[]): Promise<{ caller: Caller; id: number }>;
  receive(lines: { code: string; bin: string; qty: number }[]): Promise<void>;
  dispatch(code: string, bin: string, qty: number): Promise<void>;
  balance(code: string, bin: string): Promise<number>;
};

export async function countWarehouse(): Promise<CountWarehouse> {
  const w = await openWarehouse();
  const op = await w.as('operator');
  const keeper = await w.as('warehouseKeeper');
  const manager = await w.as('csManager');
  const user = async (username: string, roles: Role[]) => {
    await call(w.core, w.admin, 'users.create', { username, displayName: username, roles, password });
    const caller = w.core.newCaller(username);
    await call(w.core, caller, 'auth.login', { username, secret: password });
    return { caller, id: caller.session!.userId };
  };
  const k2 = await user('keeper2', ['warehouseKeeper']);
  const locations = await call(w.core, w.admin, 'locations.list', {});
  const product = (code: string) => w.products.find((p) => p.code === code)!;
  const bin = (code: string) => locations.find((l) => l.code === code)!.id;
  const cw: CountWarehouse = {
    w,
    op,
    keeper,
    keeper2: k2.caller,
    manager,
    ids: {
      keeper: keeper.session!.userId,
      keeper2: k2.id,
      op: op.session!.userId,
      manager: manager.session!.userId,
    },
    product,
    bin,
    zoneA: locations.find((l) => l.code === 'WH1-A')!.id,
    user,
    async receive(lines) {
      await call(w.core, op, 'receipts.post', {
        deliveryNote: `QS-${newKey().slice(-12)}`,
        arrivedAt: new Date().toISOString(),
        idempotencyKey: newKey(),
        lines: lines.map((l) => ({
          productId: product(l.code).id,
          status: 'good' as const,
          locationId: bin(l.bin),
          qty: l.qty,
        })),
      });
    },
    async dispatch(code, binCode, qty) {
      await post(w, op, {
        type: 'dispatchIssue',
        idempotencyKey: newKey(),
        lines: [{ productId: product(code).id, status: 'good', locationId: bin(binCode), qty: -qty }],
      });
    },
    async balance(code, binCode) {
      const rows = await call(w.core, op, 'stock.balances', {});
      return (
        rows.find((b) => b.productId === product(code).id && b.locationId === bin(binCode) && b.status === 'good')
          ?.qty ?? 0
      );
    },
  };
  await cw.receive([
    { code: 'P001', bin: 'A-01', qty: 100 },
    { code: 'P002', bin: 'A-01', qty: 50 },
    { code: 'P003', bin: 'A-02', qty: 30 },
  ]);
  return cw;
}

/** Plans and starts a blind count of zone A counted by `counters`. */
export async function startZoneCount(
  c: CountWarehouse,
  counters: number[],
  extra: { toleranceUnits?: number; toleranceFen?: number; blind?: boolean } = {},
) {
  const planned = await call(c.w.core, c.op, 'counts.plan', {
    scope: { area: 'zones', locationIds: [c.zoneA] },
    counters: counters.map((userId) => ({ userId })),
    ...extra,
  });
  return call(c.w.core, c.op, 'counts.start', { sessionId: planned.id });
}

export async function enter(c: CountWarehouse, who: Caller, sessionId: number, code: string, bin: string, qty: number) {
  return call(c.w.core, who, 'counts.enter', {
    sessionId,
    productId: c.product(code).id,
    locationId: c.bin(bin),
    mode: 'set',
    qty,
  });
}
