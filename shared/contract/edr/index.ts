// The principal's weekly data 运行EDR (issue 17 §2): every week the
// distributor reports to its principal the week's sell-out (quantity and
// amount per product per customer, delivered net of refusals, gifts apart),
// the stock on hand per product and status at the week's end, and the week's
// returns — in the principal's product codes where they differ from ours.
// The operator exports it as CSV or XLSX; each export is logged (which week,
// when, by whom, what it carried), a second export of a week says it is a
// re-send, and a week not yet over can only go out as a draft, marked so.
import { z } from 'zod';
import type { StockStatus } from '../../domain';
import { id } from '../schemas';
import { none, spec, type RequestSpec } from '../spec';
import { isoWeek } from '../reports/weekly';

/** The operator runs the EDR; the CS manager and the supervisor read it and its log. */
export const edrReaders = ['operator', 'csManager', 'supervisor'] as const;
export const edrExporters = ['operator', 'csManager'] as const;

export type EdrSellOutRow = {
  /** The principal's code (ours when none is mapped). */
  principalCode: string;
  productCode: string;
  productName: string;
  customerCode: string;
  customerName: string;
  area: string;
  /** Delivered units net of what the customer refused at the door. */
  qty: number;
  amountFen: number;
  orders: number;
};

export type EdrStockRow = {
  principalCode: string;
  productCode: string;
  productName: string;
  status: StockStatus;
  /** On hand at the end of the week's last day (the live balance for the current week). */
  qty: number;
  amountFen: number;
};

export type EdrReturnRow = {
  principalCode: string;
  productCode: string;
  productName: string;
  customerCode: string;
  customerName: string;
  /** Units checked in at the return station in the week, at the price of the order line they came back from. */
  qty: number;
  amountFen: number;
  returns: number;
};

export type EdrExport = {
  id: number;
  week: string;
  draft: boolean;
  /** The earlier export of the same week this one repeats, or null for the first. */
  resendOf: number | null;
  format: 'csv' | 'xlsx';
  sellOutRows: number;
  sellOutQty: number;
  sellOutFen: number;
  stockRows: number;
  returnRows: number;
  exportedBy: string;
  exportedAt: string;
  /** The file's full path when it was written to a folder on the host; null when the operator saved it from the browser. */
  path: string | null;
};

/** The folder on the host the EDR files are written to (null: not set). */
export type EdrFolder = { folder: string | null };

export type EdrWeek = {
  week: string;
  from: string;
  to: string;
  /** The week's last day is over in the warehouse's zone: a final export is allowed. */
  closed: boolean;
  timeZone: string;
  generatedAt: string;
  sellOut: EdrSellOutRow[];
  stock: EdrStockRow[];
  returns: EdrReturnRow[];
  /** Exports of this week so far, newest first. */
  sent: EdrExport[];
};

export type EdrCodeRow = { productId: number; productCode: string; productName: string; principalCode: string | null };

const principalCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'code');

/** Who names the EDR folder on the host: the administrator. */
export const edrFolderSetters = ['admin'] as const;

export const edrRequests = {
  /** The week's three tables and its exports so far. */
  'edr.week': spec<EdrWeek>()({ input: z.object({ week: isoWeek }).strict(), access: edrReaders, write: false }),
  /**
   * Logs an export of the week: a draft for a week not yet over, a re-send
   * when the week went out before. Answers the log row and the tables it
   * counted, which the console writes to the file — so the file carries
   * exactly what the log says was sent.
   */
  'edr.recordExport': spec<{ logged: EdrExport; data: EdrWeek }>()({
    input: z.object({ week: isoWeek, format: z.enum(['csv', 'xlsx']), draft: z.boolean().default(false) }).strict(),
    access: edrExporters,
    write: true,
  }),
  /** Every export, newest first. */
  'edr.log': spec<EdrExport[]>()({ input: none, access: edrReaders, write: false }),
  /** Our products with the principal's code where one is mapped. */
  'edr.codes': spec<EdrCodeRow[]>()({ input: none, access: edrReaders, write: false }),
  /** Maps a product to the principal's code (null removes the mapping). */
  'edr.setCode': spec<EdrCodeRow>()({
    input: z.object({ productId: id, principalCode: principalCode.nullable() }).strict(),
    access: edrExporters,
    write: true,
  }),
  /** The EDR folder on the host (null when none is set). */
  'edr.folder': spec<EdrFolder>()({ input: none, access: [...edrReaders, 'admin'], write: false }),
  /**
   * Names the folder on the host the EDR is written to (null clears it): an
   * absolute path to an existing folder this host can write, checked now and
   * again at every write.
   */
  'edr.setFolder': spec<EdrFolder>()({
    input: z.object({ folder: z.string().trim().min(1).max(1000).nullable() }).strict(),
    access: edrFolderSetters,
    write: true,
  }),
  /**
   * Writes the week's EDR as CSV and XLSX into the EDR folder (a caller on the
   * host itself — the CLI, the desktop window — may name another folder) and
   * logs one row per file with its path; a draft for a week not yet over, a
   * re-send for a week sent before. A missing or unwritable folder is refused
   * and nothing is logged.
   */
  'edr.writeToFolder': spec<{ logged: EdrExport[]; files: string[] }>()({
    input: z
      .object({
        week: isoWeek,
        draft: z.boolean().default(false),
        folder: z.string().trim().min(1).max(1000).optional(),
      })
      .strict(),
    access: edrExporters,
    write: true,
  }),
} as const satisfies Record<string, RequestSpec>;

export type EdrRequestName = keyof typeof edrRequests;
