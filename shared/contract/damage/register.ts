// Damage slice "register" (issue 13 §Damage 1–2, R11 R13 R5): damage reports
// raised where the damage is found (form, station damage task, receiving, a
// return note), approved or rejected by the CS manager — never the reporter —,
// their configurable causes and attached photo files.
//
// Quantities in integer base units, money in integer fen, `at` fields UTC
// instants, dates business days in the warehouse's time zone.
import { z } from 'zod';
import { id, idempotencyKey, name, quantity } from '../schemas';
import { none, spec, type RequestSpec } from '../spec';
import { attachmentBase64, type AttachmentFile, type AttachmentView } from '../attachments';
import {
  damageStates,
  damageWhereFound,
  disposalKinds,
  type DamageState,
  type DamageWhereFound,
  type DisposalKind,
  type DisposalState,
} from './words';

// ---- replies -------------------------------------------------------------

export type DamageCause = { code: string; nameZh: string; nameEn: string; active: boolean; sort: number };

/** A person who may be named as the finder (any active user of a reporting role). */
export type DamageFinder = { id: number; name: string };

export type DamageReportRow = {
  id: number;
  number: string;
  state: DamageState;
  productId: number;
  productCode: string;
  productName: string;
  productNameEn: string;
  casePack: number;
  fromStatus: 'good' | 'gift';
  locationId: number;
  locationCode: string;
  qty: number;
  unitCostFen: number;
  amountFen: number;
  whereFound: DamageWhereFound;
  cause: string;
  causeNote: string;
  suggestion: DisposalKind;
  note: string;
  foundBy: string;
  reportedBy: string;
  reportedById: number;
  reportedAt: string;
  reportedDate: string;
  decidedBy: string | null;
  decidedAt: string | null;
  rejectReason: string | null;
  enteredDate: string | null;
  /** The receipt or return note that already put the goods into damaged stock. */
  originDocumentNo: string | null;
  /** The damage transfer posted at approval. */
  transferDocumentNo: string | null;
  /** Units of this report disposed of by approved disposals (what was done). */
  disposedQty: number;
  attachmentCount: number;
};

/** One line of a disposal that names this report: what was done with its goods. */
export type DamageDoneLine = {
  disposalId: number;
  disposalNumber: string;
  kind: DisposalKind;
  state: DisposalState;
  qty: number;
  amountFen: number;
  decidedAt: string | null;
};

/** A step of a record's history: who did what, when. */
export type DamageStep = { step: string; by: string; at: string; note: string };

export type DamageReportView = DamageReportRow & {
  orderNumber: string | null;
  tripNumber: string | null;
  countSessionId: number | null;
  steps: DamageStep[];
  done: DamageDoneLine[];
  attachments: AttachmentView[];
};

// ---- requests ------------------------------------------------------------

/** Who raises a damage report (DOMAIN roles; a salesperson does not). */
export const damageReporters = ['warehouseKeeper', 'operator', 'dispatcher', 'supervisor', 'csManager'] as const;
export const damageReaders = [...damageReporters, 'admin'] as const;
/** Only the CS manager decides (R11), never on their own report. */
export const damageDeciders = ['csManager'] as const;

const causeCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'code');
const note = z.string().trim().max(1000).default('');

export const damageReportInput = z
  .object({
    productId: id,
    fromStatus: z.enum(['good', 'gift']),
    locationId: id,
    qty: quantity,
    whereFound: z.enum(damageWhereFound),
    cause: causeCode,
    causeNote: note,
    suggestion: z.enum(disposalKinds),
    /** Who found it; the reporter when not given. */
    foundBy: id.optional(),
    note,
    orderId: id.optional(),
    tripId: id.optional(),
    countSessionId: id.optional(),
    idempotencyKey,
  })
  .strict();
export type DamageReportInput = z.input<typeof damageReportInput>;

export const registerRequests = {
  /** The causes offered on a report (retired ones too, for the register's names). */
  'damage.causes': spec<DamageCause[]>()({ input: none, access: 'any', write: false }),
  /** The manager adds a cause, renames one or retires/restores it; 'other' always stays active. */
  'damage.saveCause': spec<DamageCause[]>()({
    input: z.object({ code: causeCode, nameZh: name, nameEn: name, active: z.boolean().default(true) }).strict(),
    access: ['csManager'],
    write: true,
  }),
  /** People who may be named as the finder. */
  'damage.finders': spec<DamageFinder[]>()({ input: none, access: damageReaders, write: false }),
  /** Raises a report in state reported; the amount is qty × the product's unit cost now. 'other' needs a note. */
  'damage.report': spec<DamageReportView>()({ input: damageReportInput, access: damageReporters, write: true }),
  /** The register, newest first, optionally of one state. */
  'damage.list': spec<DamageReportRow[]>()({
    input: z.object({ state: z.enum(damageStates).optional() }).strict(),
    access: damageReaders,
    write: false,
  }),
  /** One report with its steps, what was done (disposal lines) and its attachments. */
  'damage.get': spec<DamageReportView>()({
    input: z.object({ reportId: id }).strict(),
    access: damageReaders,
    write: false,
  }),
  /**
   * R11 R5: the manager approves; the quantity moves good/gift → damaged in
   * the same bin (a damage transfer), refused naming product and bin when the
   * stock is no longer there. A report whose goods came in damaged posts nothing more.
   */
  'damage.approve': spec<DamageReportView>()({
    input: z.object({ reportId: id }).strict(),
    access: damageDeciders,
    write: true,
  }),
  /** The manager rejects with a reason; nothing moves. */
  'damage.reject': spec<DamageReportView>()({
    input: z.object({ reportId: id, reason: name }).strict(),
    access: damageDeciders,
    write: true,
  }),
  /** A photo or PDF attached to a report: checked by its content, ≤ attachmentMaxBytes, stored in the database (backups carry it). */
  'damage.attach': spec<AttachmentView>()({
    input: z.object({ reportId: id, fileName: name, dataBase64: attachmentBase64 }).strict(),
    access: damageReporters,
    write: true,
  }),
  /**
   * Enter at a station's damage task: the bin and goods scanned there become a
   * report (where found 'bin' unless told), and the task starts over for the next.
   */
  'damage.reportAtStation': spec<DamageReportView>()({
    input: z
      .object({
        fromStatus: z.enum(['good', 'gift']).default('good'),
        whereFound: z.enum(damageWhereFound).default('bin'),
        cause: causeCode,
        causeNote: note,
        suggestion: z.enum(disposalKinds),
        note,
        idempotencyKey,
      })
      .strict(),
    access: damageReporters,
    write: true,
  }),
  /** An attached file's bytes, to view or save. */
  'damage.attachment': spec<AttachmentFile>()({
    input: z.object({ attachmentId: id }).strict(),
    access: damageReaders,
    write: false,
  }),
} as const satisfies Record<string, RequestSpec>;
