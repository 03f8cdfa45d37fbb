// Each test builds its own warehouse in its own temp data folder, through the
// contract like any host would.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { RequestInput, RequestName, RequestReply } from '../../shared/contract';
import type { Role } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { Kysely } from 'kysely';
import { openCore, type Core, type CoreOptions } from '../../electron/core/core';
import { openDatabase } from '../../electron/core/db/open';
import { openPostgres } from '../../electron/core/db/pgDialect';
import type { DB } from '../../electron/core/db/schema';
import { businessDay } from '../../electron/core/clock';
import type { Caller } from '../../electron/core/context';
import { tempDir } from '../helpers/tempDirs';

/** A data folder of its own for one test, removed after the test file (tests/helpers/tempDirs.ts). */
export function tempDataDir(label = 'data'): string {
  return tempDir(label);
}

/** The run's PostgreSQL server (the integration-pg project), or '' on SQLite. */
const postgresUrl = (): string => inject('postgresUrl') ?? '';

/** Whether this run's cores are on PostgreSQL; SQLite-only checks (the file, pragmas) skip themselves with it. */
export const onPostgres = (): boolean => postgresUrl() !== '';

let databaseSeq = 0;
const databaseOf = new Map<string, string>();

/** A new database of the run's server copied from `template` (a migrated empty one by default); its URL. */
export async function newPostgresDatabase(template = 'cangwu_template'): Promise<string> {
  const name = `t${process.pid}_${++databaseSeq}_${Date.now() % 100000}`;
  const admin = new pg.Client({ connectionString: postgresUrl() });
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        break;
      } catch (e) {
        // Another worker copying the same template at this instant (55006: object in use).
        if ((e as { code?: string }).code !== '55006' || attempt >= 20) throw e;
        await new Promise((r) => setTimeout(r, 50 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
  const url = new URL(postgresUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The environment of a child process that opens `core`'s warehouse as another
 * station would: on PostgreSQL the same server database (CANGWU_DATABASE_URL,
 * read by configuredDatabase), on SQLite the data folder alone.
 */
export function childEnv(core: Core): NodeJS.ProcessEnv {
  const url = databaseOf.get(core.dataDir);
  return url ? { ...process.env, CANGWU_DATABASE_URL: url } : process.env;
}

/**
 * A second connection to `core`'s database, as another station or the CLI
 * would have: the SQLite file of its data folder, or the same PostgreSQL
 * database. The caller destroys it.
 */
export function otherConnection(core: Core): Kysely<DB> {
  const url = databaseOf.get(core.dataDir);
  if (url) return openPostgres(url).db;
  return openDatabase(core.dataDir, { migrate: false }).db;
}

/**
 * A core of its own for one test: an empty warehouse in a temp data folder, on
 * the SQLite file there, or in the integration-pg project on a new PostgreSQL
 * database of the run's server.
 */
export async function openTestCore(opts: Partial<CoreOptions> = {}): Promise<Core> {
  const dataDir = opts.dataDir ?? tempDataDir();
  // A test that reopens its data folder finds its database again.
  let database = opts.database ?? databaseOf.get(dataDir);
  if (!database && onPostgres()) database = await newPostgresDatabase();
  if (database) databaseOf.set(dataDir, database);
  return openCore({
    dataDir,
    station: 'test-station',
    // CANGWU_TEST_LOG=1 prints what a core logs (an internal error's real cause) instead of dropping it.
    log: process.env.CANGWU_TEST_LOG ? (m, e) => console.error(`[core log] ${m}`, e) : () => {},
    ...opts,
    ...(database && { database }),
  });
}

/**
 * A core over the demo warehouse (`setup.loadDemo`) in a data folder of its own.
 * The demo is built once per run and copied (tests/setup/integrationDemo.ts):
 * the first file to ask builds it into the run's template folder while any
 * other waits for it. The demo is dated from today, so a template of another
 * day (a run across midnight), or none, means building it here as before.
 */
export async function openDemoCore(): Promise<Core> {
  const root = inject('integrationDemoDir');
  const template = root && path.join(root, 'template');
  const ready = root && path.join(root, 'ready');
  const today = () => businessDay(new Date());
  // On PostgreSQL the template is a database of the server, copied by CREATE DATABASE … TEMPLATE.
  const demoDatabase = 'cangwu_demo';
  if (root) {
    let mine = false;
    try {
      fs.mkdirSync(path.join(root, 'building'));
      mine = true;
    } catch {
      // Another file builds (or built) it.
    }
    if (mine) {
      const day = today();
      fs.mkdirSync(template);
      if (onPostgres()) {
        const admin = new pg.Client({ connectionString: postgresUrl() });
        await admin.connect();
        await admin.query(`CREATE DATABASE ${demoDatabase} TEMPLATE cangwu_template`);
        await admin.end();
      }
      const url = new URL(postgresUrl() || 'postgres://x/');
      url.pathname = `/${demoDatabase}`;
      const core = await openTestCore({ dataDir: template, ...(onPostgres() && { database: url.toString() }) });
      try {
        await call(core, core.newCaller('setup'), 'setup.loadDemo', {});
      } catch (e) {
        // The others stop waiting and build their own (and likely fail the same way, each in its file).
        fs.writeFileSync(ready, 'failed');
        throw e;
      } finally {
        await core.close();
      }
      fs.writeFileSync(ready, day);
    } else {
      const deadline = Date.now() + 120_000;
      while (!fs.existsSync(ready) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    }
    if (fs.existsSync(ready) && fs.readFileSync(ready, 'utf8') === today()) {
      const dataDir = tempDataDir('demo');
      fs.cpSync(template, dataDir, { recursive: true });
      return openTestCore({ dataDir, ...(onPostgres() && { database: await newPostgresDatabase(demoDatabase) }) });
    }
  }
  const core = await openTestCore();
  await call(core, core.newCaller('setup'), 'setup.loadDemo', {});
  return core;
}

export async function call<N extends RequestName>(
  core: Core,
  caller: Caller,
  name: N,
  input: RequestInput<N>,
): Promise<RequestReply<N>> {
  const r = await core.dispatch(caller, name, input);
  if (!r.ok) throw new AppError(r.error.code, r.error.details ?? {});
  return r.value as RequestReply<N>;
}

export async function refusal(core: Core, caller: Caller, name: string, input: unknown) {
  const r = await core.dispatch(caller, name, input);
  if (r.ok) throw new Error(`${name} was expected to be refused`);
  return r.error;
}

export const password = 'secret-pass-1';

export type Warehouse = {
  core: Core;
  admin: Caller;
  as(role: Role): Promise<Caller>;
  products: { id: number; code: string; casePack: number; unitCostFen: number }[];
  bins: { id: number; code: string }[];
};

const productsCsv = `code,name_zh,name_en,spec,unit,case_pack,unit_cost,category,active,unit_barcode,case_barcode,replaced_by
P001,农夫山泉 550ml,Nongfu water 550ml,550ml,瓶,24,0.95,饮料,1,6901234567892,16901234567899,
P002,伊利纯牛奶,Yili milk,250ml,盒,24,2.30,乳制品,1,6902234567899,,
P003,海天生抽,Haday soy sauce,500ml,瓶,12,6.50,调味品,1,,,
P000,旧码 农夫山泉,Old code water,550ml,瓶,24,0.95,饮料,1,,,P001
`;

/** Admin, layout, three products and one user per role. */
export async function openWarehouse(opts: Partial<CoreOptions> = {}): Promise<Warehouse> {
  const core = await openTestCore(opts);
  const admin = core.newCaller('admin');
  await call(core, admin, 'setup.createAdmin', { username: 'admin', displayName: '管理员', password });
  await call(core, admin, 'products.import', { csv: productsCsv });
  const products = (await call(core, admin, 'products.list', {})).map((p) => ({
    id: p.id,
    code: p.code,
    casePack: p.casePack,
    unitCostFen: p.unitCostFen ?? 0,
  }));
  const bins = (await call(core, admin, 'locations.list', {}))
    .filter((l) => l.kind === 'bin')
    .map((l) => ({ id: l.id, code: l.code }));
  const made = new Set<Role>();
  return {
    core,
    admin,
    products,
    bins,
    async as(role) {
      const username = `u-${role.toLowerCase()}`;
      if (!made.has(role)) {
        await call(core, admin, 'users.create', { username, displayName: role, roles: [role], password });
        made.add(role);
      }
      const caller = core.newCaller(username);
      await call(core, caller, 'auth.login', { username, secret: password });
      return caller;
    },
  };
}

let keySeq = 0;
export const newKey = () => `test-key-${process.pid}-${++keySeq}-${Date.now()}`;

export async function receive(
  w: Warehouse,
  caller: Caller,
  lines: { product: number; bin: number; qty: number; status?: 'good' | 'damaged' | 'gift' }[],
  arrivedAt = new Date().toISOString(),
) {
  return call(w.core, caller, 'receipts.post', {
    deliveryNote: `QS-${++keySeq}`,
    arrivedAt,
    idempotencyKey: newKey(),
    lines: lines.map((l) => ({
      productId: w.products[l.product]!.id,
      status: l.status ?? 'good',
      locationId: w.bins[l.bin]!.id,
      qty: l.qty,
    })),
  });
}

export function balanceOf(
  rows: RequestReply<'stock.balances'>,
  productId: number,
  locationId: number,
  status = 'good',
): number {
  return rows.find((b) => b.productId === productId && b.locationId === locationId && b.status === status)?.qty ?? 0;
}

import type { ServiceContext } from '../../electron/core/context';
import { postDocument, type PostingRequest } from '../../electron/core/stock/posting';

/** Posts straight through the one posting function, in a transaction, as `caller`. */
export async function post(w: Warehouse, caller: Caller, req: PostingRequest) {
  const root = w.core.database.db;
  return root.transaction().execute((trx) => {
    const ctx: ServiceContext = {
      db: trx,
      root,
      caller,
      now: new Date(),
      request: 'test.post',
      timeZone: 'Asia/Shanghai',
      dataDir: w.core.dataDir,
      emit: () => {},
      afterCommit: (fn) => fn(),
    };
    return postDocument(ctx, req);
  });
}
