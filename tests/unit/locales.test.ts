// The two UI languages stay complete and in step (GUIDE: "a test checks both
// locales have the same keys"): same namespaces, same keys, no empty text, the
// same {{placeholders}}, a translation for every error code and every domain
// word, and every key the renderer asks for by name actually exists.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importReasons } from '../../shared/catalogue/productCsv';
import { documentStates, locales, movementTypes, roles, stockStatuses } from '../../shared/domain';
import { errorCodes } from '../../shared/errors';
import { clientErrorCodes } from '../../renderer/api/errors';
import { namespaces, resources, type Messages } from '../../renderer/locales';

const localesDir = path.resolve(__dirname, '../../renderer/locales');
const rendererDir = path.resolve(__dirname, '../../renderer');

/** "a.b.c" → leaf, for every leaf of a namespace. */
function flatten(messages: Messages, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(messages)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
    } else out.set(key, v);
  }
  return out;
}

const flat = Object.fromEntries(
  locales.map((l) => [l, Object.fromEntries(namespaces.map((ns) => [ns, flatten(resources[l][ns])]))]),
) as Record<(typeof locales)[number], Record<(typeof namespaces)[number], Map<string, unknown>>>;

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

function has(locale: (typeof locales)[number], fullKey: string): boolean {
  const [ns, key] = fullKey.split(':') as [(typeof namespaces)[number], string];
  const v = flat[locale][ns]?.get(key);
  return typeof v === 'string' && v.trim() !== '';
}

describe('locales', () => {
  it('has a folder per locale holding exactly the registered namespaces', () => {
    for (const l of locales) {
      const files = fs
        .readdirSync(path.join(localesDir, l))
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.replace(/\.json$/, ''))
        .sort();
      expect(files).toEqual([...namespaces].sort());
    }
  });

  it('registers the same JSON the folders hold', () => {
    for (const l of locales)
      for (const ns of namespaces) {
        const onDisk = JSON.parse(fs.readFileSync(path.join(localesDir, l, `${ns}.json`), 'utf8')) as Messages;
        expect(resources[l][ns]).toEqual(onDisk);
      }
  });

  it.each(namespaces)('zh-CN and en have exactly the same keys in %s', (ns) => {
    const zh = [...flat['zh-CN'][ns].keys()].sort();
    const en = [...flat.en[ns].keys()].sort();
    expect(zh.filter((k) => !en.includes(k))).toEqual([]);
    expect(en.filter((k) => !zh.includes(k))).toEqual([]);
  });

  it.each(namespaces)('every value in %s is a non-empty string in both locales', (ns) => {
    for (const l of locales) {
      const bad = [...flat[l][ns]]
        .filter(([, v]) => typeof v !== 'string' || v.trim() === '')
        .map(([k]) => `${l}:${k}`);
      expect(bad).toEqual([]);
    }
  });

  it.each(namespaces)('both translations of each key in %s use the same {{placeholders}}', (ns) => {
    const mismatched = [...flat['zh-CN'][ns]]
      .filter(([k, v]) => {
        const en = flat.en[ns].get(k);
        return typeof v === 'string' && typeof en === 'string' && placeholders(v).join() !== placeholders(en).join();
      })
      .map(([k]) => k);
    expect(mismatched).toEqual([]);
  });

  it('uses no English text as a key (keys are identifiers)', () => {
    for (const ns of namespaces)
      for (const k of flat['zh-CN'][ns].keys()) expect(k, `${ns}:${k}`).toMatch(/^[A-Za-z][\w.-]*$/);
  });
});

describe('domain words and error codes', () => {
  it.each(errorCodes)('error code %s is translated in both locales', (code) => {
    for (const l of locales) expect(has(l, `errors:${code}`), `${l} errors:${code}`).toBe(true);
  });

  it.each([...clientErrorCodes, 'unknown'])('client error %s is translated', (code) => {
    for (const l of locales) expect(has(l, `errors:${code}`)).toBe(true);
  });

  it.each(roles)('role %s has a label in both locales', (r) => {
    for (const l of locales) expect(has(l, `domain:role.${r}`)).toBe(true);
  });

  it.each(stockStatuses)('stock status %s has a label in both locales', (s) => {
    for (const l of locales) expect(has(l, `domain:status.${s}`)).toBe(true);
  });

  it.each(movementTypes)('movement type %s has a label in both locales', (m) => {
    for (const l of locales) expect(has(l, `domain:movementType.${m}`)).toBe(true);
  });

  it.each(documentStates)('document state %s has a label in both locales', (s) => {
    for (const l of locales) expect(has(l, `domain:documentState.${s}`)).toBe(true);
  });

  it.each(importReasons)('import reason %s is translated in both locales', (r) => {
    for (const l of locales) expect(has(l, `products:reason.${r}`)).toBe(true);
  });

  it('the R5 refusal names product, status, location and shortfall in both locales', () => {
    for (const l of locales) {
      const text = flat[l].errors.get('stock.wouldGoNegative') as string;
      expect(placeholders(text)).toEqual(expect.arrayContaining(['product', 'status', 'location', 'shortfall']));
    }
  });

  it('AG Grid texts cover the filter menu, "no rows" and loading', () => {
    for (const l of locales)
      for (const k of ['noRowsToShow', 'loadingOoo', 'equals', 'contains', 'filterOoo', 'pageSizeSelectorLabel'])
        expect(has(l, `grid:ag.${k}`), `${l} grid:ag.${k}`).toBe(true);
  });
});

describe('keys used by the renderer', () => {
  function sourceFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'locales' ? [] : sourceFiles(p);
      return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
    });
  }

  it('every literal "namespace:key" in renderer/ exists', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(rendererDir)) {
      const text = fs.readFileSync(file, 'utf8');
      // Literal keys only; keys built from a value (`domain:status.${s}`) are covered above.
      for (const m of text.matchAll(/['"]((?:[a-z]+)):([A-Za-z][\w.-]*)['"]/g)) {
        const [, ns, key] = m as unknown as [string, string, string];
        if (!(namespaces as readonly string[]).includes(ns)) continue;
        const tree = flat['zh-CN'][ns as (typeof namespaces)[number]];
        // A key may name a whole section (grid:ag, read with returnObjects).
        const found = tree.has(key) || [...tree.keys()].some((k) => k.startsWith(`${key}.`));
        if (!found) missing.push(`${path.relative(rendererDir, file)}: ${ns}:${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
