// The app:// scheme the Electron window loads from: what it serves, what it
// refuses, and which URLs count as our page. appResponse is the very function
// main.ts hands to protocol.handle, run here on a real folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  appResponse,
  appSchemePrivileges,
  isAppOrigin,
  isAppPageUrl,
  isInsideDir,
  resolveAppFile,
} from '../../../electron/appProtocol';
import { contentSecurityPolicy } from '../../../electron/csp';

let base: string;
let rendererDir: string;

beforeAll(() => {
  // A renderer build beside a sibling whose name begins the same, and a secret one level up.
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'cangwu-shell-'));
  rendererDir = path.join(base, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>仓务</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'good.wav'), 'RIFF');
  fs.writeFileSync(path.join(rendererDir, 'assets', '仓 务.css'), 'body{}');
  fs.mkdirSync(path.join(base, 'renderer-old'));
  fs.writeFileSync(path.join(base, 'renderer-old', 'secret.txt'), 'SECRET-SIBLING');
  fs.writeFileSync(path.join(base, 'secret.txt'), 'SECRET-PARENT');
});

afterAll(() => {
  fs.rmSync(base, { recursive: true, force: true });
});

async function get(url: string, method = 'GET') {
  const res = await appResponse(url, rendererDir, method);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('app:// serves the renderer build', () => {
  it('serves the index page with its type and the CSP header', async () => {
    const res = await get(APP_INDEX_URL);
    expect(res.status).toBe(200);
    expect(res.text).toContain('仓务');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves the root as the index page, and assets by their type, percent-encoded names included', async () => {
    expect((await get('app://cangwu/')).text).toContain('仓务');
    const js = await get('app://cangwu/assets/index-abc.js?v=1#x');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://cangwu/assets/good.wav')).headers.get('content-type')).toBe('audio/wav');
    const css = await get(`app://cangwu/assets/${encodeURIComponent('仓 务.css')}`);
    expect(css.status).toBe(200);
    expect(css.text).toBe('body{}');
  });

  it('answers a missing file 404 and a directory 404, with the CSP header', async () => {
    for (const url of ['app://cangwu/assets/nope.js', 'app://cangwu/assets']) {
      const res = await get(url);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get(APP_INDEX_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect((await get(APP_INDEX_URL, 'POST')).status).toBe(405);
  });
});

describe('app:// refuses anything outside the build', () => {
  const attempts = [
    'app://cangwu/../secret.txt',
    'app://cangwu/assets/../../secret.txt',
    'app://cangwu/%2e%2e/secret.txt',
    'app://cangwu/%2E%2e/renderer-old/secret.txt',
    'app://cangwu/.%2e/renderer-old/secret.txt',
    'app://cangwu/..%2fsecret.txt',
    'app://cangwu/..%2Frenderer-old%2Fsecret.txt',
    'app://cangwu/..%5csecret.txt',
    'app://cangwu/assets\\..\\..\\secret.txt',
    'app://cangwu/%2fetc%2fpasswd',
    'app://cangwu/index.html%00.js',
  ];

  it.each(attempts)('refuses %s (400, never the file)', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(400);
    expect(res.text).not.toContain('SECRET');
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
  });

  it('answers malformed percent-encoding 400 instead of throwing', async () => {
    for (const url of [
      'app://cangwu/%',
      'app://cangwu/%E0%A4%A',
      'app://cangwu/assets/%zz.js',
      'app://cangwu/%C0%AE',
    ]) {
      expect(resolveAppFile(url, rendererDir)).toEqual({ ok: false, status: 400 });
      expect((await get(url)).status).toBe(400);
    }
  });

  it('refuses other hosts, other schemes and garbage (403/400)', async () => {
    expect((await get('app://evil/index.html')).status).toBe(403);
    expect((await get('app://cangwu:8080/index.html')).status).toBe(403);
    expect((await get('app://user@cangwu/index.html')).status).toBe(403);
    expect((await get(`file://${path.join(rendererDir, 'index.html')}`)).status).toBe(403);
    expect((await get('not a url')).status).toBe(400);
  });

  it('compares whole path segments: a sibling whose name begins the same is outside', () => {
    expect(isInsideDir(rendererDir, path.join(rendererDir, 'assets', 'a.js'))).toBe(true);
    expect(isInsideDir(rendererDir, path.join(base, 'renderer-old', 'secret.txt'))).toBe(false);
    expect(isInsideDir(rendererDir, `${rendererDir}x`)).toBe(false);
    expect(isInsideDir(rendererDir, rendererDir)).toBe(false);
    expect(isInsideDir(rendererDir, path.join(base, 'secret.txt'))).toBe(false);
    // A file literally named "..x" inside is still inside.
    expect(isInsideDir(rendererDir, path.join(rendererDir, '..x'))).toBe(true);
  });
});

describe('the scheme privileges', () => {
  it('make app:// a standard secure origin that cannot bypass the CSP or run service workers', () => {
    expect(appSchemePrivileges).toMatchObject({ standard: true, secure: true, bypassCSP: false });
    expect(appSchemePrivileges.allowServiceWorkers).toBe(false);
    expect(appSchemePrivileges.corsEnabled).toBe(false);
  });
});

describe('our origin and our page', () => {
  it('accepts our page with any route, and navigation within the origin', () => {
    expect(isAppPageUrl(APP_INDEX_URL)).toBe(true);
    expect(isAppPageUrl(`${APP_INDEX_URL}#/counts/12`)).toBe(true);
    expect(isAppPageUrl(`${APP_INDEX_URL}?lang=en`)).toBe(true);
    expect(isAppPageUrl('app://cangwu/')).toBe(true);
    expect(isAppOrigin('app://cangwu/assets/x.js')).toBe(true);
    expect(isAppPageUrl('app://cangwu/assets/x.js')).toBe(false);
  });

  it('refuses other origins, file:// and garbage', () => {
    for (const url of [
      'app://evil/index.html',
      'app://cangwu.evil.example/index.html',
      'app://cangwu:1/index.html',
      'https://cangwu/index.html',
      'file:///opt/Cangwu/resources/app.asar/dist/renderer/index.html',
      'about:blank',
      'javascript:alert(1)',
      'not a url',
      '',
    ]) {
      expect(isAppOrigin(url), url).toBe(false);
      expect(isAppPageUrl(url), url).toBe(false);
    }
  });
});

describe('app:// over the real renderer build', () => {
  const built = path.resolve(__dirname, '../../../dist/renderer');
  const hasBuild = fs.existsSync(path.join(built, 'index.html'));

  it.skipIf(!hasBuild)(
    `serves every file of dist/renderer with a known type${hasBuild ? '' : ' (skipped: run npm run build)'}`,
    async () => {
      const files = fs
        .readdirSync(built, { recursive: true, encoding: 'utf8' })
        .filter((f) => !f.endsWith('.map') && fs.statSync(path.join(built, f)).isFile());
      expect(files).toContain('index.html');
      for (const f of files) {
        const url = `app://cangwu/${f.split(path.sep).map(encodeURIComponent).join('/')}`;
        const res = await appResponse(url, built);
        expect(res.status, f).toBe(200);
        expect(res.headers.get('content-type'), f).not.toBe('application/octet-stream');
        expect(res.headers.get('content-security-policy'), f).toBe(contentSecurityPolicy);
      }
    },
  );
});
