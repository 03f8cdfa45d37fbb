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
