// What a count session covers: locations (a warehouse, zones or bins, each with
// everything under it) and, for a cycle count, a product selection (category,
// stock status, a chosen list, products not counted for N days, ABC class) and
// "high value first" (the N lines of largest book amount).
import { listOf } from '../db/portable';
import { sql } from 'kysely';
import type { CountScope, CountScopePreview } from '../../../shared/contract/counts';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/schema';
import { classifyAbc } from './abc';

type LocationRow = { id: number; code: string; kind: string; parent_id: number | null };

const areaKind = { warehouse: 'warehouse', zones: 'zone', bins: 'bin' } as const;

/** Refuses a scope naming locations of the wrong kind or holding nothing to count. */
export async function validateScope(db: Db, scope: CountScope): Promise<void> {
  const expected = areaKind[scope.area];
  if (scope.locationIds.length > 0) {
    const found = await db
      .selectFrom('locations')
      .select(['id', 'kind'])
      .where('id', 'in', scope.locationIds)
      .execute();
    const kinds = new Map(found.map((l) => [l.id, l.kind]));
    const wrong = scope.locationIds.find((id) => kinds.get(id) !== expected);
    if (wrong !== undefined) throw new AppError('counts.invalidScope', { locationId: wrong, expected });
  } else if (scope.area !== 'warehouse') {
    throw new AppError('counts.emptyScope');
  }
  if ((await scopeLocations(db, scope)).size === 0) throw new AppError('counts.emptyScope');
  if (scope.productIds?.length) {
    const found = await db.selectFrom('products').select('id').where('id', 'in', scope.productIds).execute();
    const ids = new Set(found.map((p) => p.id));
    const missing = scope.productIds.find((id) => !ids.has(id));
    if (missing !== undefined) throw new AppError('stock.unknownProduct', { productId: missing });
  }
}

/** Every location id in scope: the chosen ones and all beneath them. */
export async function scopeLocations(db: Db, scope: CountScope): Promise<Set<number>> {
  const all: LocationRow[] = await db.selectFrom('locations').select(['id', 'code', 'kind', 'parent_id']).execute();
  const children = new Map<number, number[]>();
  for (const l of all) {
    if (l.parent_id === null) continue;
    const list = children.get(l.parent_id) ?? [];
    list.push(l.id);
    children.set(l.parent_id, list);
  }
  const roots =
    scope.area === 'warehouse' && scope.locationIds.length === 0
      ? all.filter((l) => l.kind === 'warehouse').map((l) => l.id)
      : scope.locationIds;
  const out = new Set<number>();
  const stack = [...roots];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/** The location and its ancestors, nearest first (a bin, its zone, its warehouse). */
export async function ancestry(db: Db, locationId: number): Promise<LocationRow[]> {
  const out: LocationRow[] = [];
  let next: number | null = locationId;
  // Layouts are three levels deep; the bound only stops a corrupt cycle.
  for (let depth = 0; next !== null && depth < 16; depth++) {
    const row: LocationRow | undefined = await db
      .selectFrom('locations')
      .select(['id', 'code', 'kind', 'parent_id'])
      .where('id', '=', next)
      .executeTakeFirst();
    if (!row) break;
    out.push(row);
    next = row.parent_id;
  }
  return out;
}

export function locationInScope(scope: CountScope, chain: LocationRow[]): boolean {
  if (chain.length === 0) return false;
  if (scope.area === 'warehouse' && scope.locationIds.length === 0) return true;
  return chain.some((l) => scope.locationIds.includes(l.id));
}

/**
 * The balances a scope takes in right now — every balance above zero in its
 * locations that passes the product filters, and for "high value first" only
 * the N of largest book amount — and, for an ABC filter, the classification it
 * was chosen by. Without a select: the snapshot, the plan preview and the
 * planned sheet each pick their columns from one definition of "in scope".
 */
export async function balancesInScope(db: Db, scope: CountScope, now: Date, timeZone: string) {
  // As JSON, so a scope of any size stays one statement under the bound-parameter limit.
  const locations = [...(await scopeLocations(db, scope))];
  const since =
    scope.notCountedForDays !== undefined
      ? new Date(now.getTime() - scope.notCountedForDays * 86_400_000).toISOString()
      : null;
  const abc = scope.abcClasses?.length ? await classifyAbc(db, now, timeZone) : null;
  const abcChosen = abc
    ? [...abc.byProduct].filter(([, e]) => scope.abcClasses!.includes(e.abcClass)).map(([id, e]) => ({ id, ...e }))
    : [];
  let q = db
    .selectFrom('balances as b')
    .innerJoin('products as p', 'p.id', 'b.product_id')
    .where('b.location_id', 'in', listOf(db, locations))
    .where('b.qty', '>', 0);
  if (scope.categories?.length) q = q.where('p.category', 'in', scope.categories);
  if (scope.productIds?.length) q = q.where('b.product_id', 'in', listOf(db, scope.productIds));
  if (scope.statuses?.length) q = q.where('b.status', 'in', scope.statuses);
  if (abc)
    q = q.where(
      'b.product_id',
      'in',
      listOf(
        db,
        abcChosen.map((p) => p.id),
      ),
    );
  // A "not counted for N days" cycle leaves out products counted (in a session not cancelled) since then.
  if (since !== null)
    q = q.where('b.product_id', 'not in', (eb) =>
      eb
        .selectFrom('count_entries as e')
        .innerJoin('count_lines as l', 'l.id', 'e.line_id')
        .innerJoin('count_sessions as s', 's.id', 'l.session_id')
        .select('l.product_id')
        .where('e.at', '>=', since)
        .where('s.state', '<>', 'cancelled'),
    );
  // High value first, after every other filter: the N largest book amounts (ties in code order, so it is repeatable).
  if (scope.topValueLines !== undefined)
    q = q
      .orderBy(sql`b.qty * p.unit_cost_fen`, 'desc')
      .orderBy('p.code')
      .orderBy('b.location_id')
      .orderBy('b.status')
      .limit(scope.topValueLines);
  return { q, abc: abc && { windowFrom: abc.windowFrom, windowTo: abc.windowTo, chosen: abcChosen } };
}

/**
 * ★ The snapshot: the book in scope right now copied into the session's lines
 * by one INSERT … SELECT (20,000 lines read into JavaScript and written back
 * cost several times what SQLite takes to copy them), and the ABC selection it
 * was made from, recorded beside it. The number of lines.
 */
export async function snapshotInScope(
  db: Db,
  sessionId: number,
  scope: CountScope,
  now: Date,
  timeZone: string,
): Promise<number> {
  const { q, abc } = await balancesInScope(db, scope, now, timeZone);
  const r = await db
    .insertInto('count_lines')
    .columns(['session_id', 'product_id', 'location_id', 'status', 'snapshot_qty', 'expected'])
    .expression(
      q.select((eb) => [
        eb.val(sessionId).as('session_id'),
        'b.product_id',
        'b.location_id',
        'b.status',
        'b.qty',
        eb.val(1).as('expected'),
      ]),
    )
    .executeTakeFirst();
  if (abc) {
    for (let i = 0; i < abc.chosen.length; i += 500) {
      await db
        .insertInto('count_selection')
        .values(
          abc.chosen.slice(i, i + 500).map((p) => ({
            session_id: sessionId,
            product_id: p.id,
            abc_class: p.abcClass,
            issue_value_fen: p.issueValueFen,
            window_from: abc.windowFrom,
            window_to: abc.windowTo,
          })),
        )
        .execute();
    }
  }
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

/** What the scope would give if the count started now: lines, bins and products. */
export async function previewScope(db: Db, scope: CountScope, now: Date, timeZone: string): Promise<CountScopePreview> {
  const { q } = await balancesInScope(db, scope, now, timeZone);
  const inScope = q.select(['b.product_id', 'b.location_id']).as('x');
  const r = await db
    .selectFrom(inScope)
    .select((eb) => [
      eb.fn.countAll<number>().as('lines'),
      eb.fn.count<number>('x.location_id').distinct().as('bins'),
      eb.fn.count<number>('x.product_id').distinct().as('products'),
    ])
    .executeTakeFirstOrThrow();
  return { lines: Number(r.lines), bins: Number(r.bins), products: Number(r.products) };
}
