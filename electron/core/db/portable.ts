// SQL that differs between the two dialects (issue 15), written once here so
// the queries of the features read the same on SQLite and PostgreSQL. Most
// SQL needs nothing: quote camelCase aliases ("orderId"), count a condition
// with CASE WHEN … THEN 1 ELSE 0 END rather than adding a boolean, COALESCE
// rather than ifnull, and group by every column that is not aggregated.
// What cannot be written one way for both is here.
import { PostgresAdapter, sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from './schema';

type AnyDb = Kysely<DB> | Transaction<DB>;

export function isPostgres(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * A list bound as ONE parameter, as a subquery for `x IN (…)`: a long list of
 * ids (a whole zone's bins, every line of a count) would pass SQLite's limit
 * of bound parameters one by one. SQLite reads it with json_each; PostgreSQL
 * with json_array_elements_text, cast back to a number for numbers.
 */
export function listOf<T extends number | string>(db: AnyDb, values: readonly T[]): RawBuilder<T> {
  const text = JSON.stringify(values);
  if (!isPostgres(db)) return sql<T>`(SELECT value FROM json_each(${text}))`;
  return values.length > 0 && typeof values[0] === 'string'
    ? sql<T>`(SELECT json_array_elements_text(${text}::json))`
    : sql<T>`(SELECT json_array_elements_text(${text}::json)::bigint)`;
}

/**
 * A JSON array of one array per row, built by the database: `columns` is the
 * SQL text of the row's values, `orderBy` of the rows' order (or empty). The
 * text comes from the caller's own code, never from input.
 */
export function jsonArrayOfRows(db: AnyDb, columns: string, orderBy = ''): RawBuilder<string | null> {
  const order = orderBy ? ` ORDER BY ${orderBy}` : '';
  return isPostgres(db)
    ? sql.raw<string | null>(`json_agg(json_build_array(${columns})${order})::text`)
    : sql.raw<string | null>(`json_group_array(json_array(${columns})${order})`);
}
