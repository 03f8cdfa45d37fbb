// ESLint flat config. Recommended rules plus the two things the guide says the
// build must enforce: the runtime layers (shared / renderer / electron core) and
// "no literal UI strings" in the renderer. Type-aware linting stays off on
// purpose: it would triple lint time for little gain over `tsc --noEmit`.
//
// CommonJS because package.json has no "type": Node would otherwise re-parse an
// ESM config and print a MODULE_TYPELESS_PACKAGE_JSON warning on every run.
const { builtinModules } = require('node:module');
const { defineConfig, globalIgnores } = require('eslint/config');
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const reactHooks = require('eslint-plugin-react-hooks');

// ---------------------------------------------------------------------------
// cangwu/no-literal-ui-string: every user-visible string goes through i18next
// `t()` so both locales stay complete. Text with no letter or CJK character
// (punctuation, "·", "—", digits, an empty alt) is layout, not language.
const hasWords = (s) => /\p{L}/u.test(s);
const textAttributes = new Set([
  'title',
  'placeholder',
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'alt',
  'label',
]);

/** The literal string an expression stands for, when it is one; else null. */
function literalText(node) {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? '';
  return null;
}

const noLiteralUiString = {
  meta: {
    type: 'problem',
    docs: { description: 'UI text must come from i18next t(), not a literal in JSX' },
    messages: {
      text: 'Literal UI text "{{text}}": use t() with a key in renderer/locales.',
      attribute: 'Literal "{{name}}" text "{{text}}": use t() with a key in renderer/locales.',
    },
    schema: [],
  },
  create(context) {
    const report = (node, messageId, text, name) =>
      context.report({ node, messageId, data: { text: text.trim().slice(0, 40), name } });
    return {
      JSXText(node) {
        if (hasWords(node.value)) report(node, 'text', node.value);
      },
      // <p>{'Hello'}</p> is the same literal in braces.
      'JSXElement > JSXExpressionContainer, JSXFragment > JSXExpressionContainer'(node) {
        const text = literalText(node.expression);
        if (text !== null && hasWords(text)) report(node, 'text', text);
      },
      JSXAttribute(node) {
        const name = node.name.type === 'JSXIdentifier' ? node.name.name : null;
        if (!name || !textAttributes.has(name) || !node.value) return;
        const text =
          node.value.type === 'JSXExpressionContainer' ? literalText(node.value.expression) : literalText(node.value);
        if (text !== null && hasWords(text)) report(node.value, 'attribute', text, name);
      },
    };
  },
};

const cangwu = { meta: { name: 'cangwu' }, rules: { 'no-literal-ui-string': noLiteralUiString } };

// ---------------------------------------------------------------------------
// Layer rules (GUIDE "Runtime decides the folder"). Each folder gets exactly one
// no-restricted-imports entry below: flat config replaces, not merges, a rule's
// options when two blocks match the same file.
const nodeBuiltins = [...new Set(builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.replace(/^node:/, '')))];
const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const electronPackage = {
  regex: '^electron(/.*)?$',
  message: 'Only electron/main.ts and electron/preload.ts may import the electron package.',
};
const nodeBuiltinPattern = `^(node:.*|(${nodeBuiltins.map(escapeRegex).join('|')})(/.*)?)$`;
const nodeOnly = { regex: nodeBuiltinPattern, message: 'shared/ runs in the renderer too: no Node built-ins.' };
// The renderer runs sandboxed in Chromium (and in any browser via the station host).
const nodeInRenderer = { regex: nodeBuiltinPattern, message: 'The renderer runs in a browser: no Node built-ins.' };
const sharedForbiddenPackages = {
  // DOM/UI and Node-only libraries; shared/ is the contract, pure TypeScript + zod.
  regex:
    '^(react|react-dom|react-i18next|i18next|ag-grid-.*|better-sqlite3|serialport|@serialport/.*|ws|kysely|electron-builder)(/.*)?$',
  message: 'shared/ imports no DOM, UI or Node-only library.',
};
const intoElectronFolder = {
  // Relative paths that climb to the repo's electron/ folder (not the package,
  // and not a sibling file that happens to be called ./electron).
  regex: '^(\\.\\./)+electron(/.*)?$',
  message: 'This layer must not reach into electron/ (the main process).',
};
const intoRendererFolder = {
  regex: '^(\\.\\./)+renderer(/.*)?$',
  message: 'This layer must not reach into renderer/.',
};

// Node-style globals for the plain JS files (scripts, bin, configs); TS files
// get them from @types/node via tsc, and typescript-eslint turns off no-undef.
const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'AbortController',
    'TextEncoder',
    'TextDecoder',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'queueMicrotask',
    'structuredClone',
    'fetch',
  ].map((g) => [g, 'readonly']),
);
const commonjsGlobals = {
  require: 'readonly',
  module: 'writable',
  exports: 'writable',
  __dirname: 'readonly',
  __filename: 'readonly',
};

module.exports = defineConfig(
  // Build output and scratch folders (the same ones .gitignore keeps out).
  globalIgnores(['dist/', 'release/', 'node_modules/', 'test-results/', '.vitest/', 'coverage/', 'tmp/', '.tmp*/']),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    rules: {
      // `_unused` marks a deliberately ignored argument (handler signatures).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },

  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: nodeGlobals },
  },
  {
    files: ['**/*.cjs', 'eslint.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...nodeGlobals, ...commonjsGlobals } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // --- shared/: the contract, loaded by every runtime.
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [nodeOnly, electronPackage, sharedForbiddenPackages, intoElectronFolder, intoRendererFolder] },
      ],
      // The import rule cannot see globals; these are the usual doors to Node/DOM.
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location'].map((name) => ({
          name,
          message: 'shared/ must not touch the DOM.',
        })),
        ...['process', 'Buffer', 'require', '__dirname', '__filename'].map((name) => ({
          name,
          message: 'shared/ must not touch Node.',
        })),
      ],
    },
  },

  // --- renderer/: React; reaches the core only through the contract client.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, cangwu },
    rules: {
      'no-restricted-imports': ['error', { patterns: [electronPackage, intoElectronFolder, nodeInRenderer] }],
      // The classic two. The React-Compiler rules in v7's preset are left out:
      // we do not run the compiler, and they flag ordinary effect patterns.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['renderer/**/*.tsx'],
    rules: { 'cangwu/no-literal-ui-string': 'error' },
  },

  // --- electron/core/: plain Node, so the station host and CLI can run it.
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [electronPackage, intoRendererFolder] }],
    },
  },

  // --- tests may use `any`-ish fixtures and non-null assertions freely.
  {
    files: ['tests/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
