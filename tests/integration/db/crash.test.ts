// Crash mid-posting: a child process posts receipts and reversals through the
// contract in a loop — three stations at once, so their requests share group
// commits (db/groupCommit.ts) — and is killed with SIGKILL at random moments,
// 50 times. After every kill the database is sound, the ledger equals the
// balances, every posting a client got an answer for is there exactly once,
// and the ones sent without an answer post exactly once when retried.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleForNode } from '../../helpers/bundle';
import { checkIntegrity } from '../../../electron/core/db/integrity';
import { call, openWarehouse, password } from '../fixtures';

const kills = Number(process.env.CRASH_KILLS ?? 50);
let bundle: string;
let dataDir: string;
let products: { productId: number; locationId: number }[];

beforeAll(async () => {
  bundle = await bundleForNode(path.resolve(__dirname, 'crashPoster.ts'));
  const w = await openWarehouse();
  await call(w.core, w.admin, 'users.create', {
    username: 'crash-poster',
    displayName: '过账员',
    roles: ['warehouseKeeper', 'operator'],
    password,
  });
  dataDir = w.core.dataDir;
  products = w.products.slice(0, 3).map((p, i) => ({ productId: p.id, locationId: w.bins[i]!.id }));
  await w.core.close();
});
afterAll(() => {
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

type Run = { acked: string[]; unanswered: { key: string; request: string }[]; largestGroup: number };

/** One life of the poster: starts, retries, posts until killed after a random number of answers. */
function life(run: number, retry: string[], rand: () => number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const retryArg =
      retry.length === 0
        ? ''
        : Buffer.from(
            JSON.stringify(retry.map((r) => JSON.parse(Buffer.from(r, 'base64').toString()) as unknown)),
          ).toString('base64');
    const child = spawn(process.execPath, [bundle, dataDir, String(run), JSON.stringify(products), retryArg], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: string[] = [];
    const sent = new Map<string, string>();
    let largestGroup = 0;
    let ready = false;
    let stderr = '';
    // Killed after 1–12 answers past start-up, at a random delay (0–3 ms) after
    // the last one, so the kill lands in every phase of a posting and of a group.
    const after = 1 + Math.floor(rand() * 12);
    let answers = 0;
    let buffered = '';
    child.stdout.on('data', (b: Buffer) => {
      buffered += b.toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const [kind, key, request] = line.split(' ');
        if (kind === 'SEND') sent.set(key!, request!);
        else if (kind === 'GROUP') largestGroup = Math.max(largestGroup, Number(key));
        else if (kind === 'ACK') {
          acked.push(key!);
          sent.delete(key!);
          if (ready && ++answers === after) setTimeout(() => child.kill('SIGKILL'), Math.floor(rand() * 4));
        } else if (kind === 'READY') ready = true;
      }
    });
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.once('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`poster exited on its own: ${stderr}`));
      else resolve({ acked, unanswered: [...sent].map(([key, request]) => ({ key, request })), largestGroup });
    });
  });
}

describe('crash mid-posting', () => {
  it(`kill -9 at random moments ${kills} times: database sound, ledger = balances, every answered posting there exactly once, the unanswered ones post once on retry`, async () => {
    let seed = 20261204;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const acked = new Set<string>();
    const retried: string[] = [];
    let retry: string[] = [];
    let killed = 0;
    let largestGroup = 0;
    for (let run = 0; run < kills; run++) {
      const t0 = Date.now();
      const r = await life(run, retry, rand);
      if (process.env.CRASH_DEBUG) process.stderr.write(`life ${run}: ${Date.now() - t0} ms, ${r.acked.length} acks\n`);
      killed++;
      for (const k of r.acked) acked.add(k);
      largestGroup = Math.max(largestGroup, r.largestGroup);
      retry = r.unanswered.map((u) => u.request);
      retried.push(...r.unanswered.map((u) => u.key));
    }
    // The last life's unanswered request, retried by a final life that is then killed too.
    const last = await life(kills, retry, rand);
    for (const k of last.acked) acked.add(k);

    const db = new Database(path.join(dataDir, 'cangwu.db'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const report = await checkIntegrity(db);
      expect(report.findings).toEqual([]);
      const count = db.prepare('SELECT COUNT(*) AS n FROM documents WHERE idempotency_key = ?');
      const lost = [...acked].filter((k) => (count.get(k) as { n: number }).n === 0);
      const doubled = [...acked].filter((k) => (count.get(k) as { n: number }).n > 1);
      // Each document has exactly its lines: a receipt 2 movements, a reversal 2.
      const partial = db
        .prepare(
          "SELECT d.idempotency_key AS k, COUNT(m.id) AS n FROM documents d LEFT JOIN movements m ON m.document_id = d.id WHERE d.idempotency_key LIKE 'crash-%' GROUP BY d.id HAVING n <> 2",
        )
        .all();
      // Every unanswered request was retried by the next life and answered there.
      const retriedOnce = retried.filter((k) => acked.has(k) && (count.get(k) as { n: number }).n === 1);
      process.stdout.write(
        `crash test: ${killed + 1} kills, ${acked.size} answered postings, ${lost.length} lost, ${doubled.length} doubled, ${retried.length} retried after a kill, largest commit group ${largestGroup}\n`,
      );
      expect(killed).toBeGreaterThanOrEqual(50);
      expect(acked.size).toBeGreaterThan(kills);
      // The stations' requests did share commits.
      expect(largestGroup).toBeGreaterThan(1);
      expect(lost).toEqual([]);
      expect(doubled).toEqual([]);
      expect(partial).toEqual([]);
      expect(retriedOnce).toEqual(retried);
    } finally {
      db.close();
    }
    // About 35 s on two idle cores; the limit is for a machine shared with other work.
  }, 600_000);
});
