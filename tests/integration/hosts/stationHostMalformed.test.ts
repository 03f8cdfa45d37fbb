// Whatever a client sends, the station host answers and keeps serving: a
// malformed URL (`GET /%` used to end the process), a bad header, a bad
// upgrade, a bad WebSocket frame. After the batch, a normal page and a normal
// contract call still work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, password, type Warehouse } from '../fixtures';
import { rawExchange, removeDir, startTestHost, StationClient, statusOf, until } from './stationClient';

let w: Warehouse;
let host: Awaited<ReturnType<typeof startTestHost>>;

beforeAll(async () => {
  w = await openWarehouse();
  await w.as('warehouseKeeper');
  host = await startTestHost({ core: w.core, limits: { maxMessageBytes: 64 * 1024 } });
});
afterAll(async () => {
  await host.close();
  await w.core.close();
  removeDir(host.rendererDir);
  removeDir(w.core.dataDir);
});

const get = (target: string, headers = '') =>
  `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n${headers}Connection: close\r\n\r\n`;

const key = 'dGhlIHNhbXBsZSBub25jZQ==';
const upgrade = (target: string, headers: string) =>
  `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n${headers}\r\n`;

async function stillServing() {
  const page = await fetch(host.url);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('仓务');
  const c = await StationClient.open(host.url);
  expect(await c.request('auth.login', { username: 'u-warehousekeeper', secret: password })).toMatchObject({
    ok: true,
  });
  expect(await c.request('stock.balances', {})).toMatchObject({ ok: true });
  c.close();
}

describe('station host under malformed requests', () => {
  it('answers malformed HTTP requests with 4xx and keeps serving', async () => {
    const cases: [string, string | Buffer, number[]][] = [
      ['bad percent-encoding', get('/%'), [400]],
      ['bad percent-encoding deeper', get('/assets/%E0%A4%A.js'), [400]],
      ['encoded NUL', get('/index.html%00.js'), [400]],
      ['absurd path', get(`/${'a/'.repeat(3000)}`), [400, 414, 431]],
      ['path escaping the folder', get('/..%2f..%2f..%2fetc%2fpasswd'), [403]],
      ['absolute-form target', get('http://evil.example/%'), [400, 421]],
      ['method not allowed', `DELETE / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`, [405]],
      ['header without colon', `GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nthis is not a header\r\n\r\n`, [400]],
      ['header with a control byte', `GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nX-A: a\u0001b\r\n\r\n`, [400]],
      ['huge header', get('/', `X-Big: ${'x'.repeat(100_000)}\r\n`), [400, 431]],
      ['not HTTP at all', Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x00, 0x00, 0x0d, 0x0a, 0x0d, 0x0a]), [400]],
      ['no Host header', 'GET / HTTP/1.0\r\n\r\n', [421]],
      ['upgrade without a key', upgrade('/ws', 'Sec-WebSocket-Version: 13\r\n'), [400]],
      ['upgrade with a bad key', upgrade('/ws', 'Sec-WebSocket-Key: %%%\r\nSec-WebSocket-Version: 13\r\n'), [400]],
      [
        'upgrade with a bad version',
        upgrade('/ws', `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 99\r\n`),
        [400, 426],
      ],
      [
        'upgrade with a malformed path',
        upgrade('/%ws', `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n`),
        [404],
      ],
      [
        'upgrade to another path',
        upgrade('/other', `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n`),
        [404],
      ],
    ];
    for (const [label, bytes, statuses] of cases) {
      const answer = await rawExchange(host.port, bytes);
      expect(statuses, `${label}: ${answer.slice(0, 80)}`).toContain(statusOf(answer));
    }
    await stillServing();
  });

  it('answers bad WebSocket messages with an error reply or a close code and keeps serving', async () => {
    const c = await StationClient.open(host.url);
    const refusals: [unknown, string][] = [
      ['{not json', 'notJson'],
      [Buffer.from([0, 159, 146, 150]), 'binary'],
      ['[1,2,3]', 'notObject'],
      ['"a string"', 'notObject'],
      ['null', 'notObject'],
      ['{"id": 1e400, "name": "setup.status"}', 'badId'],
      ['{"id": 12345678901234567890, "name": "setup.status"}', 'badId'],
      ['{"id": -3, "name": "setup.status"}', 'badId'],
      ['{"id": "7", "name": "setup.status"}', 'badId'],
      [`{"id": 5, "name": "${'x'.repeat(500)}"}`, 'badName'],
      ['{"id": 6, "name": {"a": 1}}', 'badName'],
    ];
    for (const [frame] of refusals) c.ws.send(frame as string);
    expect(await until(() => c.other.length === refusals.length)).toBe(true);
    expect(c.other.map((m) => ('result' in m && !m.result.ok ? m.result.error.details?.reason : null))).toEqual(
      refusals.map(([, reason]) => reason),
    );
    expect(c.other.every((m) => 'result' in m && !m.result.ok && m.result.error.code === 'contract.invalidInput')).toBe(
      true,
    );
    // Unknown request, and one whose input is garbage: typed refusals with their ids.
    expect(await c.request('no.suchRequest', {})).toMatchObject({ ok: false });
    expect(await c.request('auth.login', { username: ['x'], secret: 7 })).toMatchObject({
      ok: false,
      error: { code: 'contract.invalidInput' },
    });
    expect(c.closeCode).toBeNull();
    c.close();

    // Invalid UTF-8 in a text frame: closed with 1007, the host goes on.
    const bad = await StationClient.open(host.url);
    const raw = (bad.ws as unknown as { _socket: import('node:net').Socket })._socket;
    // A masked text frame (FIN, opcode 1) with payload 0xC3 0x28 (invalid UTF-8), mask 0.
    raw.write(Buffer.from([0x81, 0x82, 0, 0, 0, 0, 0xc3, 0x28]));
    expect(await until(() => bad.closeCode !== null)).toBe(true);
    expect(bad.closeCode).toBe(1007);

    // A message over the size limit: closed with 1009.
    const big = await StationClient.open(host.url);
    big.ws.send(JSON.stringify({ id: 1, name: 'products.import', input: { csv: 'x'.repeat(70 * 1024) } }));
    expect(await until(() => big.closeCode !== null)).toBe(true);
    expect(big.closeCode).toBe(1009);

    await stillServing();
  });
});
