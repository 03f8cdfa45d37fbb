// Damage 残损 (issue 13): one module per slice, composed here; requests.ts
// spreads `damageRequests` into the one map.
import { disposalRequests } from './disposals';
import { registerRequests } from './register';

export * from './words';
export * from './register';
export * from './disposals';

export const damageRequests = {
  ...registerRequests,
  ...disposalRequests,
} as const;
export type DamageRequestName = keyof typeof damageRequests;
