// How one request of the contract is described: its input schema, who may
// make it, whether it writes, and (as a phantom) its reply type. Each
// feature's contract module (counts.ts, orders.ts, …) builds its requests
// with `spec`, and requests.ts combines them into the one map.
import { z } from 'zod';
import type { Role } from '../domain';

/** `public`: no login needed; `any`: any logged-in user; else the roles listed. */
export type Access = 'public' | 'any' | readonly Role[];

export type RequestSpec<I extends z.ZodType = z.ZodType, R = unknown> = {
  input: I;
  access: Access;
  /** Reads run outside a write transaction; everything else runs in one. */
  write: boolean;
  /** Phantom: the reply type, for typing clients. */
  reply?: R;
};

/** `spec<Reply>()({ input, access, write })`: a request with its reply type. */
export const spec =
  <R>() =>
  <I extends z.ZodType>(s: { input: I; access: Access; write: boolean }): RequestSpec<I, R> =>
    s;

/** The input of a request that takes none. */
export const none = z.object({}).strict();
