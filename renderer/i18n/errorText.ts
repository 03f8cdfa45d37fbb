// An error code from the core (or the client) as a sentence in the active
// language. Codes are the keys of errors.json; details fill its placeholders.
import type { TFunction } from 'i18next';
import { toApiError } from '../api/errors';
import type { Formatters } from './format';

type Details = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** The i18next key and variables for an error. */
export function errorKey(
  code: string,
  details: Details,
  t: TFunction,
  f: Formatters,
): { key: string; vars: Record<string, string> } {
  switch (code) {
    case 'stock.wouldGoNegative': {
      // R5: the refusal names the product, the status, the location and the shortfall.
      if (details.concurrent === true || details.productCode === undefined)
        return { key: 'errors:stock.wouldGoNegativeConcurrent', vars: {} };
      const status = str(details.status);
      return {
        key: 'errors:stock.wouldGoNegative',
        vars: {
          product:
            `${str(details.productCode)} ${f.productName(str(details.productName), str(details.productNameEn))}`.trim(),
          status: status ? t(`domain:status.${status}`) : '',
          location: str(details.locationCode),
          available: f.qty(Number(details.available ?? 0)),
          requested: f.qty(Number(details.requested ?? 0)),
          shortfall: f.qty(Number(details.shortfall ?? 0)),
        },
      };
    }
    case 'auth.lockedOut': {
      const seconds = Number(details.retryAfterSeconds ?? 0);
      // The retry time as a clock time too: a keeper locked out reads when to come back.
      const at = f.dateTime(new Date(Date.now() + seconds * 1000).toISOString());
      return {
        key: 'errors:auth.lockedOut',
        vars: { minutes: String(Math.max(1, Math.ceil(seconds / 60))), time: at },
      };
    }
    case 'auth.badCredentials':
      return typeof details.attemptsLeft === 'number' && details.attemptsLeft > 0
        ? { key: 'errors:auth.badCredentialsAttemptsLeft', vars: { attempts: String(details.attemptsLeft) } }
        : { key: 'errors:auth.badCredentials', vars: {} };
    case 'auth.forbidden': {
      const allowed = Array.isArray(details.allowed) ? details.allowed : [];
      const roles = allowed.map((r) => t(`domain:role.${str(r)}`)).join(t('common:listSeparator'));
      return { key: 'errors:auth.forbidden', vars: { roles } };
    }
    case 'contract.invalidInput': {
      const issues = Array.isArray(details.issues) ? (details.issues as { path?: unknown; message?: unknown }[]) : [];
      if (issues.some((i) => i.path === 'arrivedAt' && i.message === 'future'))
        return { key: 'errors:receipts.arrivedInFuture', vars: {} };
      const fields = [...new Set(issues.map((i) => str(i.path)).filter(Boolean))]
        .map((p) => fieldLabel(p, t))
        .join(t('common:listSeparator'));
      return fields
        ? { key: 'errors:contract.invalidInputFields', vars: { fields } }
        : { key: 'errors:contract.invalidInput', vars: {} };
    }
    case 'import.invalidRows': {
      const rows = Array.isArray(details.errors)
        ? new Set(details.errors.map((e) => (e as { line?: unknown }).line)).size
        : 0;
      return { key: 'errors:import.invalidRows', vars: { rows: String(rows) } };
    }
    default: {
      // Every primitive detail is available to the translation as is.
      const vars: Record<string, string> = {};
      for (const [k, v] of Object.entries(details)) if (str(v) !== '') vars[k] = str(v);
      return { key: `errors:${code}`, vars };
    }
  }
}

/** "lines.0.qty" → "第 1 行 · 数量", using errors:field.* where known. */
function fieldLabel(path: string, t: TFunction): string {
  const parts = path.split('.');
  const label = (name: string) => (t(`errors:field.${name}`, { defaultValue: '' }) as string) || name;
  if (parts[0] === 'lines' && parts.length >= 3)
    return t('errors:field.line', { line: Number(parts[1]) + 1, field: label(parts[2] ?? '') });
  return label(parts[parts.length - 1] ?? path);
}

export function errorMessage(e: unknown, t: TFunction, f: Formatters): string {
  const err = toApiError(e);
  const { key, vars } = errorKey(err.code, err.details, t, f);
  const text = t(key, { ...vars, defaultValue: '' }) as string;
  return text || t('errors:unknown', { code: err.code });
}
