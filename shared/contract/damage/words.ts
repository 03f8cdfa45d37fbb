// Damage 残损 (issue 13, R11 R13 R5): the words of the damage register and of
// disposals, shared by the register, the station's damage task, the returns
// slice (a return note's damaged part opens a damage report) and the monthly
// damage analysis. Quantities in integer base units, money in integer fen,
// `at` fields UTC instants, dates business days in the warehouse's time zone.

/** reported → approved (stock moved good/gift → damaged) or rejected, by the CS manager, never the reporter. */
export const damageStates = ['reported', 'approved', 'rejected'] as const;
export type DamageState = (typeof damageStates)[number];

/** Where the damage was found 发现环节. */
export const damageWhereFound = ['receiving', 'bin', 'picking', 'loading', 'transit', 'count', 'return'] as const;
export type DamageWhereFound = (typeof damageWhereFound)[number];

/**
 * The disposal suggestion 处理建议 on a report, and the kind of a disposal 处理:
 * scrap / write-off 报废, return to supplier 退供应商, repack and sell as good 返好,
 * sell as damaged 残品销售.
 */
export const disposalKinds = ['scrap', 'returnToSupplier', 'repackGood', 'sellDamaged'] as const;
export type DisposalKind = (typeof disposalKinds)[number];

/** proposed → approved (posted through the ledger) or rejected, by the CS manager. */
export const disposalStates = ['proposed', 'approved', 'rejected'] as const;
export type DisposalState = (typeof disposalStates)[number];

/** The default causes (migration 15 seeds them; the manager may add and retire). 'other' needs a note. */
export const defaultDamageCauses = [
  'crushed',
  'wet',
  'tornPackaging',
  'expired',
  'leaking',
  'pest',
  'handling',
  'transport',
  'supplierDefect',
  'other',
] as const;

/**
 * The damage register or disposals changed: every open register, approval
 * list and analysis reloads. Ids only.
 */
export type DamageChanged = { reportIds: number[]; disposalIds: number[]; clientId?: string };
