// Kysely's PostgresDialect over a pg Pool (issue 15, first slice): the second
// dialect beside sqliteDialect.ts. Quantities and money are integers stored as
// BIGINT; node-postgres returns int8 (and NUMERIC) as strings by default, so a
// string amount could leak into a reply. Here they parse to JS numbers, and a
// value a number cannot hold exactly throws instead of rounding silently.
// Times stay TEXT ISO-8601 UTC instants on both dialects ('2026-12-04T20:00:00.000Z'):
// every query compares and sorts them as strings today, identically on both,
// and no driver converts them to Date objects or to the session's time zone.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema';

const int8Oid = 20;
const numericOid = 1700;

/** A BIGINT/NUMERIC from the server as a JS number; throws beyond ±2^53-1 or on a fraction where an integer was stored. */
export function parseSafeInteger(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`database integer ${text} is beyond what a JS number holds exactly`);
  }
  return value;
}

/** A NUMERIC as a number; exact integers are range-checked like BIGINT. */
export function parseNumeric(text: string): number {
  return /^-?\d+$/.test(text) ? parseSafeInteger(text) : Number(text);
}

/** Per-pool type parsers, so nothing global in pg changes for other users of the package. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === int8Oid) return parseSafeInteger;
    if (oid === numericOid) return parseNumeric;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

export type OpenedPostgres = { pool: pg.Pool; db: Kysely<DB> };

/** A Kysely over a pool of connections to `url`; every connection works in UTC. */
export function openPostgres(url: string, opts: { max?: number } = {}): OpenedPostgres {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, types, options: '-c TimeZone=UTC' });
  // An idle connection the server drops (a restart, the network) is an 'error' event on
  // the pool; unheard it would end the host's process. The pool replaces the connection
  // on the next query, and a query that fails meanwhile is answered db.connectionLost.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    // The server's message names no query: the failed SQL goes with the error
    // to the core's log (never to a reply), so an internal error can be found.
    log(event) {
      if (event.level === 'error' && event.error instanceof Error && !('sql' in event.error))
        Object.defineProperty(event.error, 'sql', { value: event.query.sql, enumerable: true });
    },
  });
  return { pool, db };
}
