// The station's scanners (admin): add, edit, remove. Port from the list the
// core finds (serialport, or /dev/serial/by-id, ttyUSB*, ttyACM* where udev is
// missing) or typed; or a USB vendor/product id to find it by wherever it is plugged.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { showText } from '../../../shared/barcode/controlText';
import {
  scannerParities,
  scannerTerminators,
  type ScannerConfig,
  type ScannerStatus,
  type SerialPortInfo,
} from '../../../shared/contract/scanning';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { useNotify } from '../../components/toast/useNotify';
import { errorMessage } from '../../i18n/errorText';
import { useFormat } from '../../i18n/format';
import {
  commonBaudRates,
  emptyScannerForm,
  formFromConfig,
  validateScannerForm,
  type ScannerForm,
  type ScannerFormErrors,
  type ScannerFormField,
} from './scannerForm';

export function ScannerSettings({
  configs,
  statuses,
  onChanged,
}: {
  configs: ScannerConfig[];
  statuses: Map<number, ScannerStatus>;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [editing, setEditing] = useState<ScannerForm | null>(null);

  async function remove(c: ScannerConfig) {
    if (!window.confirm(t('scan:settings.removeConfirm', { name: c.name }))) return;
    try {
      await api.request('scanner.remove', { id: c.id });
      notify.success(t('scan:settings.removed', { name: c.name }));
      onChanged();
    } catch (e) {
      notify.error(e);
    }
  }

  return (
    <section className="card scanner-settings" data-testid="scanner-settings">
      <div className="toolbar">
        <h2>{t('scan:settings.title')}</h2>
        <span className="toolbar-spacer" />
        <ScannerAddButton onAdd={setEditing} />
      </div>
      {configs.length === 0 ? (
        <p className="task-empty">{t('scan:settings.none')}</p>
      ) : (
        <table className="task-table" data-testid="scanner-list">
          <thead>
            <tr>
              <th>{t('scan:settings.name')}</th>
              <th>{t('scan:settings.station')}</th>
              <th>{t('scan:settings.port')}</th>
              <th>{t('scan:settings.line')}</th>
              <th>{t('scan:settings.terminator')}</th>
              <th>{t('scan:settings.state')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {configs.map((c) => {
              const s = statuses.get(c.id);
              return (
                <tr key={c.id} data-testid={`scanner-row-${c.id}`} data-name={c.name}>
                  <td>{c.name}</td>
                  <td>{c.station}</td>
                  <td className="mono">{c.port ?? `USB ${c.usbVendorId ?? ''}:${c.usbProductId ?? ''}`}</td>
                  <td className="mono">{`${c.baudRate} ${c.dataBits}${c.parity[0]?.toUpperCase() ?? 'N'}${c.stopBits}`}</td>
                  <td>
                    {t(`scan:terminator.${c.terminator}`)}
                    {c.prefix && (
                      <span className="muted mono">
                        {' '}
                        {t('scan:settings.prefixShort', { prefix: showText(c.prefix) })}
                      </span>
                    )}
                  </td>
                  <td>
                    <span
                      className={`scanner-chip scanner-chip-${s?.state ?? 'disabled'}`}
                      data-testid={`scanner-row-${c.id}-state`}
                      data-state={s?.state ?? ''}
                      title={s?.detail ?? ''}
                    >
                      {t(`scan:state.${s?.state ?? (c.enabled ? 'disconnected' : 'disabled')}`)}
                    </span>
                  </td>
                  <td className="row-actions">
                    <button
                      type="button"
                      onClick={() => setEditing(formFromConfig(c))}
                      data-testid={`scanner-edit-${c.id}`}
                    >
                      {t('scan:settings.edit')}
                    </button>
                    <button type="button" onClick={() => void remove(c)} data-testid={`scanner-remove-${c.id}`}>
                      {t('scan:settings.remove')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {editing && (
        <ScannerEditForm
          key={editing.id ?? 'new'}
          initial={editing}
          onCancel={() => setEditing(null)}
          onSaved={(c) => {
            setEditing(null);
            notify.success(t('scan:settings.saved', { name: c.name }));
            onChanged();
          }}
        />
      )}
    </section>
  );
}

function ScannerAddButton({ onAdd }: { onAdd(form: ScannerForm): void }) {
  const { t } = useTranslation();
  const { session } = useSession();
  return (
    <button
      type="button"
      className="primary"
      onClick={() => onAdd(emptyScannerForm(session.station))}
      data-testid="scanner-add"
    >
      {t('scan:settings.add')}
    </button>
  );
}

function ScannerEditForm({
  initial,
  onCancel,
  onSaved,
}: {
  initial: ScannerForm;
  onCancel(): void;
  onSaved(c: ScannerConfig): void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const portsId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<ScannerFormErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [ports, setPorts] = useState<SerialPortInfo[]>([]);

  useEffect(() => {
    api
      .request('scanner.ports', {})
      .then(setPorts)
      .catch(() => setPorts([]));
  }, []);

  const set = <K extends ScannerFormField>(k: K, v: ScannerForm[K]) => {
    setForm((old) => ({ ...old, [k]: v }));
    setErrors((e) => {
      if (!(k in e) && !(k === 'usbVendorId' || k === 'usbProductId')) return e;
      const next = { ...e };
      delete next[k];
      if (k === 'usbVendorId' || k === 'usbProductId') delete next.port;
      return next;
    });
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const v = validateScannerForm(form);
    if (!v.ok) {
      setErrors(v.errors);
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      onSaved(await api.request('scanner.save', v.input));
    } catch (err) {
      setFailure(err);
      setBusy(false);
    }
  }

  const text = (
    k: ScannerFormField,
    opts: { mono?: boolean; list?: string; autoFocus?: boolean; hint?: string } = {},
  ) => (
    <label className="field">
      <span className="field-label">{t(`scan:settings.${k}`)}</span>
      <input
        data-testid={`scanner-form-${k}`}
        className={opts.mono ? 'mono' : undefined}
        value={form[k] as string}
        list={opts.list}
        autoFocus={opts.autoFocus}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={errors[k] ? true : undefined}
        onChange={(e) => set(k, e.target.value)}
      />
      {opts.hint && <span className="field-hint">{opts.hint}</span>}
      {errors[k] && (
        <span className="field-error" data-testid={`scanner-form-${k}-error`}>
          {t(`scan:settings.invalid.${errors[k]}`)}
        </span>
      )}
    </label>
  );

  const select = (k: ScannerFormField, values: readonly string[], label: (v: string) => string) => (
    <label className="field">
      <span className="field-label">{t(`scan:settings.${k}`)}</span>
      <select
        data-testid={`scanner-form-${k}`}
        value={form[k] as string}
        onChange={(e) => set(k, e.target.value as never)}
      >
        {values.map((v) => (
          <option key={v} value={v}>
            {label(v)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <form ref={formRef} className="scanner-form" onSubmit={submit} noValidate data-testid="scanner-form">
      <h3>{form.id === null ? t('scan:settings.newTitle') : t('scan:settings.editTitle', { name: initial.name })}</h3>
      <div className="form-row">
        {text('name', { autoFocus: true })}
        {text('station')}
        {text('port', { mono: true, list: portsId, hint: t('scan:settings.portHint') })}
        <datalist id={portsId}>
          {ports.map((p) => (
            <option key={p.path} value={p.path}>
              {[
                p.manufacturer,
                p.vendorId && p.productId ? `${p.vendorId}:${p.productId}` : null,
                t(`scan:settings.found.${p.found}`),
              ]
                .filter(Boolean)
                .join(' · ')}
            </option>
          ))}
        </datalist>
        {text('usbVendorId', { mono: true })}
        {text('usbProductId', { mono: true })}
      </div>
      <div className="form-row">
        <label className="field">
          <span className="field-label">{t('scan:settings.baudRate')}</span>
          <input
            data-testid="scanner-form-baudRate"
            list={`${portsId}-baud`}
            inputMode="numeric"
            value={form.baudRate}
            aria-invalid={errors.baudRate ? true : undefined}
            onChange={(e) => set('baudRate', e.target.value)}
          />
          <datalist id={`${portsId}-baud`}>
            {commonBaudRates.map((b) => (
              <option key={b} value={String(b)} />
            ))}
          </datalist>
          {errors.baudRate && <span className="field-error">{t(`scan:settings.invalid.${errors.baudRate}`)}</span>}
        </label>
        {select('dataBits', ['8', '7'], (v) => v)}
        {select('parity', scannerParities, (v) => t(`scan:parity.${v}`))}
        {select('stopBits', ['1', '2'], (v) => v)}
      </div>
      <div className="form-row">
        {select('terminator', scannerTerminators, (v) => t(`scan:terminator.${v}`))}
        {text('idleMs', { hint: t('scan:settings.idleMsHint') })}
        {text('prefix', { mono: true, hint: t('scan:settings.affixHint') })}
        {text('suffix', { mono: true })}
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={form.enabled}
          onChange={(e) => set('enabled', e.target.checked)}
          data-testid="scanner-form-enabled"
        />
        {t('scan:settings.enabled')}
      </label>
      {failure !== null && (
        <p className="form-error" role="alert" data-testid="scanner-form-error">
          {errorMessage(failure, t, f)}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid="scanner-form-save">
          {t('scan:settings.save')}
        </button>
        <button type="button" onClick={onCancel} data-testid="scanner-form-cancel">
          {t('common:actions.cancel')}
        </button>
      </div>
    </form>
  );
}
