// The classification statistics 顾客投诉分类统计表 (issue 16 §3): a month's
// complaints by category, responsible department, customer area and
// salesperson, the valid rate and the on-time rate, the trend over months,
// and the supervisor's improvement notes 改进对策 saved with it.
import { z } from 'zod';
import { spec, type RequestSpec } from '../spec';
import { complaintReaders } from './words';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month');

/** One line of a breakdown. Rates are derived on screen from the integer counts. */
export type ComplaintStatLine = {
  /** A category code, a department, an area or a salesperson's id ('' = none / not a customer). */
  key: string;
  /** The salesperson's name for that breakdown; else null. */
  label: string | null;
  received: number;
  /** Judged valid (and not valid). */
  valid: number;
  invalid: number;
  /** Valid ones resolved, and of those on time. */
  resolved: number;
  resolvedOnTime: number;
  /** Judged within the first-response time. */
  respondedOnTime: number;
};

export type ComplaintTrendPoint = {
  month: string;
  received: number;
  valid: number;
  resolved: number;
  resolvedOnTime: number;
};

export type ComplaintStats = {
  month: string;
  from: string;
  to: string;
  total: ComplaintStatLine;
  byCategory: ComplaintStatLine[];
  byDepartment: ComplaintStatLine[];
  byArea: ComplaintStatLine[];
  bySalesperson: ComplaintStatLine[];
  /** The six months up to this one, oldest first. */
  trend: ComplaintTrendPoint[];
  note: string;
  noteBy: string | null;
  noteAt: string | null;
};

export const complaintStatsRequests = {
  'complaints.stats': spec<ComplaintStats>()({
    input: z.object({ month }).strict(),
    access: complaintReaders,
    write: false,
  }),
  /** The supervisor's analysis and improvement measures for the month. */
  'complaints.saveStatsNote': spec<ComplaintStats>()({
    input: z.object({ month, note: z.string().trim().max(4000) }).strict(),
    access: ['supervisor'],
    write: true,
  }),
} as const satisfies Record<string, RequestSpec>;
