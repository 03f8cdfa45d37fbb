// Building blocks for contract inputs. Every string is bounded so a huge
// payload is refused at the door, and quantities are whole base units (GUIDE:
// no floating point in stock or money).
import { z } from 'zod';
import { maxAmountFen, maxQuantity, roles, stockStatuses, locales } from '../domain';

export const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const quantity = z.number().int().positive().max(maxQuantity);
export const signedQuantity = z.number().int().min(-maxQuantity).max(maxQuantity);
export const amountFen = z.number().int().min(0).max(maxAmountFen);
export const code = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}._\-/]+$/u, 'code');
export const name = z.string().trim().min(1).max(200);
export const optionalText = z.string().trim().max(1000).optional();
export const isoInstant = z.iso.datetime({ offset: true });
export const idempotencyKey = z.string().min(8).max(100);
export const stockStatus = z.enum(stockStatuses);
export const role = z.enum(roles);
export const locale = z.enum(locales);
export const username = z
  .string()
  .trim()
  .min(2)
  .max(32)
  .regex(/^[a-z0-9._-]+$/, 'username');
export const secret = z.string().min(4).max(200);

/** Paging for the infinite row model: the grid asks for a block of rows. */
export const page = z.object({
  offset: z.number().int().min(0).max(100_000_000),
  limit: z.number().int().min(1).max(1000),
});

export const sortDirection = z.enum(['asc', 'desc']);
