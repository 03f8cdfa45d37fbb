// Returns slice "report" (issue 13 §Returns 1): what the salesperson's return
// report form needs beyond the chain — the customer's delivered orders with
// what can still be returned per line, and editing a report while it is
// still 'reported' (before the manager decides). Quantities in integer base
// units, money in integer fen, dates business days in the warehouse's zone.
import { z } from 'zod';
import { id } from '../schemas';
import { spec, type RequestSpec } from '../spec';
import { returnReporters, reportLine, type ReturnView } from './chain';

export type ReturnableLine = {
  orderLineId: number;
  lineNo: number;
  productId: number;
  productCode: string;
  productName: string;
  productNameEn: string;
  casePack: number;
  status: 'good' | 'gift';
  /** Delivered: ordered − refused at delivery. */
  delivered: number;
  /** delivered − on other returns not rejected (this report's own lines excluded when editing). */
  left: number;
  priceFen: number;
};

export type ReturnableOrder = {
  orderId: number;
  number: string;
  outcome: 'signed' | 'partlyRefused';
  deliveredDate: string;
  lines: ReturnableLine[];
};

const note = z.string().trim().max(1000).default('');

export const reportRequests = {
  /**
   * The customer's delivered orders (signed or partly refused), newest first,
   * with what can still be returned per line; `returnId`: leave that report's
   * own lines out of "already returned" (editing it).
   */
  'returns.returnable': spec<ReturnableOrder[]>()({
    input: z
      .object({ customerId: id, returnId: id.optional(), limit: z.number().int().min(1).max(200).default(60) })
      .strict(),
    access: returnReporters,
    write: false,
  }),
  /** Replaces a reported return's orders, lines and note (same checks as returns.report); the salesperson only their own. */
  'returns.edit': spec<ReturnView>()({
    input: z
      .object({
        returnId: id,
        orderIds: z.array(id).max(50).default([]),
        lines: z.array(reportLine).min(1).max(200),
        note,
      })
      .strict(),
    access: returnReporters,
    write: true,
  }),
} as const satisfies Record<string, RequestSpec>;
