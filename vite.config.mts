// Vite builds the renderer only; the Node bundles (main, preload, cli) are
// esbuild's job in scripts/build.mjs. Tests have their own vitest.config.mts, so
// this root (renderer/) never leaks into test paths.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { contentSecurityPolicyMeta } from './electron/csp';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Writes the CSP into the built index.html as well, a second layer behind the
 * header that the Electron host (app://, electron/appProtocol.ts) and the
 * station host send. Build only: the dev server needs inline scripts for
 * React Fast Refresh.
 */
const cspMetaTag: Plugin = {
  name: 'cangwu-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicyMeta },
      injectTo: 'head-prepend',
    },
  ],
};

export default defineConfig({
  root: here('./renderer'),
  // Relative asset URLs, so the same build loads from app://cangwu/ in
  // Electron and from http(s):// in the station host.
  base: './',
  plugins: [react(), cspMetaTag],
  build: {
    outDir: here('./dist/renderer'),
    emptyOutDir: true,
    // No source maps in a build: the station host would hand the whole source
    // (10 MB) to any browser on the LAN. CANGWU_SOURCEMAPS=1 npm run build for
    // debugging a build locally; the dev server has its own.
    sourcemap: process.env.CANGWU_SOURCEMAPS === '1',
    // AG Grid alone is well over Vite's 500 kB default; the bundle is read
    // from local disk or the LAN, so the warning is noise.
    chunkSizeWarningLimit: 4000,
  },
});
