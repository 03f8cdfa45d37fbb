// The configurable causes of damage (issue 13 §Damage 1): a code list
// (../codeLists/codeList.ts); 'other' always stays and asks for a note.
import { AppError } from '../../../shared/errors';
import { codeList } from '../codeLists/codeList';
import type { Db } from '../db/schema';

const causes = codeList({
  table: 'damage_causes',
  entity: 'damageCause',
  errors: {
    unknown: 'damage.unknownCause',
    retired: 'damage.causeRetired',
    otherStays: 'damage.otherStays',
    param: 'cause',
  },
  emitChanged: (ctx) => ctx.emit('damage.changed', { reportIds: [], disposalIds: [], clientId: ctx.caller.clientId }),
});

export const listCauses = causes.list;

/** damage.saveCause: add a new code, or rename / retire / restore an existing one. */
export const saveCause = causes.save;

/** A report's cause must exist and be active; 'other' needs a note. */
export async function checkCause(db: Db, cause: string, note: string): Promise<void> {
  await causes.check(db, cause);
  if (cause === 'other' && note.trim() === '') throw new AppError('damage.noteRequired');
}
