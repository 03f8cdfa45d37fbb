// Domain vocabulary shared by core and renderer. Words follow ../shared/DOMAIN.md.

export const roles = [
  'csManager', // 客户服务经理
  'operator', // 操作员
  'warehouseKeeper', // 仓管员
  'salesperson', // 业务员
  'dispatcher', // 调度员
  'supervisor', // 主管
  'admin', // 管理员
] as const;
export type Role = (typeof roles)[number];

/** R13: status is a real dimension of every balance. */
export const stockStatuses = ['good', 'damaged', 'gift'] as const;
export type StockStatus = (typeof stockStatuses)[number];

export const movementTypes = [
  'opening',
  'receipt',
  'dispatchIssue',
  'giftIssue',
  'returnReceipt',
  'damageTransfer',
  'disposal',
  'countAdjustment',
  'manualAdjustment',
  'statusTransfer',
  'reversal',
] as const;
export type MovementType = (typeof movementTypes)[number];

/** Document types and the prefix of their numbers (RC-20261122-0001). */
export const documentTypes = {
  opening: 'OB',
  receipt: 'RC',
  dispatchIssue: 'DI',
  giftIssue: 'GI',
  returnReceipt: 'RR',
  damageTransfer: 'DM',
  disposal: 'DP',
  countAdjustment: 'CA',
  manualAdjustment: 'MA',
  statusTransfer: 'ST',
  reversal: 'RV',
} as const satisfies Record<MovementType, string>;
export type DocumentType = keyof typeof documentTypes;

export const documentStates = ['draft', 'submitted', 'approved', 'posted', 'rejected', 'cancelled'] as const;
export type DocumentState = (typeof documentStates)[number];

export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'zh-CN';

export const locationKinds = ['warehouse', 'zone', 'bin'] as const;
export type LocationKind = (typeof locationKinds)[number];

export const barcodeLevels = ['unit', 'case'] as const;
export type BarcodeLevel = (typeof barcodeLevels)[number];

/** R7: a receipt is to be in the system within 2 hours of arrival. */
export const receiptPostingLimitMinutes = 120;
/** Amber from this many minutes late onwards, red past the limit. */
export const receiptPostingAmberMinutes = 90;

export const maxQuantity = 1_000_000_000;
export const maxAmountFen = 1_000_000_000_000;
