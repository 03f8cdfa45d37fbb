// Damage slice "disposals" (issue 13 §Damage 3): disposal documents of damaged
// stock, approved by the CS manager and posted through the ledger.
// Filled by the DAMAGE engineer.
import type { RequestSpec } from '../spec';

export const disposalRequests = {} as const satisfies Record<string, RequestSpec>;
