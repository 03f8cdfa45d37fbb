// The scanner settings form: text fields as typed ↔ the contract's
// ScannerConfig, checked with the same rules scanner.save applies so mistakes
// show at the field before the request. Prefix and suffix are typed in the
// scan log's notation (<CR>, <GS>, \x02), since scanners use control bytes.
import { parseShownText, showText } from '../../../shared/barcode/controlText';
import type { RequestInput } from '../../../shared/contract/requests';
import {
  scannerParities,
  scannerTerminators,
  type ScannerConfig,
  type ScannerParity,
  type ScannerTerminator,
} from '../../../shared/contract/scanning';

export type ScannerForm = {
  id: number | null;
  name: string;
  station: string;
  port: string;
  usbVendorId: string;
  usbProductId: string;
  baudRate: string;
  dataBits: '7' | '8';
  parity: ScannerParity;
  stopBits: '1' | '2';
  terminator: ScannerTerminator;
  idleMs: string;
  prefix: string;
  suffix: string;
  enabled: boolean;
};

export type ScannerFormField = Exclude<keyof ScannerForm, 'id'>;
/** Field → scan:settings.invalid.* key. */
export type ScannerFormErrors = Partial<Record<ScannerFormField, string>>;

export const commonBaudRates = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];

export function emptyScannerForm(station: string): ScannerForm {
  // Most serial scanners ship at 9600 8N1 with a CR suffix.
  return {
    id: null,
    name: '',
    station,
    port: '',
    usbVendorId: '',
    usbProductId: '',
    baudRate: '9600',
    dataBits: '8',
    parity: 'none',
    stopBits: '1',
    terminator: 'CR',
    idleMs: '50',
    prefix: '',
    suffix: '',
    enabled: true,
  };
}

export function formFromConfig(c: ScannerConfig): ScannerForm {
  return {
    id: c.id,
    name: c.name,
    station: c.station,
    port: c.port ?? '',
    usbVendorId: c.usbVendorId ?? '',
    usbProductId: c.usbProductId ?? '',
    baudRate: String(c.baudRate),
    dataBits: String(c.dataBits) as '7' | '8',
    parity: c.parity,
    stopBits: String(c.stopBits) as '1' | '2',
    terminator: c.terminator,
    idleMs: String(c.idleMs),
    prefix: showText(c.prefix),
    suffix: showText(c.suffix),
    enabled: c.enabled,
  };
}

const usbId = /^[0-9a-fA-F]{4}$/;
const intIn = (s: string, lo: number, hi: number) => /^\d+$/.test(s.trim()) && Number(s) >= lo && Number(s) <= hi;

export type ScannerSaveInput = RequestInput<'scanner.save'>;

export function validateScannerForm(
  form: ScannerForm,
): { ok: true; input: ScannerSaveInput } | { ok: false; errors: ScannerFormErrors } {
  const errors: ScannerFormErrors = {};
  const name = form.name.trim();
  const station = form.station.trim();
  const port = form.port.trim();
  const vid = form.usbVendorId.trim();
  const pid = form.usbProductId.trim();
  if (!name || name.length > 64) errors.name = 'name';
  if (!station || station.length > 64) errors.station = 'station';
  if (port.length > 256) errors.port = 'port';
  if (vid && !usbId.test(vid)) errors.usbVendorId = 'usbId';
  if (pid && !usbId.test(pid)) errors.usbProductId = 'usbId';
  // Found by its path, or by its USB ids (both needed).
  if (!port && !(usbId.test(vid) && usbId.test(pid))) errors.port = 'portOrUsbId';
  if (!intIn(form.baudRate, 300, 921_600)) errors.baudRate = 'baudRate';
  if (!(scannerParities as readonly string[]).includes(form.parity)) errors.parity = 'parity';
  if (!(scannerTerminators as readonly string[]).includes(form.terminator)) errors.terminator = 'terminator';
  if (!intIn(form.idleMs, 5, 2000)) errors.idleMs = 'idleMs';
  const prefix = parseShownText(form.prefix);
  const suffix = parseShownText(form.suffix);
  if (prefix.length > 16) errors.prefix = 'affix';
  if (suffix.length > 16) errors.suffix = 'affix';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      ...(form.id !== null ? { id: form.id } : {}),
      name,
      station,
      port: port || null,
      usbVendorId: vid ? vid.toLowerCase() : null,
      usbProductId: pid ? pid.toLowerCase() : null,
      baudRate: Number(form.baudRate),
      dataBits: form.dataBits === '7' ? 7 : 8,
      parity: form.parity,
      stopBits: form.stopBits === '2' ? 2 : 1,
      terminator: form.terminator,
      idleMs: Number(form.idleMs),
      prefix,
      suffix,
      enabled: form.enabled,
    },
  };
}

/** The saved config with the wizard's proposal applied, ready for scanner.save. */
export function withProposal(
  c: ScannerConfig,
  p: { terminator: ScannerTerminator; idleMs: number | null; prefix: string; suffix: string },
): ScannerSaveInput {
  return {
    id: c.id,
    name: c.name,
    station: c.station,
    port: c.port,
    usbVendorId: c.usbVendorId,
    usbProductId: c.usbProductId,
    baudRate: c.baudRate,
    dataBits: c.dataBits,
    parity: c.parity,
    stopBits: c.stopBits,
    terminator: p.terminator,
    idleMs: p.idleMs ?? c.idleMs,
    prefix: p.prefix,
    suffix: p.suffix,
    enabled: c.enabled,
  };
}
