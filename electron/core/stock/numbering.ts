// Documents are numbered per type and business day: RC-20261122-0001.
import { documentTypes, type DocumentType } from '../../../shared/domain';
import { sql } from 'kysely';
import { businessDay } from '../clock';
import { runTemplate } from '../db/queryTemplate';
import type { Db } from '../db/schema';

export async function nextDocumentNumber(db: Db, type: DocumentType, at: Date, timeZone: string): Promise<string> {
  const day = businessDay(at, timeZone);
  const [row] = (
    await runTemplate(db, 'numbering.next', { type, day }, (k) =>
      db
        .insertInto('document_counters')
        .values({ type: k.type, day: k.day, last: 1 })
        .onConflict((oc) => oc.columns(['type', 'day']).doUpdateSet({ last: sql<number>`document_counters.last + 1` }))
        .returning('last'),
    )
  ).rows as [{ last: number }];
  return `${documentTypes[type]}-${day}-${String(row.last).padStart(4, '0')}`;
}

/**
 * The number of a register record that is not a ledger document (a damage
 * report CS-…, a return TH-…): per counter and business day, on the same
 * counter table, so numbers stay gap-free per kind and day.
 */
export async function nextRegisterNumber(
  db: Db,
  counter: string,
  prefix: string,
  at: Date,
  timeZone: string,
): Promise<string> {
  const day = businessDay(at, timeZone);
  const row = await db
    .insertInto('document_counters')
    .values({ type: counter, day, last: 1 })
    .onConflict((oc) => oc.columns(['type', 'day']).doUpdateSet({ last: sql<number>`document_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return `${prefix}-${day}-${String(row.last).padStart(4, '0')}`;
}
