// R14 inventory record accuracy 库存记录准确度: counted lines within tolerance
// ÷ counted lines, and the same weighed by book amount (a line of expensive
// goods weighs more). One definition, for a session's own figure (its
// reconciliation totals) and for the weekly measures, which add the
// numerators and denominators so weeks sum exactly.
import type { CountAccuracy } from '../../../shared/contract/counts';
import type { VarianceLine } from './variance';

type Counts = Omit<CountAccuracy, 'accuracyPct' | 'accuracyByAmountPct'>;

const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n * 10_000) / d) / 100);

function withPct(a: Counts): CountAccuracy {
  return {
    ...a,
    accuracyPct: pct(a.linesWithinTolerance, a.linesCounted),
    accuracyByAmountPct: pct(a.amountWithinToleranceFen, a.amountCountedFen),
  };
}

/** What the accuracy reads of a line (a whole reconciliation line, or only its figures). */
type AccuracyLine = Pick<VarianceLine, 'countedQty' | 'bookQty' | 'lineStatus'> & { product: { unitCostFen: number } };

/** The accuracy of a session's lines; lines not counted are not in it. */
export function accuracyOf(lines: readonly AccuracyLine[]): CountAccuracy {
  const a: Counts = { linesCounted: 0, linesWithinTolerance: 0, amountCountedFen: 0, amountWithinToleranceFen: 0 };
  for (const l of lines) {
    if (l.countedQty === null) continue;
    const amount = Math.abs(l.bookQty * l.product.unitCostFen);
    a.linesCounted += 1;
    a.amountCountedFen += amount;
    if (l.lineStatus === 'matched' || l.lineStatus === 'withinTolerance') {
      a.linesWithinTolerance += 1;
      a.amountWithinToleranceFen += amount;
    }
  }
  return withPct(a);
}

/** Two accuracies as one (a week of sessions). */
export function addAccuracy(a: CountAccuracy, b: CountAccuracy): CountAccuracy {
  return withPct({
    linesCounted: a.linesCounted + b.linesCounted,
    linesWithinTolerance: a.linesWithinTolerance + b.linesWithinTolerance,
    amountCountedFen: a.amountCountedFen + b.amountCountedFen,
    amountWithinToleranceFen: a.amountWithinToleranceFen + b.amountWithinToleranceFen,
  });
}
