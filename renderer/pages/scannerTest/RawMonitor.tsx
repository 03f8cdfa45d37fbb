// Live bytes from one serial scanner (scanner.raw): hex and text, the timing
// between bytes, the frames its settings cut them into and what the decoder
// makes of each; and the wizard that sets terminator and prefix from one scan.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showText } from '../../../shared/barcode/controlText';
import { decodeScan } from '../../../shared/barcode/decode';
import type { ScanView, ScannerConfig } from '../../../shared/contract/scanning';
import { api } from '../../api/client';
import { useApiEvent } from '../../api/hooks';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat } from '../../i18n/format';
import { outcomeTone, reasonText, resolutionText } from '../../scanning/scanText';
import {
  byteHex,
  cutFrames,
  hexToBytes,
  proposeSettings,
  showBytes,
  type TimedByte,
  type WizardProposal,
} from './bytes';
import { DecodeView } from './DecodeView';
import { withProposal } from './scannerForm';

type Chunk = { n: number; at: string; bytes: number[]; gapsMs: number[] };

/** What the screen keeps: enough for several scans, not a whole shift. */
const maxChunks = 40;
const maxStreamBytes = 4096;
/** The wizard takes the scan as complete after this much silence. */
const wizardQuietMs = 500;

type Wizard =
  | { phase: 'off' }
  | { phase: 'listening'; bytes: TimedByte[] }
  | { phase: 'proposed'; bytes: TimedByte[]; proposal: WizardProposal };

export function RawMonitor({ config, onSaved }: { config: ScannerConfig; onSaved(): void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const [chunks, setChunks] = useState<Chunk[]>([]);
  const [stream, setStream] = useState<TimedByte[]>([]);
  const [wizard, setWizard] = useState<Wizard>({ phase: 'off' });
  const [lastScan, setLastScan] = useState<ScanView | null>(null);
  const counter = useRef(0);
  const quietTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (quietTimer.current) clearTimeout(quietTimer.current);
    },
    [],
  );

  useApiEvent('scanner.raw', (raw) => {
    if (raw.scannerId !== config.id) return;
    const bytes = hexToBytes(raw.hex);
    const timed = bytes.map((b, i) => ({ b, gapMs: raw.gapsMs[i] ?? 0 }));
    setChunks((old) => [{ n: ++counter.current, at: raw.at, bytes, gapsMs: raw.gapsMs }, ...old].slice(0, maxChunks));
    setStream((old) => [...old, ...timed].slice(-maxStreamBytes));
    setWizard((w) => (w.phase === 'listening' ? { phase: 'listening', bytes: [...w.bytes, ...timed] } : w));
    if (quietTimer.current) clearTimeout(quietTimer.current);
    quietTimer.current = setTimeout(() => {
      setWizard((w) =>
        w.phase === 'listening' && w.bytes.length > 0
          ? { phase: 'proposed', bytes: w.bytes, proposal: proposeSettings(w.bytes) }
          : w,
      );
    }, wizardQuietMs);
  });

  // What the pipeline made of this scanner's frames (it logs them under its name).
  useApiEvent('scanner.scan', (p) => {
    if (p.scan.sourceKind === 'serial' && p.scan.sourceName === config.name) setLastScan(p.scan);
  });

  const frames = useMemo(() => cutFrames(stream, config).slice(-8).reverse(), [stream, config]);

  async function saveProposal(p: WizardProposal) {
    try {
      await api.request('scanner.save', withProposal(config, p));
      notify.success(t('scan:wizard.saved', { name: config.name }));
      setWizard({ phase: 'off' });
      setStream([]);
      onSaved();
    } catch (e) {
      notify.error(e);
    }
  }

  return (
    <div className="raw-monitor" data-testid="raw-monitor">
      <section className="card wizard" data-testid="wizard" data-phase={wizard.phase}>
        <h2>{t('scan:wizard.title')}</h2>
        {wizard.phase === 'off' && (
          <>
            <p className="muted">{t('scan:wizard.hint')}</p>
            <button
              type="button"
              className="primary big"
              data-testid="wizard-start"
              onClick={() => setWizard({ phase: 'listening', bytes: [] })}
            >
              {t('scan:wizard.start')}
            </button>
          </>
        )}
        {wizard.phase === 'listening' && (
          <>
            <p className="wizard-prompt">{t('scan:wizard.scanNow', { name: config.name })}</p>
            <p className="muted">{t('scan:wizard.received', { n: wizard.bytes.length })}</p>
            <button type="button" data-testid="wizard-cancel" onClick={() => setWizard({ phase: 'off' })}>
              {t('common:actions.cancel')}
            </button>
          </>
        )}
        {wizard.phase === 'proposed' && (
          <WizardResult
            config={config}
            wizard={wizard}
            onSave={() => void saveProposal(wizard.proposal)}
            onRetry={() => setWizard({ phase: 'listening', bytes: [] })}
            onCancel={() => setWizard({ phase: 'off' })}
          />
        )}
      </section>

      <section className="card" data-testid="raw-frames">
        <div className="toolbar">
          <h2>{t('scan:raw.frames')}</h2>
          <span className="muted">
            {t('scan:raw.framesHint', {
              terminator: t(`scan:terminator.${config.terminator}`),
              prefix: showText(config.prefix) || '—',
            })}
          </span>
          <span className="toolbar-spacer" />
          <button
            type="button"
            data-testid="raw-clear"
            onClick={() => {
              setChunks([]);
              setStream([]);
            }}
          >
            {t('scan:raw.clear')}
          </button>
        </div>
        {frames.length === 0 ? (
          <p className="task-empty">{t('scan:raw.waiting', { name: config.name })}</p>
        ) : (
          <ul className="frame-list">
            {frames.map((fr, i) => (
              <li key={`${counter.current}-${i}`} data-testid="raw-frame" data-terminated={fr.terminated}>
                <span className="mono frame-text">{showText(fr.text)}</span>
                {fr.terminated ? (
                  <DecodeView result={decodeScan(fr.text)} testId="raw-frame-decoded" />
                ) : (
                  <span className="muted">{t('scan:raw.unfinished')}</span>
                )}
              </li>
            ))}
          </ul>
        )}
        {lastScan && (
          <p className="pipeline-result" data-testid="raw-pipeline" data-outcome={lastScan.outcome}>
            <span className={`outcome-chip outcome-${outcomeTone(lastScan.outcome)}`}>
              {t(`scan:outcome.${lastScan.outcome}`)}
            </span>
            <span>{t('scan:raw.pipeline', { what: resolutionText(lastScan.resolution, t, f) || lastScan.raw })}</span>
            {lastScan.reason && <span>{reasonText(lastScan.reason, t)}</span>}
          </p>
        )}
      </section>

      <section className="card raw-bytes" data-testid="raw-bytes">
        <h2>{t('scan:raw.title')}</h2>
        {chunks.length === 0 ? (
          <p className="task-empty">{t('scan:raw.none')}</p>
        ) : (
          <table className="task-table raw-table">
            <thead>
              <tr>
                <th>{t('scan:raw.time')}</th>
                <th>{t('scan:raw.hex')}</th>
                <th>{t('scan:raw.text')}</th>
                <th>{t('scan:raw.gaps')}</th>
              </tr>
            </thead>
            <tbody>
              {chunks.map((c) => (
                <tr key={c.n} data-testid="raw-chunk">
                  <td>{f.dateTime(c.at)}</td>
                  <td className="mono raw-hex">{c.bytes.map(byteHex).join(' ')}</td>
                  <td className="mono">{showBytes(c.bytes)}</td>
                  <td className="mono raw-gaps">{c.gapsMs.map((g) => String(Math.round(g * 10) / 10)).join(' ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function WizardResult({
  config,
  wizard,
  onSave,
  onRetry,
  onCancel,
}: {
  config: ScannerConfig;
  wizard: Extract<Wizard, { phase: 'proposed' }>;
  onSave(): void;
  onRetry(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const p = wizard.proposal;
  const same =
    p.terminator === config.terminator &&
    p.prefix === config.prefix &&
    p.suffix === config.suffix &&
    (p.idleMs === null || p.idleMs === config.idleMs);
  return (
    <div
      data-testid="wizard-result"
      data-terminator={p.terminator}
      data-prefix={showText(p.prefix)}
      data-suffix={showText(p.suffix)}
    >
      <p className="mono wizard-bytes">{wizard.bytes.map((x) => byteHex(x.b)).join(' ')}</p>
      <dl className="wizard-proposal">
        <dt>{t('scan:settings.terminator')}</dt>
        <dd data-testid="wizard-terminator">
          {t(`scan:terminator.${p.terminator}`)}
          {p.idleMs !== null && ` · ${t('scan:wizard.idle', { ms: p.idleMs })}`}
        </dd>
        <dt>{t('scan:settings.prefix')}</dt>
        <dd className="mono" data-testid="wizard-prefix">
          {showText(p.prefix) || t('scan:wizard.none')}
        </dd>
        <dt>{t('scan:settings.suffix')}</dt>
        <dd className="mono">{showText(p.suffix) || t('scan:wizard.none')}</dd>
        <dt>{t('scan:wizard.aim')}</dt>
        <dd>{p.aim ? <span className="mono">{p.aim}</span> : t('scan:wizard.noAim')}</dd>
        <dt>{t('scan:wizard.data')}</dt>
        <dd>
          <span className="mono">{showText(p.data)}</span>
          <DecodeView result={decodeScan(p.data)} testId="wizard-decoded" />
        </dd>
      </dl>
      <p className="muted">{t(`scan:wizard.basis.${p.basis}`)}</p>
      <div className="form-actions">
        <button type="button" className="primary" data-testid="wizard-save" onClick={onSave} disabled={same}>
          {same ? t('scan:wizard.alreadySet') : t('scan:wizard.save')}
        </button>
        <button type="button" data-testid="wizard-retry" onClick={onRetry}>
          {t('scan:wizard.retry')}
        </button>
        <button type="button" data-testid="wizard-close" onClick={onCancel}>
          {t('common:actions.close')}
        </button>
      </div>
    </div>
  );
}
