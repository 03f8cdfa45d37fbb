// GS1 check digits (mod 10, weights 3 and 1 from the right) for GTIN-8/12/13/14
// and SSCC. Pure: used by the decoder, the demo data and the product import.

/** The check digit for `body`, the digits without their check digit. */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

export function withCheckDigit(body: string): string {
  return body + String(gs1CheckDigit(body));
}

/** True for an 8, 12, 13 or 14-digit GTIN whose check digit is right. */
export function isValidGtin(code: string): boolean {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(code)) return false;
  return gs1CheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

/**
 * Whether the `length` digits of `s` from `from` end with their GS1 check
 * digit. Works in place (no substring) for the decoder's hot path; the caller
 * has already checked that they are digits.
 */
export function hasValidCheckDigit(s: string, from = 0, length = s.length - from): boolean {
  if (length < 2) return false;
  const last = from + length - 1;
  let sum = 0;
  for (let i = last - 1, w = 3; i >= from; i--, w = 4 - w) sum += (s.charCodeAt(i) - 48) * w;
  return (10 - (sum % 10)) % 10 === s.charCodeAt(last) - 48;
}

/**
 * UPC-E (8 digits: number system 0 or 1, six data digits, check digit) to the
 * UPC-A it stands for, with the same check digit; null when it is not a UPC-E
 * (wrong length, a non-digit, number system other than 0/1). The check digit
 * is not verified here: it belongs to the UPC-A, so verify the result.
 */
export function expandUpcE(upcE: string): string | null {
  if (upcE.length !== 8) return null;
  for (let i = 0; i < 8; i++) {
    const c = upcE.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  const ns = upcE[0]!;
  if (ns !== '0' && ns !== '1') return null;
  const d = upcE.slice(1, 7);
  const check = upcE[7]!;
  const last = d[5]!;
  let body: string;
  if (last <= '2') body = `${d.slice(0, 2)}${last}0000${d.slice(2, 5)}`;
  else if (last === '3') body = `${d.slice(0, 3)}00000${d.slice(3, 5)}`;
  else if (last === '4') body = `${d.slice(0, 4)}00000${d[4]!}`;
  else body = `${d.slice(0, 5)}0000${last}`;
  return `${ns}${body}${check}`;
}
