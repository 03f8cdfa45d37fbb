// HTTPS for a station host on the LAN: the administrator's own certificate
// (--tls-cert/--tls-key), or a self-signed one generated on the first LAN
// start and kept in the data folder (tls/cert.pem, tls/key.pem with mode 0600).
// Its SHA-256 fingerprint is printed so each station can check it once and
// trust it; without TLS, logins and tokens cross the warehouse network in clear.
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isIP } from 'node:net';
import { generate } from 'selfsigned';

export type TlsMaterial = {
  cert: string;
  key: string;
  /** SHA-256 of the certificate, AA:BB:… as browsers show it. */
  fingerprint: string;
  /** Where it came from, for the start-up lines. */
  source: 'files' | 'generated' | 'kept';
  certFile: string;
};

export type TlsChoice =
  | { certFile: string; keyFile: string }
  /** `names`: a kept certificate lacking one is replaced (a new --host or --allowed-host); `alsoNames` only join a new one. */
  | { selfSignedIn: string; names?: readonly string[]; alsoNames?: readonly string[] };

export const tlsFolder = (dataDir: string) => path.join(dataDir, 'tls');

function material(cert: string, key: string, source: TlsMaterial['source'], certFile: string): TlsMaterial {
  const x509 = new X509Certificate(cert); // throws on a file that is not a PEM certificate
  return { cert, key, fingerprint: x509.fingerprint256, source, certFile };
}

/** Days before expiry at which a generated certificate is replaced at start. */
const renewWithinDays = 30;
/** Apple platforms refuse longer-lived server certificates even when trusted by hand. */
const validityDays = 825;

const sanEntry = (n: string) => {
  const bare = n.replace(/^\[|\]$/g, '').toLowerCase();
  return isIP(bare) ? `IP Address:${bare}` : `DNS:${bare}`;
};
const bindable = (n: string) => n !== '' && n !== '0.0.0.0' && n !== '::' && n !== '[::]';

async function selfSigned(dir: string, required: readonly string[], extra: readonly string[]): Promise<TlsMaterial> {
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  if (fs.existsSync(certFile) && fs.existsSync(keyFile)) {
    const kept = material(fs.readFileSync(certFile, 'utf8'), fs.readFileSync(keyFile, 'utf8'), 'kept', certFile);
    const x509 = new X509Certificate(kept.cert);
    const sans = new Set((x509.subjectAltName ?? '').toLowerCase().split(/,\s*/));
    const fresh = new Date(x509.validTo).getTime() - Date.now() > renewWithinDays * 86_400_000;
    // IPv6 names are shown expanded by node: not compared, so a kept certificate is not replaced at every start.
    if (
      fresh &&
      required.filter((n) => bindable(n) && !n.includes(':')).every((n) => sans.has(sanEntry(n).toLowerCase()))
    )
      return kept;
  }
  const hostname = os.hostname() || 'cangwu';
  const altNames = [
    ...new Set(
      ['localhost', '127.0.0.1', '::1', hostname, `${hostname}.local`, ...required, ...extra]
        .filter(bindable)
        .map((n) => n.replace(/^\[|\]$/g, '').toLowerCase()),
    ),
  ].map((n) => (isIP(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n }));
  const notBeforeDate = new Date(Date.now() - 86_400_000);
  const pems = await generate([{ name: 'commonName', value: `Cangwu station host ${hostname}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + validityDays * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // The key first, created private (not chmod-ed after being readable for a moment).
  fs.rmSync(keyFile, { force: true });
  fs.writeFileSync(keyFile, pems.private, { mode: 0o600, flag: 'wx' });
  fs.writeFileSync(certFile, pems.cert);
  return material(pems.cert, pems.private, 'generated', certFile);
}

export async function loadTls(choice: TlsChoice): Promise<TlsMaterial> {
  if ('certFile' in choice) {
    const certFile = path.resolve(choice.certFile);
    return material(
      fs.readFileSync(certFile, 'utf8'),
      fs.readFileSync(path.resolve(choice.keyFile), 'utf8'),
      'files',
      certFile,
    );
  }
  return selfSigned(tlsFolder(choice.selfSignedIn), choice.names ?? [], choice.alsoNames ?? []);
}
