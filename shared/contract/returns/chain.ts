// Returns slice "chain" (issue 13 §Returns 1–5, R12 R3 R5): the salesperson's
// return report 退货报告, the manager's approval 经理批准, the keeper's check
// 仓务员确认退货箱数及退货原因, the operator's return note 退货单 posting the goods
// into good and damaged stock, and refusals at delivery 拒收 entering at the
// check (kind 'refusal', no report nor approval).
//
// Quantities in integer base units, money in integer fen, `at` fields UTC
// instants, dates business days in the warehouse's time zone.
import { z } from 'zod';
import { id, idempotencyKey, name, quantity } from '../schemas';
import { businessDate } from '../orders';
import { spec, type RequestSpec } from '../spec';
import {
  returnKinds,
  returnReasons,
  returnStates,
  type ReturnKind,
  type ReturnReason,
  type ReturnState,
} from './words';

// ---- replies -------------------------------------------------------------

export type ReturnRow = {
  id: number;
  number: string;
  kind: ReturnKind;
  state: ReturnState;
  customerId: number;
  customerCode: string;
  customerName: string;
  salespersonId: number | null;
  salespersonName: string | null;
  noDelivery: boolean;
  orderNumbers: string[];
  tripNumber: string | null;
  units: number;
  /** Σ qty reported (or checked once checked) × unit price. */
  amountFen: number;
  reportedBy: string;
  reportedAt: string;
  hasDifferences: boolean | null;
  noteNumber: string | null;
  /** Who acts next: the manager (approve), the keeper (check), the operator (note); null when done or rejected. */
  nextRole: 'csManager' | 'warehouseKeeper' | 'operator' | null;
};

export type ReturnLineView = {
  lineNo: number;
  productId: number;
  productCode: string;
  productName: string;
  casePack: number;
  status: 'good' | 'gift';
  qtyReported: number;
  reason: ReturnReason;
  reasonNote: string;
  orderLineId: number | null;
  unitPriceFen: number;
  qtyChecked: number | null;
  checkReason: ReturnReason | null;
  /** The check differs from the report on this line (short, over, or not on the report). */
  differs: boolean;
  qtyGood: number | null;
  qtyDamaged: number | null;
  goodLocationCode: string | null;
  damagedLocationCode: string | null;
  creditFen: number | null;
  damageReportNumber: string | null;
};

export type ReturnStep = {
  step: 'reported' | 'approved' | 'rejected' | 'checked' | 'posted';
  by: string;
  at: string;
  note: string;
};

export type ReturnNoteView = {
  number: string;
  creditFen: number;
  unitsGood: number;
  unitsDamaged: number;
  issuedBy: string;
  issuedAt: string;
  issuedDate: string;
};

export type ReturnView = ReturnRow & {
  note: string;
  rejectReason: string | null;
  casesChecked: number | null;
  checkNote: string;
  lines: ReturnLineView[];
  steps: ReturnStep[];
  returnNote: ReturnNoteView | null;
};

export type ReturnFinanceExport = { fileName: string; csv: string; notes: number; creditFen: number };

// ---- requests ------------------------------------------------------------

/** The salesperson files the report; the operator may file it on the salesperson's behalf (reported_by records who). */
export const returnReporters = ['salesperson', 'operator'] as const;
export const returnReaders = [
  'salesperson',
  'csManager',
  'operator',
  'warehouseKeeper',
  'supervisor',
  'admin',
] as const;

const note = z.string().trim().max(1000).default('');
const reason = z.enum(returnReasons);

/** One line of a return report (also its edit, report.ts). */
export const reportLine = z
  .object({
    productId: id,
    qty: quantity,
    /** The quantity in units, or in cases of the product's case pack. */
    per: z.enum(['unit', 'case']).default('unit'),
    status: z.enum(['good', 'gift']).default('good'),
    reason: reason.exclude(['refusedAtDelivery']),
    reasonNote: note,
  })
  .strict();

const checkLine = z
  .object({
    productId: id,
    status: z.enum(['good', 'gift']).default('good'),
    /** Units counted back (0: nothing of this line came). */
    qty: z.number().int().min(0).max(10_000_000),
    reason,
  })
  .strict();

const noteLine = z
  .object({
    lineNo: z.number().int().positive().max(10_000),
    qtyGood: z.number().int().min(0).max(10_000_000),
    qtyDamaged: z.number().int().min(0).max(10_000_000),
    /** The bins; the product's usual bin (the one holding most of it) when omitted. */
    goodLocationId: id.optional(),
    damagedLocationId: id.optional(),
  })
  .strict();

export const chainRequests = {
  /**
   * 1. The return report: the customer, the delivered orders it refers to (none:
   * flagged no_delivery), lines checked against what was delivered on them
   * (delivered − refused − already returned). Credit price: the order line's, else the list price.
   */
  'returns.report': spec<ReturnView>()({
    input: z
      .object({
        customerId: id,
        orderIds: z.array(id).max(50).default([]),
        lines: z.array(reportLine).min(1).max(200),
        note,
        idempotencyKey,
      })
      .strict(),
    access: returnReporters,
    write: true,
  }),
  /** The register, newest first; a salesperson sees only their own returns. */
  'returns.list': spec<ReturnRow[]>()({
    input: z
      .object({
        state: z.enum(returnStates).optional(),
        kind: z.enum(returnKinds).optional(),
      })
      .strict(),
    access: returnReaders,
    write: false,
  }),
  'returns.get': spec<ReturnView>()({
    input: z.object({ returnId: id }).strict(),
    access: returnReaders,
    write: false,
  }),
  /** A return by its number (the barcode on the printed report) or a refused order's number, for the check. */
  'returns.find': spec<ReturnView>()({
    input: z.object({ number: z.string().trim().min(1).max(60) }).strict(),
    access: returnReaders,
    write: false,
  }),
  /** 2. The manager approves a reported return. */
  'returns.approve': spec<ReturnView>()({
    input: z.object({ returnId: id }).strict(),
    access: ['csManager'],
    write: true,
  }),
  /** 2. Or rejects it with a reason. */
  'returns.reject': spec<ReturnView>()({
    input: z.object({ returnId: id, reason: name }).strict(),
    access: ['csManager'],
    write: true,
  }),
  /** 5. A refused order's goods enter the chain at the check: a 'refusal' return of its refused lines not yet taken in. */
  'returns.takeRefusal': spec<ReturnView>()({
    input: z.object({ orderId: id }).strict(),
    access: ['warehouseKeeper'],
    write: true,
  }),
  /**
   * 3. The keeper's check of an approved return: the cases that came back and, per
   * product, the units counted and the reason confirmed. A difference from the
   * report (short, over, another product) is flagged for the operator.
   */
  'returns.check': spec<ReturnView>()({
    input: z
      .object({
        returnId: id,
        casesChecked: z.number().int().min(0).max(1_000_000),
        lines: z.array(checkLine).min(1).max(200),
        note,
      })
      .strict(),
    access: ['warehouseKeeper'],
    write: true,
  }),
  /**
   * 4. The operator's return note: per line good and damaged (≤ checked), posted
   * as one returnReceipt; the damaged parts open damage reports.
   */
  'returns.issueNote': spec<ReturnView>()({
    input: z.object({ returnId: id, lines: z.array(noteLine).min(1).max(200), idempotencyKey }).strict(),
    access: ['operator'],
    write: true,
  }),
  /** 4. The finance export: the return notes issued in a date range, as CSV. */
  'returns.financeExport': spec<ReturnFinanceExport>()({
    input: z.object({ from: businessDate, to: businessDate }).strict(),
    access: ['operator', 'csManager', 'supervisor', 'admin'],
    write: false,
  }),
} as const satisfies Record<string, RequestSpec>;
