// The follow-up summary 回访总结报告 as CSV: opens in Excel as text (BOM,
// formula-safe cells), shows the rates as percentages, the counts by reason,
// CS staff and area, and the supervisor's conclusions.
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { CallSummary } from '../../../shared/contract';
import { summaryCsv } from '../../../renderer/pages/calls/summaryCsv';

const t = ((key: string) => key) as unknown as TFunction;
const summary: CallSummary = {
  from: '2026-12-01',
  to: '2026-12-04',
  planned: 10,
  done: 8,
  satisfied: 6,
  issueRaised: 2,
  noAnswerAttempts: 3,
  waitingCallBack: 1,
  open: 2,
  doneOnTime: 7,
  satisfactionPermille: 750,
  onTimePermille: 875,
  byReason: [{ key: 'complaintClosed', calls: 4, done: 4, satisfied: 3, issueRaised: 1 }],
  byStaff: [
    { key: '王芳', calls: 8, done: 8, satisfied: 6, issueRaised: 2 },
    { key: '', calls: 2, done: 0, satisfied: 0, issueRaised: 0 },
  ],
  byArea: [{ key: '东区, 一片', calls: 10, done: 8, satisfied: 6, issueRaised: 2 }],
  note: '=HYPERLINK("http://x","y")',
  noteBy: '主管',
  noteAt: '2026-12-04T02:00:00.000Z',
};

describe('follow-up summary CSV', () => {
  const csv = summaryCsv(t, summary);
  const lines = csv.slice(1).trimEnd().split('\r\n');

  it('starts with a BOM so Excel reads the Chinese', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
  });

  it('gives the satisfaction and within-3-days rates as percentages', () => {
    expect(lines).toContain('calls:sum.satisfaction,75.0%');
    expect(lines).toContain('calls:sum.onTime,87.5%');
  });

  it('lists the counts by reason, by CS staff (unassigned named) and by area', () => {
    expect(lines).toContain('calls:reason.complaintClosed,4,4,3,1');
    expect(lines).toContain('王芳,8,8,6,2');
    expect(lines).toContain('calls:sum.unassigned,2,0,0,0');
    expect(lines).toContain('"东区, 一片",10,8,6,2');
  });

  it('writes the conclusions as text, never as a formula', () => {
    const last = lines.at(-1)!;
    expect(last.startsWith('"\'=HYPERLINK')).toBe(true);
  });
});
