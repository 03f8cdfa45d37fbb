// DNS rebinding and path checks: a page on rebind.attacker.example that
// resolves to the host is refused (Host and WebSocket Origin must be names of
// this host), --allowed-host adds a name; files beside the renderer folder and
// source maps are never served.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../fixtures';
import { rawExchange, removeDir, startTestHost, StationClient, statusOf } from './stationClient';

let w: Warehouse;
let host: Awaited<ReturnType<typeof startTestHost>>;
let parent: string;

beforeAll(async () => {
  w = await openWarehouse();
  // The renderer folder and a sibling whose name begins the same: renderer/ and renderer-evil/.
  parent = fs.mkdtempSync(path.join(w.core.dataDir, 'site-'));
  const rendererDir = path.join(parent, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>仓务</title>');
  fs.writeFileSync(
    path.join(rendererDir, 'assets', 'index-abc.js'),
    'console.log(1);\n//# sourceMappingURL=index-abc.js.map',
  );
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index-abc.js.map'), '{"version":3,"sources":["secret.ts"]}');
  fs.mkdirSync(path.join(parent, 'renderer-evil'));
  fs.writeFileSync(path.join(parent, 'renderer-evil', 'secret.txt'), 'TOP SECRET');
  host = await startTestHost({ core: w.core, rendererDir, allowedHosts: ['console.warehouse.lan'] });
});
afterAll(async () => {
  await host.close();
  await w.core.close();
  removeDir(w.core.dataDir);
});

const request = (target: string, hostHeader: string, extra = '') =>
  rawExchange(host.port, `GET ${target} HTTP/1.1\r\nHost: ${hostHeader}\r\n${extra}Connection: close\r\n\r\n`);

describe('station host names and files', () => {
  it('refuses an HTTP request whose Host is not a name of this host, naming --allowed-host', async () => {
    const answer = await request('/', `rebind.attacker.example:${host.port}`);
    expect(statusOf(answer)).toBe(421);
    expect(answer).toContain('--allowed-host rebind.attacker.example');
    expect(answer).not.toContain('仓务</title>');
    // The right name with another port is another site too.
    expect(statusOf(await request('/', `127.0.0.1:${host.port + 1}`))).toBe(421);
  });

  it('serves loopback names, and a name given with --allowed-host', async () => {
    for (const name of ['127.0.0.1', 'localhost', 'LOCALHOST', 'console.warehouse.lan', '[::1]'])
      expect(statusOf(await request('/', `${name}:${host.port}`)), name).toBe(200);
  });

  it('refuses a WebSocket from a rebinding page: forged Host, forged Origin, or both', async () => {
    const rebind = `rebind.attacker.example:${host.port}`;
    await expect(
      StationClient.open(host.url, { origin: `http://${rebind}`, headers: { host: rebind } }),
    ).rejects.toThrow(/HTTP 421 .*--allowed-host/s);
    await expect(StationClient.open(host.url, { origin: `http://${rebind}` })).rejects.toThrow('HTTP 403');
    await expect(StationClient.open(host.url, { origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(StationClient.open(host.url, { origin: 'null' })).rejects.toThrow('HTTP 403');
    // Same name, another port: another origin.
    await expect(StationClient.open(host.url, { origin: `http://127.0.0.1:${host.port + 1}` })).rejects.toThrow(
      'HTTP 403',
    );
    const own = await StationClient.open(host.url, { origin: host.url.replace(/\/$/, '') });
    expect(await own.request('setup.status', {})).toMatchObject({ ok: true });
    own.close();
    const alias = `console.warehouse.lan:${host.port}`;
    const viaAlias = await StationClient.open(host.url, { origin: `http://${alias}`, headers: { host: alias } });
    expect(await viaAlias.request('setup.status', {})).toMatchObject({ ok: true });
    viaAlias.close();
  });

  it('never serves a sibling folder whose name begins like the renderer folder', async () => {
    for (const target of [
      '/../renderer-evil/secret.txt',
      '/..%2frenderer-evil%2fsecret.txt',
      '/%2e%2e/renderer-evil/secret.txt',
    ]) {
      const answer = await request(target, `127.0.0.1:${host.port}`);
      expect(answer, target).not.toContain('TOP SECRET');
    }
    expect(statusOf(await request('/..%2frenderer-evil%2fsecret.txt', `127.0.0.1:${host.port}`))).toBe(403);
  });

  it('serves the bundle but never its source map', async () => {
    const js = await fetch(`${host.url}assets/index-abc.js`);
    expect(js.status).toBe(200);
    const map = await fetch(`${host.url}assets/index-abc.js.map`);
    expect(map.status).toBe(404);
    expect(await map.text()).not.toContain('secret.ts');
  });
});
