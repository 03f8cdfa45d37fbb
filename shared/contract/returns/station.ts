// The keeper's return check at a station (issue 13 §Returns 3 and 5, R12 R3):
// scan the return's number (TH-…, the barcode on the printed return report)
// or a refused order's number, then the goods (+1 unit or +1 case a scan),
// confirm the number of cases and each line's reason by keys, finish. Every
// difference from the report (short, over, a product not on it) is flagged on
// the line as the core decides it (`checkDifference`), the same rule as the
// returns page's check.
import { z } from 'zod';
import { spec, type RequestSpec } from '../spec';
import { id } from '../schemas';
import type { ReturnView } from './chain';
import { returnReasons, type ReturnKind, type ReturnReason } from './words';

/** none: as reported; short / over: fewer or more came back; notOnReport: a product the report does not name. */
export const checkDifferences = ['none', 'short', 'over', 'notOnReport'] as const;
export type CheckDifference = (typeof checkDifferences)[number];

/** The one rule for a checked line against the report (returns.check flags the same lines). */
export function checkDifference(reported: number, checked: number): CheckDifference {
  if (reported === 0) return checked > 0 ? 'notOnReport' : 'none';
  return checked < reported ? 'short' : checked > reported ? 'over' : 'none';
}

/** One product (and status) of the return at the check: what the report says and what was scanned. */
export type ReturnCheckLine = {
  productId: number;
  productCode: string;
  productNameZh: string;
  productNameEn: string;
  unit: string;
  casePack: number;
  status: 'good' | 'gift';
  qtyReported: number;
  qtyScanned: number;
  /** The reported reason (the keeper confirms it or picks another when finishing). */
  reason: ReturnReason;
  reasonNote: string;
  difference: CheckDifference;
};

export type ReturnCheckView = {
  kind: 'returnCheck';
  /**
   * The return being checked: a return report (or a refusal already taken in)
   * by its number, or a refused order whose goods enter the chain when the
   * check is finished; null before the first scan.
   */
  target: null | {
    returnKind: ReturnKind;
    returnId: number | null;
    orderId: number | null;
    number: string;
    customerName: string;
    orderNumbers: string[];
  };
  lines: ReturnCheckLine[];
  /** Cases as scanned (a part case counts as one): what the keeper confirms or corrects. */
  casesScanned: number;
  /** Some line differs from the report. */
  hasDifferences: boolean;
};

export const returnStationRequests = {
  /**
   * Finishes the station's return check: a refused order's goods are taken in
   * first (returns.takeRefusal), then checked (returns.check) with what was
   * scanned, the cases and the reasons confirmed; the station starts over.
   */
  'returns.checkAtStation': spec<ReturnView>()({
    input: z
      .object({
        casesChecked: z.number().int().min(0).max(1_000_000),
        /** A reason per product and status; a line not named keeps its reported reason. */
        reasons: z
          .array(
            z
              .object({
                productId: id,
                status: z.enum(['good', 'gift']).default('good'),
                reason: z.enum(returnReasons),
              })
              .strict(),
          )
          .max(200)
          .default([]),
        note: z.string().trim().max(1000).default(''),
      })
      .strict(),
    access: ['warehouseKeeper'],
    write: true,
  }),
} as const satisfies Record<string, RequestSpec>;
