// The customer value analysis as CSV: opens in Excel as text (BOM,
// formula-safe names), one row per customer with money in yuan, the lost
// customer last with no rank, class or scores.
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { CustomerValueAnalysis, CustomerValueRow } from '../../../shared/contract';
import { valueCsv, valueCsvName } from '../../../renderer/pages/customerValue/valueCsv';

const t = ((key: string) => key) as unknown as TFunction;
const base: CustomerValueRow = {
  rank: 1,
  customerId: 7,
  customerCode: 'C007',
  customerName: '=HYPERLINK("http://x","y")',
  area: '东区, 一片',
  salespersonId: 3,
  salespersonName: '陈业务',
  recencyDays: 2,
  lastDelivered: '2026-12-02',
  frequency: 12,
  moneyFen: 1_234_567,
  deliveredFen: 1_300_000,
  refusedFen: 15_433,
  returnedFen: 50_000,
  refusals: 1,
  cumulativePct: 62.345,
  valueClass: 'A',
  r: 5,
  f: 4,
  m: 5,
  segment: 'importantValue',
  previousClass: 'B',
  movement: 'up',
};
const analysis: CustomerValueAnalysis = {
  from: '2026-01-01',
  to: '2026-12-04',
  compareFrom: '2024-12-28',
  compareTo: '2025-12-31',
  aSharePct: 80,
  bSharePct: 95,
  timeZone: 'Asia/Shanghai',
  customers: 1,
  totalFen: 1_234_567,
  classes: [],
  segments: [],
  movements: [],
  rows: [
    base,
    {
      ...base,
      rank: null,
      customerId: 8,
      customerCode: 'C008',
      customerName: '老客户',
      recencyDays: null,
      lastDelivered: null,
      frequency: 0,
      moneyFen: 0,
      deliveredFen: 0,
      refusedFen: 0,
      returnedFen: 0,
      refusals: 0,
      cumulativePct: 0,
      valueClass: null,
      r: 0,
      f: 0,
      m: 0,
      segment: null,
      previousClass: 'C',
      movement: 'lost',
    },
  ],
};

describe('customer value CSV', () => {
  const csv = valueCsv(t, analysis);
  const lines = csv.slice(1).trimEnd().split('\r\n');

  it('starts with a BOM and is named after the period', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(valueCsvName(analysis)).toBe('customer-value-2026-01-01-2026-12-04.csv');
  });

  it('writes a ranked customer with money in yuan, its scores and its move, names formula-safe', () => {
    expect(lines[2]).toBe(
      `1,C007,"'=HYPERLINK(""http://x"",""y"")","东区, 一片",陈业务,2,2026-12-02,12,12345.67,13000.00,154.33,500.00,1,62.3%,A,5,4,5,customerValue:segment.importantValue,B,customerValue:movement.up`,
    );
  });

  it('writes a lost customer last, without rank, class or scores', () => {
    expect(lines[3]).toBe(
      ',C008,老客户,"东区, 一片",陈业务,,,0,0.00,0.00,0.00,0.00,0,,,,,,,C,customerValue:movement.lost',
    );
  });
});
