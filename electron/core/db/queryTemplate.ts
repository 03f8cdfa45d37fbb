// Hot paths (a posting, a scan) run the same few query shapes thousands of
// times. Kysely builds and compiles a query on every call; for a 15-line
// posting that JavaScript cost as much as SQLite's own work (measured: a
// 15-row movements insert 223 µs through the builder, 178 µs compiled once,
// 152 µs as a bare statement). A template is compiled once per shape by the
// connection's own dialect — so it stays portable to PostgreSQL — and then run
// with new parameters.
//
// `build` receives the parameters — a value, or arrays and plain objects of
// values such as the rows of an insert — and must take every value that varies
// between calls from them. The template is compiled with stand-ins in their
// place, keyed by the parameters' structure (array lengths, object keys, which
// values are undefined — Kysely leaves undefined columns out), and a shape
// where a stand-in went missing is refused, so a template never runs with
// stale values.
import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import type { Db } from './schema';

class StandIn {
  constructor(readonly index: number) {}
}

type Template = { compiled: CompiledQuery; slots: (number | { constant: unknown })[] };

/** Per dialect adapter (SQLite and PostgreSQL compile the same shape differently). */
const templates = new WeakMap<object, Map<string, Template>>();
/** Shapes are few (IN lists and insert chunks up to 500); the cap only bounds a runaway. */
const maxTemplates = 4000;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** Walks `value` in a fixed order: leaves into `out`, structure into the returned signature. */
function flatten(value: unknown, out: unknown[]): string {
  if (Array.isArray(value)) {
    if (value.length > 1 && isPlainObject(value[0]) && value.every((row) => isRowLike(row, value[0]))) {
      // Rows of an insert: one signature for all, no strings built per row.
      for (const row of value as Record<string, unknown>[])
        for (const k in row) if (row[k] !== undefined) out.push(row[k]);
      return `[${value.length}*${signatureOf(value[0])}]`;
    }
    let sig = `[${value.length}`;
    for (const v of value) sig += flatten(v, out);
    return `${sig}]`;
  }
  if (isPlainObject(value)) {
    let sig = '{';
    for (const k of Object.keys(value)) sig += `${k}:${flatten(value[k], out)}`;
    return `${sig}}`;
  }
  if (value === undefined) return 'u';
  out.push(value);
  return '.';
}

/** Flat (no nested objects), the same keys in the same order, undefined in the same places. */
function isRowLike(row: unknown, first: Record<string, unknown>): boolean {
  if (!isPlainObject(row)) return false;
  const keys = Object.keys(first);
  let i = 0;
  for (const k in row) {
    const v = row[k];
    if (keys[i++] !== k || (typeof v === 'object' && v !== null) || (v === undefined) !== (first[k] === undefined))
      return false;
  }
  return i === keys.length;
}

function signatureOf(row: Record<string, unknown>): string {
  return `{${Object.keys(row)
    .map((k) => `${k}:${row[k] === undefined ? 'u' : '.'}`)
    .join('')}}`;
}

/** The same structure with a stand-in for every leaf, numbered in flatten's order. */
function standIns(value: unknown, next: { i: number }): unknown {
  if (Array.isArray(value)) return value.map((v) => standIns(v, next));
  if (isPlainObject(value)) return Object.fromEntries(Object.keys(value).map((k) => [k, standIns(value[k], next)]));
  if (value === undefined) return undefined;
  return new StandIn(next.i++);
}

function compileTemplate<P>(build: (params: P) => Compilable<unknown>, params: P, arity: number): Template {
  const compiled = build(standIns(params, { i: 0 }) as P).compile();
  const seen = new Set<number>();
  const slots = compiled.parameters.map((v) => {
    if (v instanceof StandIn) {
      seen.add(v.index);
      return v.index;
    }
    return { constant: v };
  });
  if (seen.size !== arity) throw new Error(`query template: ${arity - seen.size} parameter(s) not bound`);
  return { compiled, slots };
}

/**
 * Runs `build(params)` through a template compiled once per `shape` (a name
 * for the query, e.g. `posting.movements`) and parameter structure.
 */
export async function runTemplate<P, R>(
  db: Db,
  shape: string,
  params: P,
  build: (params: P) => Compilable<R>,
): Promise<QueryResult<R>> {
  const adapter = db.getExecutor().adapter;
  let byShape = templates.get(adapter);
  if (!byShape) templates.set(adapter, (byShape = new Map()));
  const values: unknown[] = [];
  const key = `${shape}${flatten(params, values)}`;
  let template = byShape.get(key);
  if (!template) {
    template = compileTemplate(build, params, values.length);
    if (byShape.size >= maxTemplates) byShape.clear();
    byShape.set(key, template);
  }
  const { slots } = template;
  const parameters: unknown[] = new Array(slots.length);
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    parameters[i] = typeof slot === 'number' ? values[slot] : slot.constant;
  }
  return db.executeQuery<R>({ ...(template.compiled as CompiledQuery<R>), parameters });
}
