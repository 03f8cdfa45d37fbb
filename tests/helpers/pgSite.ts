// A PostgreSQL database ready to post on (issue 15): migrated, with a user,
// products and bins, and the posting function run through the PostgreSQL
// write runner as a host would — shared by tests/integration/pg/posting.test.ts
// and the pgLedger bench.
import type { Kysely } from 'kysely';
import type { Caller, ServiceContext } from '../../electron/core/context';
import { openPostgres, type OpenedPostgres } from '../../electron/core/db/pgDialect';
import { migratePostgres } from '../../electron/core/db/pgMigrate';
import { pgWrites } from '../../electron/core/db/pgWrites';
import type { DB } from '../../electron/core/db/schema';
import { postDocument, type MovementLine } from '../../electron/core/stock/posting';
import type { TestPostgres } from './postgres';

export type PgSite = { url: string; userId: number; products: number[]; bins: number[] };

/** A migrated database of `server` with a user, `products` products and `bins` bins. */
export async function pgSite(server: TestPostgres, products: number, bins: number): Promise<PgSite> {
  const url = await server.createDatabase();
  const { db } = openPostgres(url, { max: 2 });
  try {
    await migratePostgres(db);
    const at = new Date().toISOString();
    const user = await db
      .insertInto('users')
      .values({
        username: 'poster',
        display_name: '过账员',
        password_hash: null,
        pin_hash: null,
        locale: 'zh-CN',
        active: 1,
        failed_logins: 0,
        locked_until: null,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const wh = await db
      .insertInto('locations')
      .values({ code: 'WH1', name: '主仓库', kind: 'warehouse', parent_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const zone = await db
      .insertInto('locations')
      .values({ code: 'WH1-A', name: '常温区', kind: 'zone', parent_id: wh.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    const binIds: number[] = [];
    for (let i = 0; i < bins; i += 500)
      binIds.push(
        ...(
          await db
            .insertInto('locations')
            .values(
              Array.from({ length: Math.min(500, bins - i) }, (_, k) => ({
                code: `A-${i + k + 1}`,
                name: `A-${i + k + 1}`,
                kind: 'bin',
                parent_id: zone.id,
              })),
            )
            .returning('id')
            .execute()
        ).map((r) => r.id),
      );
    const productIds: number[] = [];
    for (let i = 0; i < products; i += 500)
      productIds.push(
        ...(
          await db
            .insertInto('products')
            .values(
              Array.from({ length: Math.min(500, products - i) }, (_, k) => ({
                code: `P${100 + i + k}`,
                name_zh: `商品${i + k}`,
                name_en: `Product ${i + k}`,
                spec: '',
                unit: '瓶',
                case_pack: 12,
                unit_cost_fen: 150 + i + k,
                category: '饮料',
                active: 1,
                replaced_by_id: null,
                created_at: at,
                updated_at: at,
                unit_weight_g: null,
                case_weight_g: null,
              })),
            )
            .returning('id')
            .execute()
        ).map((r) => r.id),
      );
    return { url, userId: user.id, products: productIds, bins: binIds };
  } finally {
    await db.destroy();
  }
}

/** A service context for the posting function, as a host's request would give it. */
export function pgContext(root: Kysely<DB>, userId: number, db: ServiceContext['db']): ServiceContext {
  const caller = {
    session: { userId, roles: ['warehouseKeeper'] },
    station: 'pg',
    clientId: 'pg',
    origin: { address: 'local', local: true },
  } as unknown as Caller;
  return {
    db,
    root,
    caller,
    now: new Date(),
    request: 'test',
    timeZone: 'Asia/Shanghai',
    dataDir: '',
    emit: () => {},
    afterCommit: (fn) => fn(),
  };
}

export type PgPoster = (
  type: 'receipt' | 'manualAdjustment' | 'dispatchIssue',
  key: string,
  lines: MovementLine[],
) => ReturnType<typeof postDocument>;

/** Posts through a host's connections (`o`) the way its write requests run (db/pgWrites.ts). */
export function pgPoster(o: OpenedPostgres, userId: number, retries?: string[]): PgPoster {
  const writes = pgWrites(o.db, { onRetry: (s) => retries?.push(s) });
  return (type, key, lines) =>
    writes((trx) => postDocument(pgContext(o.db, userId, trx), { type, idempotencyKey: key, lines }));
}
