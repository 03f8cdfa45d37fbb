// A warehouse whose weekly stock report is long: N products × 3 statuses
// (good, damaged, gift), each with stock received this week, and a supervisor
// to read it. Shared by the PDF bench and the PDF tests. Stock moves through
// postDocument only, in one transaction.
import { openCore, type Core, type CoreOptions } from '../../electron/core/core';
import { postDocument, type MovementLine } from '../../electron/core/stock/posting';
import { tempDir } from './tempDirs';

export type LongReportWarehouse = { core: Core; supervisorId: number; dataDir: string };

export async function longReportWarehouse(
  products: number,
  opts: Partial<CoreOptions> = {},
): Promise<LongReportWarehouse> {
  const dataDir = opts.dataDir ?? tempDir('weekly-long');
  const core = await openCore({ dataDir, station: 'bench', log: () => {}, ...opts });
  const admin = core.newCaller('admin');
  const must = async (name: string, input: unknown) => {
    const r = await core.dispatch(admin, name, input);
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  await must('setup.createAdmin', { username: 'admin', displayName: '管理员', password: 'secret-pass-1' });
  const user = (await must('users.create', {
    username: 'super',
    displayName: '周主管',
    roles: ['supervisor'],
    password: 'secret-pass-1',
  })) as { id: number };
  const sqlite = core.database.sqlite;
  const at = new Date().toISOString();
  const categories = ['饮料', '乳制品', '调味品', '零食', '粮油'];
  const insert = sqlite.prepare(
    `INSERT INTO products (code, name_zh, name_en, spec, unit, case_pack, unit_cost_fen, category, created_at, updated_at)
     VALUES (?, ?, ?, '500ml', '瓶', 12, ?, ?, ?, ?)`,
  );
  sqlite.transaction(() => {
    for (let i = 0; i < products; i++)
      insert.run(`W${10000 + i}`, `测试商品${i}`, `Product ${i}`, 100 + (i % 900), categories[i % 5], at, at);
  })();
  const productIds = (
    sqlite.prepare("SELECT id FROM products WHERE code LIKE 'W%' ORDER BY id").all() as { id: number }[]
  ).map((p) => p.id);
  const bin = (
    sqlite.prepare("SELECT id FROM locations WHERE kind = 'bin' ORDER BY id LIMIT 1").get() as { id: number }
  ).id;
  const lines: MovementLine[] = productIds.flatMap((productId, i) =>
    (['good', 'damaged', 'gift'] as const).map((status, k) => ({
      productId,
      status,
      locationId: bin,
      qty: 10 + ((i + k) % 40),
    })),
  );
  const now = opts.now?.() ?? new Date();
  await core.database.db.transaction().execute((trx) =>
    postDocument(
      {
        db: trx,
        root: core.database.db,
        caller: admin,
        now,
        request: 'test',
        // The folder's own zone unless the test pins one, as the core does.
        timeZone: opts.timeZone ?? core.timeZone,
        dataDir,
        emit: () => {},
        afterCommit: (fn) => fn(),
      },
      { type: 'receipt', idempotencyKey: 'long-report', lines },
    ),
  );
  return { core, supervisorId: user.id, dataDir };
}
