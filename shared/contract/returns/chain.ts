// Returns slice "chain" (issue 13 §Returns 1–5): return report, approval, the
// keeper's check, the return note, refusals entering at the check.
// Filled by the RETURNS engineer.
import type { RequestSpec } from '../spec';

export const chainRequests = {} as const satisfies Record<string, RequestSpec>;
