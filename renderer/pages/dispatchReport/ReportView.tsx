// The body of the daily dispatch report (R9), shared by the page and its A4
// print: trips with their customers and loads, the total departed, the
// exceptions with the keeper's remarks. On the page the keeper edits the
// remarks in place (`remarks`/`onRemark`); the print shows them as text.
import { useTranslation } from 'react-i18next';
import type { DispatchReport } from '../../../shared/contract/dispatch';
import { useFormat } from '../../i18n/format';
import { kg } from './reportCsv';

type Props = {
  report: DispatchReport;
  /** Editable remarks (the keeper before submitting); absent: shown as text. */
  remarks?: Map<number, string>;
  onRemark?(orderId: number, remark: string): void;
  /** The print lists every customer of every trip; the page one row per trip. */
  stops: boolean;
};

export function ReportBody({ report, remarks, onRemark, stops }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const c = (k: string) => t(`delivery:report.col.${k}`);
  const x = (k: string) => t(`delivery:report.exCol.${k}`);
  const d = report.dispatched;
  return (
    <>
      <h2 className="report-heading">{t('delivery:report.trips')}</h2>
      <table className="print-table report-trips" data-testid="report-trips">
        <thead>
          <tr>
            <th>{c('trip')}</th>
            <th>{c('plate')}</th>
            <th>{c('driver')}</th>
            <th>{c('state')}</th>
            <th>{stops ? c('customer') : c('customers')}</th>
            <th className="num">{c('orders')}</th>
            <th className="num">{c('cases')}</th>
            <th className="num">{c('units')}</th>
            <th className="num">{c('weight')}</th>
            <th className="num">{c('amount')}</th>
          </tr>
        </thead>
        {report.trips.map((trip) => (
          <tbody key={trip.tripId} data-testid={`report-trip-${trip.number}`}>
            {stops &&
              trip.stops.map((s, i) => (
                <tr key={`${s.customerCode}-${i}`}>
                  {i === 0 && (
                    <>
                      <td rowSpan={trip.stops.length + 1} className="mono">
                        {trip.number}
                      </td>
                      <td rowSpan={trip.stops.length + 1}>{trip.plate}</td>
                      <td rowSpan={trip.stops.length + 1}>{trip.driverName}</td>
                      <td rowSpan={trip.stops.length + 1}>{t(`delivery:tripState.${trip.state}`)}</td>
                    </>
                  )}
                  <td>
                    {s.customerCode} {s.customerName}
                  </td>
                  <td className="num">{f.qty(s.orders)}</td>
                  <td className="num">{f.qty(s.cases)}</td>
                  <td className="num">{f.qty(s.units)}</td>
                  <td className="num">{kg(s.weightG)}</td>
                  <td className="num">{f.money(s.amountFen)}</td>
                </tr>
              ))}
            <tr className="report-trip-total">
              {(!stops || trip.stops.length === 0) && (
                <>
                  <td className="mono">{trip.number}</td>
                  <td>{trip.plate}</td>
                  <td>{trip.driverName}</td>
                  <td>{t(`delivery:tripState.${trip.state}`)}</td>
                </>
              )}
              <td>{stops ? t('delivery:report.total') : f.qty(trip.load.customers)}</td>
              <td className="num">{f.qty(trip.load.orders)}</td>
              <td className="num">{f.qty(trip.load.cases)}</td>
              <td className="num">{f.qty(trip.load.units)}</td>
              <td className="num">{kg(trip.load.weightG)}</td>
              <td className="num">{f.money(trip.load.amountFen)}</td>
            </tr>
          </tbody>
        ))}
        <tfoot>
          <tr className="report-total" data-testid="report-dispatched">
            <td colSpan={4}>
              {t('delivery:report.dispatched')} ({f.qty(d.trips)} {c('trip')})
            </td>
            <td>{f.qty(d.customers)}</td>
            <td className="num">{f.qty(d.orders)}</td>
            <td className="num">{f.qty(d.cases)}</td>
            <td className="num">{f.qty(d.units)}</td>
            <td className="num">{kg(d.weightG)}</td>
            <td className="num">{f.money(d.amountFen)}</td>
          </tr>
        </tfoot>
      </table>

      <h2 className="report-heading">{t('delivery:report.exceptions')}</h2>
      {report.exceptions.length === 0 ? (
        <p>{t('delivery:report.noExceptions')}</p>
      ) : (
        <table className="print-table report-exceptions" data-testid="report-exceptions">
          <thead>
            <tr>
              <th>{x('kind')}</th>
              <th>{x('order')}</th>
              <th>{x('customer')}</th>
              <th>{x('state')}</th>
              <th>{x('reason')}</th>
              <th>{x('trip')}</th>
              <th className="num">{x('units')}</th>
              <th className="num">{x('amount')}</th>
              <th className="report-remark">{x('remark')}</th>
            </tr>
          </thead>
          <tbody>
            {report.exceptions.map((e) => (
              <tr key={e.orderId} data-testid={`report-exception-${e.orderNumber}`}>
                <td>{t(`delivery:report.kind.${e.kind}`)}</td>
                <td className="mono">{e.orderNumber}</td>
                <td>
                  {e.customerCode} {e.customerName}
                </td>
                <td>{t(`orders:state.${e.state}`)}</td>
                <td>{e.reason ? t(`delivery:reason.${e.reason}`) : (e.takeOffReason ?? '')}</td>
                <td className="mono">{e.tripNumber ?? ''}</td>
                <td className="num">{f.qty(e.units)}</td>
                <td className="num">{f.money(e.amountFen)}</td>
                <td className="report-remark">
                  {remarks && onRemark ? (
                    <input
                      type="text"
                      maxLength={500}
                      aria-label={`${x('remark')} ${e.orderNumber}`}
                      data-testid={`remark-${e.orderNumber}`}
                      value={remarks.get(e.orderId) ?? ''}
                      onChange={(ev) => onRemark(e.orderId, ev.target.value)}
                    />
                  ) : (
                    e.remark
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
