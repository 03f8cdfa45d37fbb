// Stable error codes. The renderer translates them (locales/*/errors.json);
// the core never sends a stack trace or English prose to a user.
export const errorCodes = [
  'contract.unknownRequest',
  'contract.invalidInput',
  'contract.internal',
  'contract.rateLimited',
  'auth.required',
  'auth.forbidden',
  'auth.badCredentials',
  'auth.lockedOut',
  'auth.sessionExpired',
  'setup.alreadyInitialized',
  'setup.notInitialized',
  'setup.notFromThisMachine',
  'setup.badSetupCode',
  'setup.tooManyCodeAttempts',
  'users.usernameTaken',
  'users.notFound',
  'stock.wouldGoNegative',
  'stock.unknownProduct',
  'stock.unknownLocation',
  'stock.productInactive',
  'stock.emptyDocument',
  'stock.binLockedByCount',
  'stock.documentNotFound',
  'stock.alreadyReversed',
  'stock.notReversible',
  'receipts.statusNotAllowed',
  'products.codeTaken',
  'products.notFound',
  'products.invalid',
  'import.invalidRows',
  'import.emptyFile',
  'import.undecodable',
  'scan.nothingToUndo',
  'scan.notTaskOwner',
  'scanner.notFound',
  'scanner.nameTaken',
  'barcodes.taken',
  'counts.notFound',
  'counts.wrongState',
  'counts.readOnly',
  'counts.invalidScope',
  'counts.emptyScope',
  'counts.counterNotKeeper',
  'counts.notCounter',
  'counts.locationNotInScope',
  'counts.binNotInZone',
  'counts.lineNotOpen',
  'counts.lineNotFound',
  'counts.negativeCount',
  'counts.bookHidden',
  'counts.sameRecounter',
  'counts.notOutOfTolerance',
  'counts.causeMissing',
  'counts.sameConfirmer',
  'adjustments.notFound',
  'adjustments.wrongState',
  'adjustments.readOnly',
  'adjustments.linkedToCount',
  'adjustments.approverInvolved',
  'db.tooNew',
  'db.corrupt',
  'customers.notFound',
  'customers.codeTaken',
  'customers.notSalesperson',
  'prices.notFound',
  'orders.notFound',
  'orders.illegalTransition',
  'orders.takeBackFirst',
  'orders.notEditable',
  'orders.notYourCustomer',
  'orders.notAwaitingConfirmation',
  'orders.notReleasable',
  'orders.notShort',
  'orders.lineNotFound',
  'orders.noSuccessor',
  'orders.unknownProduct',
  'orders.unknownCustomer',
  'orders.noSalesperson',
  'orders.consentNotSalesperson',
  'orders.fileAlreadyImported',
  'orders.invalidFile',
  'orders.emptyFile',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export type AppErrorShape = { code: ErrorCode; details?: Record<string, unknown> };

/** Thrown by services; the dispatcher turns it into `{ ok: false, error }`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
  toJSON(): AppErrorShape {
    return { code: this.code, details: this.details };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
