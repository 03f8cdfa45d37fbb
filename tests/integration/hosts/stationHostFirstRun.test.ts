// First-run takeover: a station host on the LAN with an empty data folder.
// A browser on another machine (here: this machine's own LAN address, which
// the host sees as a network client) cannot create the administrator or load
// the demo without the one-time code the host printed; with it, it can, once.
// A demo database on the network is announced at start and to the screens.
import fs from 'node:fs';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestCore, openWarehouse } from '../fixtures';
import { removeDir, startTestHost, StationClient } from './stationClient';

/** A non-loopback IPv4 address of this machine: connecting to it is "from the network". */
const lanAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function hostOn(core: Awaited<ReturnType<typeof openTestCore>>, host: string, tls = false) {
  const h = await startTestHost({ core, host, ...(tls && { tls: { selfSignedIn: core.dataDir } }) });
  cleanups.push(async () => {
    await h.close();
    await core.close();
    removeDir(h.rendererDir);
    removeDir(core.dataDir);
  });
  return h;
}

describe.skipIf(!lanAddress)('first run from the network', () => {
  it('refuses setup from another machine without the printed code, accepts it once with it', async () => {
    const core = await openTestCore();
    const host = await hostOn(core, lanAddress!);
    expect(host.setupCode).toMatch(/^\w{4}-\w{4}-\w{4}$/);
    expect(host.warnings.join('\n')).toContain('WITHOUT TLS');

    const attacker = await StationClient.open(host.url);
    expect(await attacker.request('setup.status', {})).toMatchObject({
      ok: true,
      value: { initialized: false, setupCodeRequired: true },
    });
    const admin = { username: 'mallory', displayName: 'Mallory', password: 'takeover-123' };
    expect(await attacker.request('setup.createAdmin', admin)).toMatchObject({
      ok: false,
      error: { code: 'setup.notFromThisMachine' },
    });
    expect(await attacker.request('setup.loadDemo', {})).toMatchObject({
      ok: false,
      error: { code: 'setup.notFromThisMachine' },
    });
    expect(await attacker.request('setup.createAdmin', { ...admin, setupCode: 'AAAA-BBBB-CCCC' })).toMatchObject({
      ok: false,
      error: { code: 'setup.badSetupCode' },
    });
    expect(await attacker.request('setup.status', {})).toMatchObject({ value: { initialized: false } });

    // The administrator, at a dock browser, types the code off the host's screen.
    const owner = await StationClient.open(host.url);
    const created = await owner.request('setup.createAdmin', {
      username: 'admin',
      displayName: '管理员',
      password: 'owner-pass-123',
      setupCode: host.setupCode!.toLowerCase(),
    });
    expect(created).toMatchObject({ ok: true, value: { user: { username: 'admin', roles: ['admin'] } } });
    // Spent: the same code does nothing more (and the folder is set up anyway).
    expect(await attacker.request('setup.loadDemo', { setupCode: host.setupCode })).toMatchObject({ ok: false });
    expect(await attacker.request('auth.login', { username: 'mallory', secret: 'takeover-123' })).toMatchObject({
      ok: false,
    });
    attacker.close();
    owner.close();
  });

  it('says a demo database is on the network: at start and in setup.status', async () => {
    const w = await openWarehouse();
    w.core.database.sqlite
      .prepare("INSERT INTO settings (key, value) VALUES ('demo', '1'), ('demo_logins', '[]')")
      .run();
    const host = await hostOn(w.core, lanAddress!, true);
    expect(host.setupCode).toBeNull();
    expect(host.warnings.join('\n')).toMatch(/DEMO warehouse.*do not use it on a production network/s);
    expect(host.warnings.join('\n')).not.toContain('WITHOUT TLS');
    const c = await StationClient.open(host.url, { ca: host.tls ? readCert(host.tls.certFile) : undefined });
    expect(await c.request('setup.status', {})).toMatchObject({ ok: true, value: { demo: true, demoOnNetwork: true } });
    c.close();
  });
});

describe('first run on this machine', () => {
  it('needs no code from a loopback browser, and a loopback host does not warn about demo data', async () => {
    const w = await openWarehouse();
    w.core.database.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('demo', '1')").run();
    const host = await hostOn(w.core, '127.0.0.1');
    expect(host.warnings).toEqual([]);
    const c = await StationClient.open(host.url);
    expect(await c.request('setup.status', {})).toMatchObject({
      ok: true,
      value: { demo: true, demoOnNetwork: false, setupCodeRequired: false },
    });
    c.close();

    const fresh = await openTestCore();
    const local = await hostOn(fresh, '127.0.0.1');
    const browser = await StationClient.open(local.url);
    expect(await browser.request('setup.status', {})).toMatchObject({ value: { setupCodeRequired: false } });
    expect(
      await browser.request('setup.createAdmin', {
        username: 'admin',
        displayName: '管理员',
        password: 'owner-pass-123',
      }),
    ).toMatchObject({ ok: true });
    browser.close();
  });
});

function readCert(file: string): string {
  return fs.readFileSync(file, 'utf8');
}
