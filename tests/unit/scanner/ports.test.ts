// The port list when udev cannot enumerate (SerialPort.list() throws): device
// nodes are found in the device folder and marked 'fallback'; a scanner set up
// by USB id is matched against enumerated ports only.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findPortByUsbId, listSerialPorts } from '../../../electron/core/scanner/serial/ports';
import { tempDir } from '../../helpers/tempDirs';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function devDir(): string {
  const dev = tempDir('dev');
  dirs.push(dev);
  for (const name of ['ttyUSB0', 'ttyUSB1', 'ttyUSB10', 'ttyUSB2', 'ttyACM0', 'ttyS0', 'tty1'])
    fs.writeFileSync(path.join(dev, name), '');
  fs.mkdirSync(path.join(dev, 'serial', 'by-id'), { recursive: true });
  fs.symlinkSync('../../ttyUSB1', path.join(dev, 'serial', 'by-id', 'usb-Honeywell_1900_0001-if00-port0'));
  return dev;
}

const udevMissing = () => Promise.reject(new Error('spawn udevadm ENOENT'));

describe('listSerialPorts', () => {
  it('falls back to /dev/serial/by-id, ttyUSB* and ttyACM* when enumeration throws, each device once', async () => {
    const dev = devDir();
    const logs: string[] = [];
    const ports = await listSerialPorts({
      list: udevMissing,
      platform: 'linux',
      devDir: dev,
      log: (m) => logs.push(m),
    });
    expect(ports.map((p) => path.relative(dev, p.path))).toEqual([
      'serial/by-id/usb-Honeywell_1900_0001-if00-port0',
      'ttyACM0',
      'ttyUSB0',
      'ttyUSB2',
      'ttyUSB10',
    ]);
    expect(ports.every((p) => p.found === 'fallback' && p.vendorId === null)).toBe(true);
    expect(logs).toHaveLength(1);
  });

  it('lists enumerated ports first, with ids in lower case, and adds only device nodes they missed', async () => {
    const dev = devDir();
    const ports = await listSerialPorts({
      list: async () => [
        { path: path.join(dev, 'ttyUSB0'), manufacturer: 'Zebra', vendorId: '05E0', productId: '1200' },
      ],
      platform: 'linux',
      devDir: dev,
    });
    expect(ports[0]).toEqual({
      path: path.join(dev, 'ttyUSB0'),
      manufacturer: 'Zebra',
      serialNumber: null,
      vendorId: '05e0',
      productId: '1200',
      found: 'enumerated',
    });
    expect(ports.filter((p) => p.path.endsWith('ttyUSB0'))).toHaveLength(1);
    expect(ports.slice(1).every((p) => p.found === 'fallback')).toBe(true);
  });

  it('on Windows, COM ports come from the enumeration only; a failing one lists nothing', async () => {
    expect(await listSerialPorts({ list: udevMissing, platform: 'win32', devDir: devDir() })).toEqual([]);
    const ports = await listSerialPorts({ list: async () => [{ path: 'COM3' }], platform: 'win32' });
    expect(ports.map((p) => [p.path, p.found])).toEqual([['COM3', 'enumerated']]);
  });
});

describe('findPortByUsbId', () => {
  it('matches vendor and product id in any case, among enumerated ports only', () => {
    const base = { manufacturer: null, serialNumber: null };
    const ports = [
      { ...base, path: '/dev/ttyUSB9', vendorId: null, productId: null, found: 'fallback' as const },
      { ...base, path: '/dev/ttyACM0', vendorId: '0c2e', productId: '0b61', found: 'enumerated' as const },
    ];
    expect(findPortByUsbId(ports, '0C2E', '0B61')?.path).toBe('/dev/ttyACM0');
    expect(findPortByUsbId(ports, '05e0', '1200')).toBeNull();
  });
});
