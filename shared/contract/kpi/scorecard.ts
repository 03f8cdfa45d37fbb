// The weekly scorecard 积分表 (issue 17 §3, R14): what the operator sends the
// principal every week with the EDR data ("运行EDR, 传真每周积分表, 填写积分表
// (SL, ID)") — the service level (SL) and the days of inventory (ID) of the
// week, with the other tracker figures the principal asks for, each against
// its target, on one A4 page. The figures are the KPI tracker's own (the same
// definitions for the same Monday–Sunday), never computed a second way; a week
// not yet over is a draft, marked so.
import { z } from 'zod';
import { isoWeek } from '../reports/weekly';
import { spec, type RequestSpec } from '../spec';
import type { KpiFigure, KpiGrade, KpiId, KpiUnit } from './index';

/** The scorecard's lines, SL and ID first. */
export const scorecardKpis = [
  'serviceLevel',
  'daysOfInventory',
  'inventoryAccuracy',
  'qualifiedOrderRate',
  'returns',
  'refusals',
] as const satisfies readonly KpiId[];

export type ScorecardLine = {
  kpi: (typeof scorecardKpis)[number];
  unit: KpiUnit;
  better: 'higher' | 'lower';
  target: number | null;
  figure: KpiFigure;
  grade: KpiGrade | null;
};

export type Scorecard = {
  week: string;
  from: string;
  to: string;
  timeZone: string;
  /** The week is not over yet (today is in it): the figures may still change. */
  draft: boolean;
  lines: ScorecardLine[];
};

export const scorecardRequests = {
  /** The week's scorecard (SL, ID …) from the KPI tracker's definitions; a week not begun is refused. */
  'kpi.scorecard': spec<Scorecard>()({
    input: z.object({ week: isoWeek }).strict(),
    access: ['supervisor', 'csManager', 'operator'],
    write: false,
  }),
} as const satisfies Record<string, RequestSpec>;
