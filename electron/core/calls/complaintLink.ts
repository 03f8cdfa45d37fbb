// The complaint register's side of follow-up calls: closed complaints to call
// about, and the complaint an "issue raised" opens. The register is the
// complaints slice's (issue 16 §1–3); until it is merged there is none.
import type { CustomerComplaintRow } from '../../../shared/contract';
import type { ServiceContext } from '../context';
import type { Candidate } from './rules';

export async function closedComplaints(_ctx: ServiceContext, _from: string, _to: string): Promise<Candidate[]> {
  return [];
}

export async function openComplaintForCall(
  _ctx: ServiceContext,
  call: { complaintId: number | null; note: string },
): Promise<number | null> {
  return call.complaintId;
}

export async function customerComplaints(_ctx: ServiceContext, _customerId: number): Promise<CustomerComplaintRow[]> {
  return [];
}
