// The error a request rejects with: the stable code from the core (shared/errors.ts)
// or one of the client's own (the connection), plus the details the translation
// interpolates (product, status, shortfall, …). The UI never shows `message`.
import type { ErrorCode } from '../../shared/errors';

/** Errors the client itself produces; translated under errors:client.*. */
export const clientErrorCodes = ['client.connectionLost'] as const;
export type ClientErrorCode = (typeof clientErrorCodes)[number];

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | ClientErrorCode,
    readonly details: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** Any thrown value as an ApiError, so a bug in a page still shows a translated toast. */
export function toApiError(e: unknown): ApiError {
  return isApiError(e) ? e : new ApiError('contract.internal', {});
}
