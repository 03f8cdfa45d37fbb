// DNS rebinding: a page on rebind.attacker.example that resolves to this host
// sends `Host: rebind.attacker.example` (and that Origin on a WebSocket).
// Comparing Origin with Host proves nothing; both must be names this host is
// known by: loopback, the machine's own names and addresses, --host and any
// --allowed-host. Everything else is refused before it reaches the console.
import os from 'node:os';

const wildcard = new Set(['0.0.0.0', '::', '[::]', '']);

/** Lower-case, IPv6 in brackets, no zone id: the form a Host header carries. */
export function normaliseHostName(name: string): string {
  let n = name.trim().toLowerCase().replace(/\.$/, '');
  if (n.startsWith('[') && n.endsWith(']')) n = n.slice(1, -1);
  if (n.includes(':')) return `[${n.replace(/%.*$/, '')}]`;
  return n;
}

function machineNames(): string[] {
  const names = ['localhost', '127.0.0.1', '::1'];
  const hostname = os.hostname();
  if (hostname) names.push(hostname, `${hostname}.local`);
  for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) names.push(a.address);
  return names;
}

/** Splits `name[:port]` (IPv6 in brackets); null when it is not that shape. */
export function splitHostPort(value: string): { name: string; port: number | null } | null {
  const m = /^(\[[0-9a-f:.%a-z]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(value.trim());
  if (!m) return null;
  return { name: normaliseHostName(m[1]!), port: m[2] === undefined ? null : Number(m[2]) };
}

export class AllowedHosts {
  private names = new Set<string>();
  private refreshedAt = 0;

  constructor(
    private readonly port: () => number,
    private readonly secure: boolean,
    private readonly configured: readonly string[],
  ) {
    this.refresh();
  }

  /** Addresses change (DHCP, a new interface): re-read them when a name is missing, at most every 10 s. */
  private refresh(): void {
    this.refreshedAt = Date.now();
    this.names = new Set(
      [...machineNames(), ...this.configured].map(normaliseHostName).filter((n) => !wildcard.has(n)),
    );
  }

  list(): string[] {
    return [...this.names];
  }

  private known(name: string): boolean {
    if (this.names.has(name)) return true;
    if (Date.now() - this.refreshedAt < 10_000) return false;
    this.refresh();
    return this.names.has(name);
  }

  /** A Host header (name and port) this host answers to. */
  hostAllowed(host: string | undefined): boolean {
    if (host === undefined) return false;
    const hp = splitHostPort(host);
    if (!hp) return false;
    const port = hp.port ?? (this.secure ? 443 : 80);
    return port === this.port() && this.known(hp.name);
  }

  /** A browser's Origin on a WebSocket: our scheme family, an allowed name and our port. */
  originAllowed(origin: string): boolean {
    let o: URL;
    try {
      o = new URL(origin);
    } catch {
      return false;
    }
    if (o.protocol !== 'http:' && o.protocol !== 'https:') return false;
    const port = o.port === '' ? (o.protocol === 'https:' ? 443 : 80) : Number(o.port);
    return port === this.port() && this.known(normaliseHostName(o.hostname));
  }
}

/** The short answer to a refused name, naming the flag that allows it. */
export function misdirectedText(host: string | undefined): string {
  const name = host === undefined ? '' : (splitHostPort(host)?.name ?? host).replace(/[^\w.:[\]-]/g, '?');
  return (
    `This Cangwu station host does not answer to the name "${name.slice(0, 100)}".\n` +
    `If that is a name of this computer, start the host with --allowed-host ${name.slice(0, 100) || 'NAME'}.\n` +
    `本工作站主机不接受此主机名；若它确是本机名称，请以 --allowed-host 参数启动主机。\n`
  );
}
