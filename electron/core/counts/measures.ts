// R14 measures for the reports: inventory record accuracy 库存记录准确度 per
// session and per week (counted lines within tolerance ÷ counted lines, and the
// same by book amount), and adjustment forms posted per week (count, lines,
// amount). Numerators and denominators are returned so weeks add up exactly.
import type { AdjustmentFormKind, CountMeasures } from '../../../shared/contract/counts';
import { businessDay } from '../clock';
import type { ServiceContext } from '../context';
import { loadSession } from './common';
import { accuracyOf, addAccuracy } from './accuracy';
import { computeLines } from './variance';

/** Monday of the business week of `at`, YYYY-MM-DD, in the warehouse's time zone. */
export function weekStart(at: Date, timeZone: string): string {
  const d = businessDay(at, timeZone);
  const day = new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8))));
  const back = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

export async function countMeasures(ctx: ServiceContext, input: { from: string; to: string }): Promise<CountMeasures> {
  const from = new Date(input.from).toISOString();
  const to = new Date(input.to).toISOString();
  const sessions = await ctx.db
    .selectFrom('count_sessions')
    .select(['id', 'number', 'counting_finished_at'])
    .where('state', 'in', ['reconciling', 'confirmed', 'closed'])
    .where('counting_finished_at', '>=', from)
    .where('counting_finished_at', '<', to)
    .orderBy('counting_finished_at')
    .execute();
  const weeks = new Map<string, CountMeasures['weeks'][number]>();
  const week = (at: string) => {
    const k = weekStart(new Date(at), ctx.timeZone);
    let w = weeks.get(k);
    if (!w) {
      w = {
        weekStart: k,
        accuracy: accuracyOf([]),
        adjustments: [],
      };
      weeks.set(k, w);
    }
    return w;
  };

  const perSession: CountMeasures['sessions'] = [];
  for (const row of sessions) {
    const s = await loadSession(ctx.db, row.id);
    const a = accuracyOf(await computeLines(ctx.db, s));
    const finished = row.counting_finished_at!;
    perSession.push({ sessionId: s.id, number: s.number, countingFinishedAt: finished, ...a });
    const w = week(finished);
    w.accuracy = addAccuracy(w.accuracy, a);
  }

  const lines = await ctx.db
    .selectFrom('adjustment_lines as l')
    .innerJoin('adjustment_forms as f', 'f.id', 'l.form_id')
    .select(['f.id', 'f.kind', 'f.decided_at', 'l.qty', 'l.unit_cost_fen'])
    .where('f.state', '=', 'approved')
    .where('f.decided_at', '>=', from)
    .where('f.decided_at', '<', to)
    .execute();
  const formsSeen = new Set<string>();
  for (const l of lines) {
    const w = week(l.decided_at!);
    const kind = l.kind as AdjustmentFormKind;
    let k = w.adjustments.find((x) => x.kind === kind);
    if (!k) {
      k = { kind, forms: 0, lines: 0, absAmountFen: 0, netAmountFen: 0 };
      w.adjustments.push(k);
    }
    const key = `${w.weekStart}|${l.id}`;
    if (!formsSeen.has(key)) {
      formsSeen.add(key);
      k.forms += 1;
    }
    k.lines += 1;
    k.absAmountFen += Math.abs(l.qty * l.unit_cost_fen);
    k.netAmountFen += l.qty * l.unit_cost_fen;
  }
  return { sessions: perSession, weeks: [...weeks.values()].sort((a, b) => a.weekStart.localeCompare(b.weekStart)) };
}
