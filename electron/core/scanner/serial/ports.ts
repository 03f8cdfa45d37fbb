// Which serial ports this machine has, for the scanner settings' port list and
// for finding a scanner by USB vendor/product id. serialport's list() needs
// udev on Linux (`udevadm`), which kiosks and containers often lack — it throws
// there — so the device folder is scanned as well (issue 4, "Input devices").
import fs from 'node:fs';
import path from 'node:path';
import { SerialPort } from 'serialport';
import type { SerialPortInfo } from '../../../../shared/contract/scanning';

/** serialport's PortInfo, the fields we read. */
type EnumeratedPort = {
  path: string;
  manufacturer?: string | undefined;
  serialNumber?: string | undefined;
  vendorId?: string | undefined;
  productId?: string | undefined;
};

export type ListPortsOptions = {
  /** serialport's enumeration; injected by tests. */
  list?: () => Promise<EnumeratedPort[]>;
  platform?: NodeJS.Platform;
  /** Where device nodes live ('/dev'); a temp folder in tests. */
  devDir?: string;
  log?: (message: string, detail?: unknown) => void;
};

/**
 * Enumerated ports first, then (not on Windows, where COMn names come only from
 * the enumeration) device nodes found in /dev that the enumeration missed.
 */
export async function listSerialPorts(options: ListPortsOptions = {}): Promise<SerialPortInfo[]> {
  const list = options.list ?? (() => SerialPort.list());
  const platform = options.platform ?? process.platform;
  let enumerated: SerialPortInfo[] = [];
  try {
    enumerated = (await list()).map((p) => ({
      path: p.path,
      manufacturer: p.manufacturer ?? null,
      serialNumber: p.serialNumber ?? null,
      vendorId: p.vendorId ? p.vendorId.toLowerCase() : null,
      productId: p.productId ? p.productId.toLowerCase() : null,
      found: 'enumerated' as const,
    }));
  } catch (e) {
    options.log?.('scanner.ports: enumeration failed, scanning the device folder', String(e));
  }
  if (platform === 'win32') return enumerated;
  const known = new Set(enumerated.map((p) => realPath(p.path)));
  const extra = fallbackSerialPorts(options.devDir ?? '/dev').filter((p) => !known.has(realPath(p.path)));
  return [...enumerated, ...extra];
}

/**
 * Serial device nodes by name: /dev/serial/by-id/* first (stable across
 * replugging, the path to configure), then ttyUSB* and ttyACM* not already
 * reached through a by-id link.
 */
export function fallbackSerialPorts(devDir = '/dev'): SerialPortInfo[] {
  const found: SerialPortInfo[] = [];
  const seen = new Set<string>();
  const add = (p: string) => {
    const real = realPath(p);
    if (real === null || seen.has(real)) return;
    seen.add(real);
    found.push({ path: p, manufacturer: null, serialNumber: null, vendorId: null, productId: null, found: 'fallback' });
  };
  const byId = path.join(devDir, 'serial', 'by-id');
  for (const name of readDir(byId)) add(path.join(byId, name));
  const ttys = readDir(devDir).filter((name) => /^tty(USB|ACM)\d+$/.test(name));
  ttys.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  for (const name of ttys) add(path.join(devDir, name));
  return found;
}

/** The port of a scanner configured by USB id: enumerated ports only (the fallback cannot see ids). */
export function findPortByUsbId(ports: SerialPortInfo[], vendorId: string, productId: string): SerialPortInfo | null {
  const v = vendorId.toLowerCase();
  const p = productId.toLowerCase();
  return ports.find((port) => port.found === 'enumerated' && port.vendorId === v && port.productId === p) ?? null;
}

function readDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function realPath(p: string): string | null {
  try {
    return fs.realpathSync(p);
  } catch {
    return null;
  }
}
