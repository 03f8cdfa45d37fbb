// Damage slice "register" (issue 13 §Damage 1–2): damage reports raised where
// the damage is found (form, station damage task, receiving, return note),
// approved or rejected by the CS manager, their causes and attachments.
// Filled by the DAMAGE engineer.
import type { RequestSpec } from '../spec';

export const registerRequests = {} as const satisfies Record<string, RequestSpec>;
