// The app:// scheme the Electron host serves the renderer from (never file://:
// Electron's security checklist, item 18). The pure parts live here, without
// the electron import, so unit tests exercise exactly what main.ts runs:
// which URLs are our origin and our page, which file a URL names, and the
// response (status, headers, body) for any URL, malformed ones included.
import fs from 'node:fs';
import path from 'node:path';
import { securityHeaders } from './csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'cangwu';
/** The origin of the console's page; 'self' in the CSP means this. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** What the window loads. Routes are in the hash (renderer/app/routes.ts). */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * protocol.registerSchemesAsPrivileged's privileges for app://: a standard,
 * secure origin (so 'self', fetch and the CSP behave as on https), streaming
 * for the scan sounds' <audio>. No service workers, no CORS, no bypassing the CSP.
 */
export const appSchemePrivileges = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  stream: true,
  codeCache: true,
  bypassCSP: false,
  corsEnabled: false,
  allowServiceWorkers: false,
} as const;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function isOurs(u: URL): boolean {
  return (
    u.protocol === `${APP_SCHEME}:` &&
    u.hostname.toLowerCase() === APP_HOST &&
    u.port === '' &&
    u.username === '' &&
    u.password === ''
  );
}

/** Whether `url` is within the console's origin (app://cangwu/…): where navigation may go. */
export function isAppOrigin(url: string): boolean {
  const u = parse(url);
  return !!u && isOurs(u);
}

/** Whether `url` is the console's page itself (any #route or ?query): the only frame that may call IPC. */
export function isAppPageUrl(url: string): boolean {
  const u = parse(url);
  return !!u && isOurs(u) && (u.pathname === '/' || u.pathname === '/index.html');
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** A `.` or `..` path segment, plain or percent-encoded, between `/` or `\\` separators. */
const dotSegment = /(^|[/\\])(\.|%2e){1,2}(?=[/\\]|$)/i;

/**
 * Whether `file` lies strictly inside `dir`, compared by whole path segments
 * (path.relative), never by string prefix: `/x/renderer-old/a` is not inside
 * `/x/renderer`.
 */
export function isInsideDir(dir: string, file: string): boolean {
  const rel = path.relative(path.resolve(dir), path.resolve(file));
  return rel !== '' && !path.isAbsolute(rel) && rel.split(path.sep)[0] !== '..';
}

export type AppFile =
  | { ok: true; file: string; contentType: string }
  /** 400: malformed (bad percent-encoding, dot or separator segments); 403: outside the build or not our origin. */
  | { ok: false; status: 400 | 403 };

/**
 * The file under `rootDir` (the renderer build) that an app:// URL names, or a
 * refusal. Each path segment is decoded on its own and must be a plain name:
 * `..`, `.`, an encoded `/` or `\` (`%2f`, `%5c`), NUL and malformed
 * percent-encoding are refused, and the result must lie inside `rootDir` by
 * whole path segments (path.relative), so a sibling such as `renderer-old/`
 * is outside even though its name begins the same. Never throws.
 */
export function resolveAppFile(url: string, rootDir: string): AppFile {
  // The URL parser would quietly resolve `..` and `%2e%2e` segments (clamping
  // at the root); a request that tries them is refused instead.
  if (dotSegment.test(url.split(/[?#]/)[0] ?? '')) return { ok: false, status: 400 };
  const u = parse(url);
  if (!u) return { ok: false, status: 400 };
  if (!isOurs(u)) return { ok: false, status: 403 };
  const names: string[] = [];
  for (const raw of u.pathname.split('/')) {
    if (raw === '') continue;
    let name: string;
    try {
      name = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400 };
    }
    if (name === '.' || name === '..' || /[/\\\0]/.test(name)) return { ok: false, status: 400 };
    names.push(name);
  }
  if (names.length === 0) names.push('index.html');
  const root = path.resolve(rootDir);
  const file = path.resolve(root, ...names);
  if (!isInsideDir(root, file)) return { ok: false, status: 403 };
  return { ok: true, file, contentType: contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream' };
}

const statusText: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
};

function refusal(status: number): Response {
  return new Response(statusText[status] ?? 'Error', {
    status,
    headers: { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/**
 * The response to one app:// request (protocol.handle's handler in main.ts):
 * the file with its type, or a refusal; the CSP and the other security
 * headers on every response, refusals included. Never throws.
 */
export async function appResponse(url: string, rootDir: string, method = 'GET'): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return refusal(405);
  const target = resolveAppFile(url, rootDir);
  if (!target.ok) return refusal(target.status);
  let body: Buffer;
  try {
    body = await fs.promises.readFile(target.file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return refusal(404);
    console.error(`app:// could not read ${target.file}`, e);
    return refusal(500);
  }
  return new Response(method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      ...securityHeaders,
      'Content-Type': target.contentType,
      // Read from the local asar: no stale page after an update.
      'Cache-Control': 'no-cache',
    },
  });
}
