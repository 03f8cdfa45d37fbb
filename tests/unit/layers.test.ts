// The lint rules that hold the architecture together (GUIDE: "Runtime decides
// the folder", "a lint rule forbids literal UI strings"), exercised through
// the real eslint.config.js on small snippets placed, virtually, in each folder.
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** Rule ids reported for `code` as if it lived at `file` (relative to the repo). */
async function rulesFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  const messages = result?.messages ?? [];
  // A parse error would make every "no error" assertion pass vacuously.
  expect(messages.filter((m) => m.fatal)).toEqual([]);
  return messages.map((m) => m.ruleId ?? '');
}

const importOf = (source: string) => `import * as m from '${source}';\nexport const x = m;\n`;

describe('layer rules', { timeout: 30_000 }, () => {
  it.each([
    'node:fs',
    'fs',
    'fs/promises',
    'path',
    'crypto',
    'node:worker_threads',
    'electron',
    'react',
    'react-dom/client',
    'better-sqlite3',
    '../electron/core/core',
    '../../electron/main',
    '../renderer/app/App',
  ])('shared/ may not import %s', async (source) => {
    expect(await rulesFor('shared/contract/example.ts', importOf(source))).toContain('no-restricted-imports');
  });

  it.each(['zod', './result', '../errors'])('shared/ may import %s', async (source) => {
    expect(await rulesFor('shared/contract/example.ts', importOf(source))).toEqual([]);
  });

  it('shared/ may not reach Node or the DOM through globals', async () => {
    const rules = await rulesFor(
      'shared/example.ts',
      'export const a = process.env.HOME;\nexport const b = window.location.href;\nexport const c = document.title;\n',
    );
    expect(rules.filter((r) => r === 'no-restricted-globals')).toHaveLength(3);
  });

  it.each(['electron', 'electron/renderer', '../electron/core/core', '../../electron/preload', 'node:fs', 'path'])(
    'renderer/ may not import %s',
    async (source) => {
      expect(await rulesFor('renderer/api/example.ts', importOf(source))).toContain('no-restricted-imports');
    },
  );

  it.each(['../../shared/contract', './electron', 'react', 'react-i18next'])(
    'renderer/ may import %s',
    async (source) => {
      expect(await rulesFor('renderer/api/example.ts', importOf(source))).toEqual([]);
    },
  );

  it('electron/core/ may not import the electron package', async () => {
    expect(await rulesFor('electron/core/stock/example.ts', importOf('electron'))).toContain('no-restricted-imports');
  });

  it('electron/core/ may import Node built-ins and the shared contract', async () => {
    expect(await rulesFor('electron/core/stock/example.ts', importOf('node:fs'))).toEqual([]);
    expect(await rulesFor('electron/core/stock/example.ts', importOf('../../../shared/contract'))).toEqual([]);
  });

  it('the Electron host (main, preload) may import electron', async () => {
    expect(await rulesFor('electron/main.ts', importOf('electron'))).toEqual([]);
    expect(await rulesFor('electron/preload.ts', importOf('electron'))).toEqual([]);
  });
});

describe('cangwu/no-literal-ui-string', { timeout: 30_000 }, () => {
  const component = (jsx: string) =>
    `const t = (k: string) => k;\nconst n = 3;\nexport function C() {\n  return ${jsx};\n}\nvoid t; void n;\n`;
  const literalRule = 'cangwu/no-literal-ui-string';

  it.each([
    ['English text', '<p>Stock balances</p>'],
    ['Chinese text', '<p>库存余额</p>'],
    ['a string in braces', "<p>{'Save'}</p>"],
    ['a template literal in braces', '<p>{`保存`}</p>'],
    ['a literal placeholder', '<input placeholder="Search products" />'],
    ['a literal title in braces', "<button title={'Close'} />"],
    ['a literal aria-label', '<button aria-label="关闭" />'],
    ['a literal alt', '<img alt="Logo" />'],
    ['a literal label', '<option label="Good" />'],
  ])('refuses %s', async (_what, jsx) => {
    expect(await rulesFor('renderer/pages/Example.tsx', component(jsx))).toContain(literalRule);
  });

  it.each([
    ['t() text', "<p>{t('stock.balances.title')}</p>"],
    ['punctuation and numbers around expressions', '<p> · {n} / 100 — </p>'],
    ['HTML entities for spacing and symbols', '<p>&nbsp;&mdash;{n}&times;</p>'],
    ['an empty alt for a decorative image', '<img alt="" />'],
    ['non-text attributes', '<div className="grid" data-testid="balances" id="main" />'],
    ['t() in a placeholder', "<input placeholder={t('products.search')} />"],
  ])('allows %s', async (_what, jsx) => {
    expect(await rulesFor('renderer/pages/Example.tsx', component(jsx))).not.toContain(literalRule);
  });

  it('applies to renderer .tsx files only', async () => {
    expect(await rulesFor('tests/e2e/Example.tsx', component('<p>Stock</p>'))).not.toContain(literalRule);
  });
});
