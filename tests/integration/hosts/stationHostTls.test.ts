// HTTPS + WSS with the certificate a LAN start generates and keeps in the data
// folder: a station that trusts it (by its printed fingerprint) connects, logs
// in and reads; the private key is the owner's alone; a restart keeps the same
// certificate; the administrator's own PEM files work the same way.
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import tls from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tlsFolder } from '../../../electron/station/tls';
import { openWarehouse, password, type Warehouse } from '../fixtures';
import { rawExchange, removeDir, startTestHost, StationClient, statusOf } from './stationClient';

let w: Warehouse;
let host: Awaited<ReturnType<typeof startTestHost>>;

beforeAll(async () => {
  w = await openWarehouse();
  await w.as('warehouseKeeper');
  host = await startTestHost({ core: w.core, host: '127.0.0.1', tls: { selfSignedIn: w.core.dataDir } });
});
afterAll(async () => {
  await host.close();
  await w.core.close();
  removeDir(host.rendererDir);
  removeDir(w.core.dataDir);
});

/** The certificate the host presents, fetched without trusting it first (as a browser's warning page does). */
function presented(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      resolve(s.getPeerCertificate().fingerprint256);
      s.destroy();
    });
    s.on('error', reject);
  });
}

function get(url: string, ca?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ...(ca && { ca }) }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('station host over TLS', () => {
  it('generates a certificate in the data folder, key readable by the owner only, and says its fingerprint', async () => {
    expect(host.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    expect(host.tls).toMatchObject({ source: 'generated', certFile: path.join(tlsFolder(w.core.dataDir), 'cert.pem') });
    const keyMode = fs.statSync(path.join(tlsFolder(w.core.dataDir), 'key.pem')).mode & 0o777;
    expect(keyMode).toBe(0o600);
    const cert = new X509Certificate(fs.readFileSync(host.tls!.certFile));
    expect(host.tls!.fingerprint).toBe(cert.fingerprint256);
    expect(await presented(host.port)).toBe(host.tls!.fingerprint);
  });

  it('serves the console and the contract over HTTPS/WSS to a station that trusts the certificate', async () => {
    const ca = fs.readFileSync(host.tls!.certFile, 'utf8');
    await expect(get(host.url)).rejects.toThrow(/self[- ]signed/i); // not trusted yet: refused, as a browser warns
    const page = await get(host.url, ca);
    expect(page.status).toBe(200);
    expect(page.body).toContain('仓务');
    const c = await StationClient.open(host.url, { ca, origin: host.url.replace(/\/$/, '') });
    expect(await c.request('auth.login', { username: 'u-warehousekeeper', secret: password })).toMatchObject({
      ok: true,
    });
    expect(await c.request('stock.balances', {})).toMatchObject({ ok: true });
    c.close();
    // The same name checks as over HTTP.
    await expect(StationClient.open(host.url, { ca, origin: 'https://rebind.attacker.example' })).rejects.toThrow(
      'HTTP 403',
    );
    const misdirected = await rawExchange(
      host.port,
      `GET / HTTP/1.1\r\nHost: rebind.attacker.example:${host.port}\r\nConnection: close\r\n\r\n`,
      { secure: true },
    );
    expect(statusOf(misdirected)).toBe(421);
    // Plain HTTP on the TLS port gets no console.
    expect(await rawExchange(host.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`)).not.toContain(
      '仓务',
    );
  });

  it('keeps the same certificate across restarts, and serves given PEM files', async () => {
    const again = await startTestHost({ core: w.core, tls: { selfSignedIn: w.core.dataDir } });
    expect(again.tls).toMatchObject({ source: 'kept', fingerprint: host.tls!.fingerprint });
    await again.close();
    removeDir(again.rendererDir);

    const dir = tlsFolder(w.core.dataDir);
    const own = await startTestHost({
      core: w.core,
      tls: { certFile: path.join(dir, 'cert.pem'), keyFile: path.join(dir, 'key.pem') },
    });
    expect(own.tls).toMatchObject({ source: 'files', fingerprint: host.tls!.fingerprint });
    expect(await presented(own.port)).toBe(host.tls!.fingerprint);
    await own.close();
    removeDir(own.rendererDir);
  });
});
