// 仓库质量检查月度汇总 (issue 17 §1 "monthly summary per zone (pass rate, open
// actions) printable"): one A4 sheet — per zone the pass rate, items passed
// of checked, days recorded of working days, open and overdue actions, with
// the totals; then the days with no record, per zone; then the corrective
// actions still open (what, where, who, by when, overdue marked in words);
// the keeper's and the manager's signature lines.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QualityAction, QualityItem, QualityMissedDay, QualitySummary } from '../../shared/contract';
import { api } from '../api/client';
import { useSession } from '../app/session';
import { useNotify } from '../components/toast/useNotify';
import { summaryTotals } from '../pages/quality/summaryCsv';
import { addDaysTo } from '../../shared/reports/weeks';
import { useFormat, warehouseDay } from '../i18n/format';
import { PrintSheet, SignatureLines } from './PrintSheet';

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: `${month}-01`, to: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
}

export function QualitySummaryPrint({ month, onBack }: { month: string; onBack(): void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const f = useFormat();
  const { session } = useSession();
  const [data, setData] = useState<{
    summary: QualitySummary;
    missed: QualityMissedDay[];
    open: QualityAction[];
    items: Map<string, QualityItem>;
  } | null>(null);
  useEffect(() => {
    const range = monthRange(month);
    // A day is missed once it is over: today still has time.
    const yesterday = addDaysTo(warehouseDay(), -1);
    Promise.all([
      api.request('quality.summary', { month }),
      api.request('quality.missedDays', { from: range.from, to: range.to < yesterday ? range.to : yesterday }),
      api.request('quality.actions', { state: 'open' }),
      api.request('quality.items', {}),
    ]).then(
      ([summary, missed, open, items]) =>
        setData({
          summary,
          missed,
          items: new Map(items.map((i) => [i.code, i])),
          // The actions raised this month, and any older ones still open.
          open: open.filter((a) => a.checkDate <= range.to),
        }),
      notify.error,
    );
  }, [month, notify]);
  if (!data) return null;
  const { summary, missed, open, items } = data;
  const itemName = (code: string) => {
    const i = items.get(code);
    return i ? f.productName(i.nameZh, i.nameEn) : code;
  };
  const total = summaryTotals(summary.lines);
  const missedByZone = new Map<string, string[]>();
  for (const m of missed) {
    const key = `${m.zoneCode} ${m.zoneName}`;
    missedByZone.set(key, [...(missedByZone.get(key) ?? []), m.date.slice(5)]);
  }
  return (
    <PrintSheet
      title={t('quality:print.title')}
      number={month}
      meta={[{ label: t('quality:print.month'), value: month }]}
      printedBy={session.user.displayName}
      fileName={t('quality:print.fileName', { month })}
      onBack={onBack}
    >
      <div className="quality-print" data-testid="print-quality-summary">
        <table className="lines">
          <thead>
            <tr>
              <th>{t('quality:zone')}</th>
              <th className="num">{t('quality:passRate')}</th>
              <th className="num">{t('quality:itemsPassed')}</th>
              <th className="num">{t('quality:daysRecorded')}</th>
              <th className="num">{t('quality:openActions')}</th>
              <th className="num">{t('quality:overdueActions')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.lines.map((l) => (
              <tr key={l.zoneId}>
                <td>
                  {l.zoneCode} {l.zoneName}
                </td>
                <td className="num">{pct(l.passRate)}</td>
                <td className="num">
                  {l.itemsPassed} / {l.itemsChecked}
                </td>
                <td className="num">
                  {l.daysRecorded} / {l.workingDays}
                </td>
                <td className="num">{l.openActions}</td>
                <td className="num">{l.overdueActions}</td>
              </tr>
            ))}
            <tr className="total">
              <td>{t('quality:print.total')}</td>
              <td className="num">{pct(total.passRate)}</td>
              <td className="num">
                {total.itemsPassed} / {total.itemsChecked}
              </td>
              <td className="num">
                {total.daysRecorded} / {total.workingDays}
              </td>
              <td className="num">{total.openActions}</td>
              <td className="num">{total.overdueActions}</td>
            </tr>
          </tbody>
        </table>
        <h3>{t('quality:print.missed')}</h3>
        {missedByZone.size === 0 ? (
          <p>{t('quality:print.noneMissed')}</p>
        ) : (
          <table className="lines" data-testid="print-quality-missed">
            <tbody>
              {[...missedByZone].map(([zone, days]) => (
                <tr key={zone}>
                  <td>{zone}</td>
                  <td className="num">{t('quality:print.days', { count: days.length })}</td>
                  <td>{days.join('、')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>{t('quality:print.openActions')}</h3>
        {open.length === 0 ? (
          <p>{t('quality:print.noneOpen')}</p>
        ) : (
          <table className="lines">
            <thead>
              <tr>
                <th>{t('quality:date')}</th>
                <th>{t('quality:zone')}</th>
                <th>{t('quality:item')}</th>
                <th>{t('quality:action')}</th>
                <th>{t('quality:owner')}</th>
                <th>{t('quality:due')}</th>
              </tr>
            </thead>
            <tbody>
              {open.map((a) => (
                <tr key={a.id}>
                  <td>{a.checkDate}</td>
                  <td>{a.zoneName}</td>
                  <td>{itemName(a.itemCode)}</td>
                  <td>{a.description}</td>
                  <td>{a.ownerName}</td>
                  <td>
                    {a.dueDate}
                    {a.overdue ? ` · ${t('quality:overdue')}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <SignatureLines roles={[t('domain:role.warehouseKeeper'), t('domain:role.csManager')]} />
      </div>
    </PrintSheet>
  );
}
