// The Content-Security-Policy of the console, in one place for every host:
// the Electron host sends it as a header, the renderer build (vite.config.mts) writes it into
// index.html (file:// pages get no headers, so there the meta tag is what
// Chromium enforces), and the station host can send the header too.
const directives: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  // AG Grid injects its theme as <style> elements at run time.
  ['style-src', "'self' 'unsafe-inline'"],
  // Vite inlines small assets as data: URLs; AG Grid's icons are data: SVGs.
  ['img-src', "'self' data:"],
  ['font-src', "'self' data:"],
  // Scan feedback sounds (resources/sounds, or inlined by Vite).
  ['media-src', "'self' data:"],
  // 'self' covers the station host's same-origin WebSocket (ws:/wss:) too.
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['frame-ancestors', "'none'"],
];

/** The policy for an HTTP header. */
export const contentSecurityPolicy = directives.map(([k, v]) => `${k} ${v}`).join('; ');

/** The same policy for a <meta> tag, which must not carry frame-ancestors (Chromium ignores it there and warns). */
export const contentSecurityPolicyMeta = directives
  .filter(([k]) => k !== 'frame-ancestors')
  .map(([k, v]) => `${k} ${v}`)
  .join('; ');
