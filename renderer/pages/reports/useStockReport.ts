// What the stock reports (weekly stock report, stock analysis) share on screen:
// the reply to their request for the query in the address, the latest query
// winning (a slow reply to an older one never overwrites a newer one),
// reloaded live when stock moves or the connection comes back, and the site's
// warehouses for the filter.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LocationView } from '../../../shared/contract';
import type { RequestInput, RequestReply } from '../../../shared/contract/requests';
import { api } from '../../api/client';
import { useGridEvents } from '../../components/grid/useGridEvents';
import { useNotify } from '../../components/toast/useNotify';

type StockReportName = 'reports.weekly' | 'reports.stockAnalysis';

export function useStockReport<N extends StockReportName>(
  name: N,
  query: RequestInput<N>,
): { report: RequestReply<N> | null; loading: boolean; warehouses: LocationView[] } {
  const notify = useNotify();
  // The query by value: a new object each render with the same fields asks nothing again.
  const key = JSON.stringify(query);
  const [report, setReport] = useState<RequestReply<N> | null>(null);
  const [loading, setLoading] = useState(false);
  const [warehouses, setWarehouses] = useState<LocationView[]>([]);
  const pending = useRef(0);

  const load = useCallback(async () => {
    const ticket = ++pending.current;
    setLoading(true);
    try {
      const r = await api.request(name, JSON.parse(key) as RequestInput<N>);
      if (ticket === pending.current) setReport(r);
    } catch (e) {
      if (ticket === pending.current) {
        setReport(null);
        notify.error(e);
      }
    } finally {
      if (ticket === pending.current) setLoading(false);
    }
  }, [name, key, notify]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    api.request('locations.list', {}).then((l) => setWarehouses(l.filter((x) => x.kind === 'warehouse')), notify.error);
  }, [notify]);
  // Live: a posting changes the figures (this week's closing is the live balance; stock's idle days and age).
  useGridEvents({ 'stock.changed': () => void load(), reconnected: () => void load() });

  return { report, loading, warehouses };
}
