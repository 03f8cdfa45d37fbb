// 扫描枪测试 Scanner test and settings (admin): pick a serial scanner and watch
// its raw bytes, timing and decoding live; set terminator and prefix from one
// test scan; add, edit and remove scanners; tune this machine's keyboard wedge.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScannerConfig, ScannerStatus } from '../../shared/contract/scanning';
import { api } from '../api/client';
import { useApiEvent, useReconnected } from '../api/hooks';
import { useNotify } from '../components/toast/useNotify';
import { RawMonitor } from './scannerTest/RawMonitor';
import { ScannerSettings } from './scannerTest/ScannerSettings';
import { WedgePanel } from './scannerTest/WedgePanel';

export function ScannerTestPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const [configs, setConfigs] = useState<ScannerConfig[] | null>(null);
  const [statuses, setStatuses] = useState<Map<number, ScannerStatus>>(new Map());
  const [selected, setSelected] = useState<number | null>(null);

  const load = useCallback(async () => {
    try {
      const r = await api.request('scanner.list', {});
      setConfigs(r.configs);
      setStatuses(new Map(r.status.map((s) => [s.scannerId, s])));
      setSelected((id) => (id !== null && r.configs.some((c) => c.id === id) ? id : (r.configs[0]?.id ?? null)));
    } catch (e) {
      notify.error(e);
    }
  }, [notify]);

  useEffect(() => {
    void load();
  }, [load]);
  useReconnected(() => void load());
  useApiEvent('scanner.status', (s) => setStatuses((old) => new Map(old).set(s.scannerId, s)));

  const config = configs?.find((c) => c.id === selected) ?? null;
  const status = config ? statuses.get(config.id) : undefined;

  return (
    <section className="page-body scanner-test" data-testid="scannerTest">
      <div className="toolbar">
        <h1 className="page-title">{t('scan:test.title')}</h1>
        <label className="toolbar-field">
          <span>{t('scan:test.scanner')}</span>
          <select
            data-testid="scannertest-pick"
            value={selected ?? ''}
            onChange={(e) => setSelected(e.target.value ? Number(e.target.value) : null)}
            disabled={!configs || configs.length === 0}
          >
            {(configs ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {`${c.name} · ${c.station}`}
              </option>
            ))}
          </select>
        </label>
        {status && (
          <span
            className={`scanner-chip scanner-chip-${status.state}`}
            data-testid="scannertest-state"
            data-state={status.state}
            title={status.detail ?? ''}
          >
            <span className="scanner-bar-dot" aria-hidden="true" />
            {t(`scan:state.${status.state}`)}
            {status.port && <span className="mono"> {status.port}</span>}
          </span>
        )}
        <span className="toolbar-spacer" />
        <button type="button" onClick={() => void load()} data-testid="scannertest-reload">
          {t('common:actions.reload')}
        </button>
      </div>
      <ScannerSettings configs={configs ?? []} statuses={statuses} onChanged={() => void load()} />
      <div className="scanner-test-body">
        {config ? (
          <RawMonitor key={config.id} config={config} onSaved={() => void load()} />
        ) : (
          <p className="card task-empty raw-monitor">{t('scan:test.noScanner')}</p>
        )}
        <div className="scanner-test-side">
          <WedgePanel />
        </div>
      </div>
    </section>
  );
}
