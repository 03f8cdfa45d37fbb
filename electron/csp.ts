// The Content-Security-Policy of the console, in one place for every host: the
// Electron host sends it as a header on every app:// response (appProtocol.ts),
// the station host sends it on its HTTP responses (server.ts), and the renderer
// build (vite.config.mts) also writes it into index.html as a <meta> tag.
//
// The policy is ONE string literal on purpose: a reviewer reads it whole, and
// so does Electronegativity's CSP check, which can evaluate a policy only when
// it sees a literal assigned to a 'Content-Security-Policy' key (a policy
// assembled at run time shows up as "failed to parse CSP"). Its directives:
// - script-src 'self': only the bundled scripts; no inline script, no eval.
// - style-src 'unsafe-inline': AG Grid injects its theme as <style> elements.
// - data: for img/font/media: Vite inlines small assets, AG Grid's icons are
//   data: SVGs, scan sounds may be inlined.
// - connect-src 'self': the station host's same-origin WebSocket (ws:/wss:).
// - object-src/base-uri 'none', frame-ancestors 'none': no plugins, no <base>
//   hijack, never framed.

/** Response headers every page and asset of the console carries. */
export const securityHeaders: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
securityHeaders['Content-Security-Policy'] =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; media-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** The policy for an HTTP header. */
// (The fallback is never taken; it keeps the type a string, and fails closed.)
export const contentSecurityPolicy: string = securityHeaders['Content-Security-Policy'] ?? "default-src 'none'";

/** The same policy for a <meta> tag, which must not carry frame-ancestors (Chromium ignores it there and warns). */
export const contentSecurityPolicyMeta = contentSecurityPolicy
  .split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors '))
  .join('; ');
