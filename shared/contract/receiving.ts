// Receiving damage at the station (issue 13 §Damage 1, R7 R11): the receiving
// task's mode "damaged on arrival" and the cause and disposal suggestion of
// the line being scanned, chosen by keys at the station. The receipt form
// takes the lines as scanned; posting puts a damaged line into damaged stock
// and opens its damage report in the same transaction.
import { z } from 'zod';
import { disposalKinds, type DisposalKind } from './damage/words';
import { spec, type RequestSpec } from './spec';
import type { StationState } from './scanning';

export type ReceiptLineDamage = { cause: string; causeNote: string; suggestion: DisposalKind };

/** A damage cause code (damage.causes), as the receipt line takes it. */
export const damageCauseCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'code');

export const receivingRequests = {
  /**
   * At the station's receiving task: `damaged` turns the mode on (the goods
   * scanned next go to their own damaged line) or off; `damage` is the cause
   * and suggestion, given to the line being scanned when it is damaged, and
   * to the damaged lines scanned after it. Refused when the station is not receiving.
   */
  'station.receiptDamage': spec<StationState>()({
    input: z
      .object({
        damaged: z.boolean(),
        damage: z
          .object({
            cause: damageCauseCode,
            causeNote: z.string().trim().max(1000).default(''),
            suggestion: z.enum(disposalKinds),
          })
          .strict()
          .nullable()
          .default(null),
      })
      .strict(),
    access: ['warehouseKeeper', 'operator'],
    write: true,
  }),
} as const satisfies Record<string, RequestSpec>;
