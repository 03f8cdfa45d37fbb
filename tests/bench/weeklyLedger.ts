// The generated ledger of the weekly report's bench (issue 14 "Must show"),
// shared with the stock analysis bench: `total` movements over `days` days
// ending yesterday in Asia/Shanghai, 800 products × 3 statuses, written with
// raw prepared inserts in one transaction, the figures then built by
// migration 020's own INSERT … SELECT … GROUP BY.
import type Database from 'better-sqlite3';
import { buildPeriodFiguresSql } from '../../electron/core/db/migrations/020_period_figures';
import { addDays, today } from '../../electron/core/orders/dates';

const zone = 'Asia/Shanghai';

/** Movement types by share of lines (a distributor's day: mostly dispatch issues). */
const mix: [string, number][] = [
  ['dispatchIssue', 0.8],
  ['receipt', 0.07],
  ['giftIssue', 0.05],
  ['returnReceipt', 0.03],
  ['damageTransfer', 0.02],
  ['disposal', 0.01],
  ['countAdjustment', 0.015],
  ['manualAdjustment', 0.005],
];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Writes `total` movements over `days` days ending yesterday, then builds the figures. Returns build times. */
export function writeLedger(
  sqlite: Database.Database,
  productIds: number[],
  binIds: number[],
  total: number,
  days: number,
) {
  const random = rng(total);
  const userId = (sqlite.prepare('SELECT id FROM users LIMIT 1').get() as { id: number }).id;
  const costs = new Map(
    (sqlite.prepare('SELECT id, unit_cost_fen AS c FROM products').all() as { id: number; c: number }[]).map((p) => [
      p.id,
      p.c,
    ]),
  );
  const [goodBins, giftBin, damagedBin] = [binIds.slice(2, 6), binIds[6]!, binIds[7]!];
  const t0 = performance.now();
  // The load only: no FK lookups and no index upkeep per row; the indexes are rebuilt after.
  sqlite.pragma('foreign_keys = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.exec('DROP INDEX movements_product; DROP INDEX movements_document;');
  const doc = sqlite.prepare(
    "INSERT INTO documents (id, type, number, state, idempotency_key, created_by, created_at, posted_at) VALUES (?, ?, ?, 'posted', ?, ?, ?, ?)",
  );
  const mov = sqlite.prepare(
    'INSERT INTO movements (document_id, type, product_id, status, location_id, qty, unit_cost_fen, at, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const firstDoc = ((sqlite.prepare('SELECT MAX(id) AS m FROM documents').get() as { m: number | null }).m ?? 0) + 1;
  const last = addDays(today(new Date(), zone), -1);
  const perDay = Math.ceil(total / days);
  const perDoc = 14;
  let written = 0;
  let docId = firstDoc;
  sqlite.transaction(() => {
    for (let d = days - 1; d >= 0 && written < total; d--) {
      const day = addDays(last, -d);
      const start = Date.parse(`${day}T08:00:00+08:00`);
      const n = Math.min(perDay, total - written);
      for (let i = 0; i < n; i += perDoc) {
        const r = random();
        let acc = 0;
        const type = (mix.find(([, share]) => r < (acc += share)) ?? mix[0]!)[0];
        const at = new Date(start + Math.floor((i / n) * 10 * 3600_000)).toISOString();
        doc.run(docId, type, `B${docId}`, `bench-${docId}`, userId, at, at);
        for (let j = 0; j < perDoc && i + j < n; j++) {
          // A skewed pick: a few products move most (ABC-like).
          const p = productIds[Math.floor(random() ** 2 * productIds.length)]!;
          const q = 1 + Math.floor(random() * 24);
          const c = costs.get(p)!;
          const good = goodBins[(p + j) % goodBins.length]!;
          if (type === 'damageTransfer') {
            mov.run(docId, type, p, 'good', good, -q, c, at, userId);
            mov.run(docId, type, p, 'damaged', damagedBin, q, c, at, userId);
            j++;
          } else if (type === 'giftIssue') mov.run(docId, type, p, 'gift', giftBin, -q, c, at, userId);
          else if (type === 'disposal') mov.run(docId, type, p, 'damaged', damagedBin, -q, c, at, userId);
          else if (type === 'receipt')
            mov.run(docId, type, p, j % 5 === 0 ? 'gift' : 'good', j % 5 === 0 ? giftBin : good, q * 20, c, at, userId);
          else if (type === 'returnReceipt')
            mov.run(docId, type, p, j % 2 ? 'damaged' : 'good', j % 2 ? damagedBin : good, q, c, at, userId);
          else if (type === 'dispatchIssue') mov.run(docId, type, p, 'good', good, -q, c, at, userId);
          else mov.run(docId, type, p, 'good', good, random() < 0.5 ? q : -q, c, at, userId);
        }
        written += Math.min(perDoc, n - i);
        docId++;
      }
    }
  })();
  const tLoad = performance.now();
  sqlite.exec(
    'CREATE INDEX movements_product ON movements(product_id, id); CREATE INDEX movements_document ON movements(document_id);',
  );
  const tIndex = performance.now();
  sqlite.transaction(() => {
    sqlite.exec('DELETE FROM period_figures; DELETE FROM period_months;');
    sqlite.exec(buildPeriodFiguresSql);
  })();
  const tBuild = performance.now();
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  const movements = (sqlite.prepare('SELECT COUNT(*) AS n FROM movements').get() as { n: number }).n;
  const figures = (sqlite.prepare('SELECT COUNT(*) AS n FROM period_figures').get() as { n: number }).n;
  return { loadMs: tLoad - t0, indexMs: tIndex - tLoad, buildMs: tBuild - tIndex, movements, figures };
}
