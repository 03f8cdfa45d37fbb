// Survey results and responses as CSV (issue 17 §5): UTF-8 with a BOM so
// Excel and WPS read the Chinese, every text cell formula-safe, the index as
// a percentage and each question's average to two decimals.
import type { TFunction } from 'i18next';
import type { Survey, SurveyResponseRow, SurveyResults } from '../../../shared/contract';
import { csvRow } from '../../../shared/text/csvFormula';
import { questionText } from './SurveyQuestions';

const row = csvRow;
const pct = (pm: number | null) => (pm === null ? '' : `${(pm / 10).toFixed(1)}%`);
const avg = (h: number | null) => (h === null ? '' : (h / 100).toFixed(2));
const file = (lines: string[]) => `\uFEFF${lines.join('\r\n')}\r\n`;

export function resultsCsv(t: TFunction, locale: string, survey: Survey, r: SurveyResults): string {
  const lines = [
    row([survey.name, `${r.from} – ${r.to}`, t(`surveys:by.${r.by}`)]),
    row([
      t(`surveys:by.${r.by}`),
      t('surveys:col.responses'),
      t('surveys:col.customers'),
      ...r.scoreQuestions.map((q) => questionText(q, locale)),
      t('surveys:col.index'),
    ]),
  ];
  for (const g of [...r.groups, { ...r.total, key: t('surveys:total'), label: '' }])
    lines.push(
      row([
        g.label && g.label !== g.key ? `${g.key} ${g.label}` : g.key || '—',
        g.responses,
        g.customers,
        ...g.averages.map(avg),
        pct(g.indexPermille),
      ]),
    );
  return file(lines);
}

export function responsesCsv(t: TFunction, locale: string, survey: Survey, rows: SurveyResponseRow[]): string {
  const lines = [
    row([
      t('surveys:col.date'),
      t('surveys:col.customerCode'),
      t('surveys:col.customer'),
      t('surveys:col.area'),
      t('surveys:col.salesperson'),
      t('surveys:col.source'),
      ...survey.questions.map((q) => questionText(q, locale)),
      t('surveys:col.index'),
      t('surveys:col.enteredBy'),
    ]),
  ];
  for (const r of rows) {
    const answer = new Map(r.answers.map((a) => [a.questionId, a]));
    lines.push(
      row([
        r.date,
        r.customerCode,
        r.customerName,
        r.area,
        r.salesperson,
        t(`surveys:source.${r.source}`),
        ...survey.questions.map((q) => {
          const a = answer.get(q.id);
          return a ? (a.score ?? a.text) : '';
        }),
        pct(r.indexPermille),
        r.enteredBy,
      ]),
    );
  }
  return file(lines);
}

export const csvName = (survey: Survey, what: string, from: string, to: string) =>
  `${survey.name}-${what}-${from}_${to}.csv`.replace(/[\\/:*?"<>|\s]+/g, '_');
