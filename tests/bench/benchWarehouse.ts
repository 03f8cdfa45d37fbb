// What the stock benches share: a core on its own temp data folder with an
// administrator and N products (bins from the default layout), and the
// service context a posting runs in outside the dispatcher.
import { openCore, type Core, type CoreOptions } from '../../electron/core/core';
import type { Caller, ServiceContext } from '../../electron/core/context';
import { tempDir } from '../helpers/tempDirs';

export type BenchWarehouse = { core: Core; caller: Caller; productIds: number[]; binIds: number[] };

export async function benchWarehouse(
  label: string,
  products: number,
  options: Partial<CoreOptions> = {},
): Promise<BenchWarehouse> {
  const core = await openCore({ dataDir: tempDir(`bench-${label}`), station: 'bench', log: () => {}, ...options });
  const caller = core.newCaller('bench');
  const r = await core.dispatch(caller, 'setup.createAdmin', {
    username: 'bench',
    displayName: 'bench',
    password: 'bench-password',
  });
  if (!r.ok) throw new Error(JSON.stringify(r));
  const sqlite = core.database.sqlite;
  const at = new Date().toISOString();
  const insert = sqlite.prepare(
    "INSERT INTO products (code, name_zh, name_en, unit, case_pack, unit_cost_fen, category, created_at, updated_at) VALUES (?, ?, ?, '个', 12, ?, '饮料', ?, ?)",
  );
  sqlite.transaction(() => {
    for (let i = 0; i < products; i++)
      insert.run(`B${100000 + i}`, `商品${i}`, `Product ${i}`, 100 + (i % 900), at, at);
  })();
  const productIds = (sqlite.prepare('SELECT id FROM products ORDER BY id').all() as { id: number }[]).map((p) => p.id);
  const binIds = (
    sqlite.prepare("SELECT id FROM locations WHERE kind = 'bin' ORDER BY id").all() as { id: number }[]
  ).map((l) => l.id);
  return { core, caller, productIds, binIds };
}

/** The context postDocument needs, for a bench that runs it inside its own transaction. */
export function benchContext(core: Core, caller: Caller): Omit<ServiceContext, 'db'> {
  return {
    root: core.database.db,
    caller,
    now: new Date(),
    request: 'bench',
    timeZone: 'Asia/Shanghai',
    dataDir: core.dataDir,
    emit: () => {},
    afterCommit: (fn) => fn(),
  };
}
