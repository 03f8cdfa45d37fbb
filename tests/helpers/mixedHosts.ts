// Station hosts as real processes (tests/integration/stock/mixedPoster.ts), for
// the two-host concurrency test and the pgLedger bench: each started on its
// data folder and environment, let go together once every one has logged in,
// and what each was told collected.
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import type { MixedPosterConfig, MixedPosterResult } from '../integration/stock/mixedPoster';

export type MixedHost = { dataDir: string; env: NodeJS.ProcessEnv; config: MixedPosterConfig };

/** Runs one mixedPoster process per host (`bundle`: the poster bundled by bundleForNode) and resolves with their results. */
export async function runMixedHosts(bundle: string, hosts: MixedHost[]): Promise<MixedPosterResult[]> {
  const children = hosts.map(({ dataDir, env, config }) => {
    const child = spawn(process.execPath, [bundle, dataDir, JSON.stringify(config)], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const lines = readline.createInterface({ input: child.stdout });
    const ready = new Promise<void>((resolve, reject) => {
      lines.once('line', (l) => (l === 'ready' ? resolve() : reject(new Error(l))));
      child.once('exit', () => reject(new Error(`${config.label} exited before it was ready: ${stderr}`)));
    });
    const done = new Promise<MixedPosterResult>((resolve, reject) => {
      let last = '';
      lines.on('line', (l) => (last = l));
      // 'close': the process has exited and its output is read to the end.
      child.once('close', (code) => {
        try {
          if (code !== 0) throw new Error(`exit ${code}`);
          resolve(JSON.parse(last) as MixedPosterResult);
        } catch (e) {
          reject(new Error(`${config.label}: ${String(e)} ${stderr}`));
        }
      });
    });
    // A host that failed to start must not leave the others waiting for a go.
    ready.catch(() => {});
    return { child, ready, done };
  });
  try {
    await Promise.all(children.map((c) => c.ready));
  } catch (e) {
    for (const c of children) c.child.kill();
    throw e;
  }
  for (const c of children) c.child.stdin.write('go\n');
  return Promise.all(children.map((c) => c.done));
}

const keyOf = (d: { productId: number; status: string; locationId: number }) =>
  `${d.productId}|${d.status}|${d.locationId}`;

/**
 * What the hosts were told was posted, one entry per idempotency key (a replay
 * answers the key's one document): the postings, and each balance as
 * `opening` plus their movements — what the database must hold if no update
 * was lost and nothing posted unanswered.
 */
export function acknowledgedPostings(
  results: MixedPosterResult[],
  opening: Map<string, number>,
): { postings: Map<string, MixedPosterResult['acks'][number]>; balances: Map<string, number> } {
  const postings = new Map<string, MixedPosterResult['acks'][number]>();
  for (const a of results.flatMap((r) => r.acks)) if (!postings.has(a.key)) postings.set(a.key, a);
  const balances = new Map(opening);
  for (const a of postings.values())
    for (const d of a.deltas) balances.set(keyOf(d), (balances.get(keyOf(d)) ?? 0) + d.qty);
  return { postings, balances: new Map([...balances].filter(([, q]) => q !== 0)) };
}

export { keyOf as balanceKey };
