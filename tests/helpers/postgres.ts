// A throwaway PostgreSQL server for tests (issue 15): initdb into a temp folder,
// pg_ctl start on a free port of 127.0.0.1 with its unix socket in that folder
// and fsync off, one database per test file (CREATE DATABASE is cheap), then
// stop and remove. initdb and postgres refuse to run as root, so when the test
// runs as root the server runs as the `postgres` system user (or `nobody`).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { tempDir } from './tempDirs';

/** The folder holding initdb/pg_ctl: `pg_config --bindir`, else the newest /usr/lib/postgresql/N/bin. */
export function postgresBinDir(): string | null {
  const found = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const fromConfig = found.status === 0 ? found.stdout.trim() : '';
  if (fromConfig && fs.existsSync(path.join(fromConfig, 'initdb'))) return fromConfig;
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return null;
  const versions = fs
    .readdirSync(base)
    .filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(base, versions[0]!, 'bin') : null;
}

/** The unprivileged user the server runs as when we are root. */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0) return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
  }
  throw new Error('running as root and no postgres/nobody user to run the test server as');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface TestPostgres {
  /** A connection URL for a database of this server. */
  url(database: string): string;
  /** Creates a new empty database and returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Stops the server (its folder goes with the test file's temp folders). */
  stop(): void;
  /** Starts it again after stop(), on the same port and data (a server back after an outage). */
  restart(): void;
}

let databaseCount = 0;

/** Starts a server; resolves once it accepts connections. */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (apt install postgresql)');
  const user = serverUser();
  const root = tempDir('pg');
  const data = path.join(root, 'data');
  // The server user must reach its folder inside the root-owned temp dir.
  fs.chmodSync(root, 0o755);
  fs.mkdirSync(data, { mode: 0o700 });
  if (user) fs.chownSync(data, user.uid, user.gid);
  const run = (cmd: string, args: string[]) =>
    execFileSync(path.join(bin, cmd), args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: os.tmpdir(),
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    });
  run('initdb', ['-D', data, '-U', 'cangwu', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${data} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const start = () =>
    run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(data, 'server.log'), '-w', '-t', '30', 'start']);
  start();
  const url = (database: string) => `postgres://cangwu@127.0.0.1:${port}/${database}`;
  let stopped = false;
  return {
    url,
    async createDatabase(name = `t${process.pid}_${++databaseCount}`) {
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
    restart() {
      if (!stopped) return;
      start();
      stopped = false;
    },
  };
}
