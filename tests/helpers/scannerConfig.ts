// A serial scanner's settings as the tests and benches configure one: 115200 8N1,
// CR-terminated, enabled; each caller overrides what it is about (port, station…).
import type { ScannerConfig } from '../../shared/contract/scanning';

export function scannerConfig(over: Partial<ScannerConfig> & { port: string | null }): ScannerConfig {
  return {
    id: 1,
    name: 'Dock 1',
    station: 'dock',
    usbVendorId: null,
    usbProductId: null,
    baudRate: 115200,
    dataBits: 8,
    parity: 'none',
    stopBits: 1,
    terminator: 'CR',
    idleMs: 30,
    prefix: '',
    suffix: '',
    enabled: true,
    ...over,
  };
}

/** The same as `scanner.save` input: a new scanner has no id yet. */
export function newScanner(over: Partial<ScannerConfig> & { port: string | null }): Omit<ScannerConfig, 'id'> {
  const { id: _, ...config } = scannerConfig(over);
  return config;
}
