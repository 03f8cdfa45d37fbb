// The customer's page (issue 16 §5): everything about one customer in one
// place — orders and deliveries, refusals, returns, complaints and calls, with dates.
import { z } from 'zod';
import { id } from '../schemas';
import { spec } from '../spec';
import type { CallRow } from './plans';

export type CustomerHead = {
  id: number;
  code: string;
  name: string;
  area: string;
  route: string;
  phone: string;
  contact: string;
  address: string;
  salesperson: string | null;
  blocked: boolean;
  alwaysCall: boolean;
};

export type CustomerOrderRow = {
  id: number;
  number: string;
  state: string;
  orderDate: string;
  dispatchDate: string | null;
  deliveredDate: string | null;
  outcome: 'signed' | 'partlyRefused' | 'refused' | null;
  amountFen: number;
  cases: number;
  units: number;
};

export type CustomerRefusalRow = {
  orderId: number;
  orderNumber: string;
  productCode: string;
  productName: string;
  qty: number;
  amountFen: number;
  reason: string;
  refusedAt: string;
  returnedAt: string | null;
};

export type CustomerReturnRow = {
  id: number;
  number: string;
  kind: 'report' | 'refusal';
  state: string;
  reportedAt: string;
  noteNumber: string | null;
  creditFen: number | null;
};

export type CustomerComplaintRow = {
  id: number;
  number: string;
  state: string;
  receivedAt: string;
  category: string;
  content: string;
};

export type CustomerOverview = {
  customer: CustomerHead;
  orders: CustomerOrderRow[];
  refusals: CustomerRefusalRow[];
  returns: CustomerReturnRow[];
  complaints: CustomerComplaintRow[];
  calls: CallRow[];
};

/** Everyone who deals with customers reads the page; the keeper does not. */
export const customerReaders = ['csManager', 'operator', 'supervisor', 'salesperson', 'dispatcher', 'admin'] as const;

export const customerRequests = {
  /** One customer's page: the latest 500 orders, every refusal, return, complaint and call. */
  'customers.overview': spec<CustomerOverview>()({
    input: z.object({ customerId: id }).strict(),
    access: customerReaders,
    write: false,
  }),
} as const;
