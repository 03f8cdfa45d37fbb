// The built renderer over HTTP. Any request it cannot understand (a malformed
// percent-encoding, a NUL, a path outside the folder) gets a 4xx, never an
// exception; source maps are never served, even if a build left them there.
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { contentSecurityPolicy } from '../csp';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
};

export function plain(res: http.ServerResponse, status: number, text = ''): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

/** Whether `file` is `dir` itself or inside it, compared by whole path segments (not a name prefix). */
export function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** The decoded URL path, or null when it is not a path a browser would send. */
export function requestPath(rawUrl: string | undefined): string | null {
  try {
    const decoded = decodeURIComponent(new URL(rawUrl ?? '/', 'http://station').pathname);
    return decoded.includes('\0') || decoded.length > 1024 ? null : decoded;
  } catch {
    return null; // URIError: URI malformed, or an unparsable URL
  }
}

function statFile(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch {
    return null;
  }
}

export function serveStatic(rendererDir: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405);
  const pathname = requestPath(req.url);
  if (pathname === null) return plain(res, 400, 'bad request path\n');
  let file = path.resolve(rendererDir, `.${path.sep}${pathname}`);
  if (!isInside(rendererDir, file)) return plain(res, 403);
  // Source maps give the whole source away and weigh megabytes: never served.
  if (file.endsWith('.map')) return plain(res, 404);
  // A client-side route (or the root) gets the app itself.
  let stat = statFile(file);
  if (!stat || stat.isDirectory()) {
    file = path.join(rendererDir, 'index.html');
    stat = statFile(file);
  }
  if (!stat?.isFile()) return plain(res, 503, 'renderer not built: run npm run build\n');
  const ext = path.extname(file);
  res.writeHead(200, {
    'content-type': contentTypes[ext] ?? 'application/octet-stream',
    'content-length': stat.size,
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'SAMEORIGIN',
    // Hashed asset names may be cached; index.html must not be, so an update shows at once.
    'cache-control': ext === '.html' ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = fs.createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
