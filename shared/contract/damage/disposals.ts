// Damage slice "disposals" (issue 13 §Damage 3, R11 R13 R5): disposal 处理
// documents of damaged stock — scrap 报废, return to supplier 退供应商 (with the
// supplier and a reference), sell as damaged 残品销售, repack back to good 返好 —
// proposed by a keeper or operator, approved by the CS manager (posted through
// the ledger: −damaged, and +good for repackGood) or rejected.
import { z } from 'zod';
import { id, idempotencyKey, name, quantity } from '../schemas';
import { spec, type RequestSpec } from '../spec';
import { damageReaders } from './register';
import { disposalKinds, disposalStates, type DisposalKind, type DisposalState } from './words';

export type DisposalLineView = {
  lineNo: number;
  productId: number;
  productCode: string;
  productName: string;
  productNameEn: string;
  casePack: number;
  locationId: number;
  locationCode: string;
  qty: number;
  unitCostFen: number;
  amountFen: number;
  damageReportId: number | null;
  damageReportNumber: string | null;
};

export type DisposalRow = {
  id: number;
  number: string;
  kind: DisposalKind;
  state: DisposalState;
  supplier: string;
  reference: string;
  note: string;
  proposedBy: string;
  proposedById: number;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decidedDate: string | null;
  rejectReason: string | null;
  documentNo: string | null;
  lineCount: number;
  qty: number;
  amountFen: number;
};

export type DisposalView = DisposalRow & { lines: DisposalLineView[] };

const disposalProposers = ['warehouseKeeper', 'operator'] as const;

export const disposalInput = z
  .object({
    kind: z.enum(disposalKinds),
    supplier: z.string().trim().max(200).default(''),
    reference: z.string().trim().max(200).default(''),
    note: z.string().trim().max(1000).default(''),
    lines: z
      .array(z.object({ productId: id, locationId: id, qty: quantity, damageReportId: id.optional() }).strict())
      .min(1)
      .max(500),
    idempotencyKey,
  })
  .strict();
export type DisposalInput = z.input<typeof disposalInput>;

export const disposalRequests = {
  /** A keeper or operator proposes a disposal of damaged stock (returnToSupplier names the supplier). */
  'disposals.propose': spec<DisposalView>()({ input: disposalInput, access: disposalProposers, write: true }),
  'disposals.list': spec<DisposalRow[]>()({
    input: z.object({ state: z.enum(disposalStates).optional() }).strict(),
    access: damageReaders,
    write: false,
  }),
  'disposals.get': spec<DisposalView>()({
    input: z.object({ disposalId: id }).strict(),
    access: damageReaders,
    write: false,
  }),
  /** R5: the manager approves; posted through the ledger, refused naming the product when damaged stock is short. */
  'disposals.approve': spec<DisposalView>()({
    input: z.object({ disposalId: id }).strict(),
    access: ['csManager'],
    write: true,
  }),
  'disposals.reject': spec<DisposalView>()({
    input: z.object({ disposalId: id, reason: name }).strict(),
    access: ['csManager'],
    write: true,
  }),
} as const satisfies Record<string, RequestSpec>;
