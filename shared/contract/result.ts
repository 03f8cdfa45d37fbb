import type { AppErrorShape } from '../errors';

export type Ok<T> = { ok: true; value: T };
export type Err = { ok: false; error: AppErrorShape };
export type Result<T> = Ok<T> | Err;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = (error: AppErrorShape): Err => ({ ok: false, error });
