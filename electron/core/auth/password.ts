// Passwords and PINs are hashed with scrypt (a slow, memory-hard KDF in Node's
// own crypto, no native add-on to rebuild for Electron).
import { randomBytes, scrypt, timingSafeEqual, createHash } from 'node:crypto';

const N = 1 << 14;
const r = 8;
const p = 1;
const keyLength = 32;

function derive(secret: string, salt: Buffer, n: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret.normalize('NFKC'), salt, keyLength, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (e, key) =>
      e ? reject(e) : resolve(key),
    ),
  );
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(secret, salt, N);
  return `scrypt$${N}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifySecret(secret: string, stored: string | null): Promise<boolean> {
  if (!stored) return false;
  const [scheme, n, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(secret, Buffer.from(salt, 'base64'), Number(n));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Session tokens are stored hashed: a copied database file does not log anyone in. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
