// The keeper's countdown to the report's cut-off (R9) and the report's CSV:
// amber in the last 30 minutes, red at and after the cut-off; the CSV opens
// in Excel as text (BOM, formula-safe cells).
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { DispatchReport } from '../../../shared/contract/dispatch';
import { clockText, countdownTone } from '../../../renderer/app/cutoffTone';
import { reportCsv } from '../../../renderer/pages/dispatchReport/reportCsv';

const min = 60_000;

describe('cut-off countdown', () => {
  it('is calm until the last 30 minutes, amber in them, red at and after the cut-off, done once submitted', () => {
    expect(countdownTone(31 * min, false)).toBe('ok');
    expect(countdownTone(30 * min, false)).toBe('amber');
    expect(countdownTone(1000, false)).toBe('amber');
    expect(countdownTone(0, false)).toBe('over');
    expect(countdownTone(-5 * min, false)).toBe('over');
    expect(countdownTone(-5 * min, true)).toBe('done');
  });

  it('shows hours, minutes and seconds left', () => {
    expect(clockText(3_723_000)).toBe('1:02:03');
    expect(clockText(-59_000)).toBe('0:00:59');
  });
});

describe('report CSV', () => {
  const t = ((key: string) => key) as unknown as TFunction;
  const report: DispatchReport = {
    dispatchDate: '2026-12-05',
    state: 'submitted',
    note: '=HYPERLINK("http://x","y")',
    cutoffAt: '2026-12-05T08:30:00.000Z',
    cutoffTime: '16:30',
    timeZone: 'Asia/Shanghai',
    late: false,
    savedBy: 'k',
    savedAt: null,
    submittedBy: 'k',
    submittedAt: null,
    postedBy: null,
    postedAt: null,
    frozen: true,
    trips: [
      {
        tripId: 1,
        number: 'T20261205-01',
        plate: '粤A·1',
        driverName: '王',
        state: 'departed',
        departedAt: null,
        load: { trips: 1, customers: 1, orders: 1, cases: 2, units: 48, weightG: 28_800, amountFen: 7200 },
        stops: [
          {
            customerCode: 'C001',
            customerName: '天河, 店',
            orders: 1,
            cases: 2,
            units: 48,
            weightG: 28_800,
            amountFen: 7200,
          },
        ],
      },
    ],
    dispatched: { trips: 1, customers: 1, orders: 1, cases: 2, units: 48, weightG: 28_800, amountFen: 7200 },
    exceptions: [],
  };

  it('starts with a BOM, quotes commas, keeps numbers plain and defuses a formula', () => {
    const csv = reportCsv(t, report);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('"C001 天河, 店",1,2,48,28.8,72.00');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it('gives a taken-off order the keeper’s reason and the trip it was taken off', () => {
    const csv = reportCsv(t, {
      ...report,
      exceptions: [
        {
          orderId: 7,
          orderNumber: 'SO-7',
          customerCode: 'C002',
          customerName: '越秀超市',
          kind: 'takenOff',
          state: 'released',
          reason: null,
          takeOffReason: '缺一箱',
          tripNumber: 'T20261205-01',
          units: 48,
          amountFen: 7200,
          remark: '',
        },
      ],
    });
    expect(csv).toContain(
      'delivery:report.kind.takenOff,SO-7,C002 越秀超市,orders:state.released,缺一箱,T20261205-01,48,72.00,',
    );
  });
});
