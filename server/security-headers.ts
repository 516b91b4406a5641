import type { ServerResponse } from 'node:http'

/**
 * The Content-Security-Policy of the app. No inline or remote script, ever: a member's note is
 * rendered in every other member's browser, so an injection must find nothing to run; no
 * inline style either, since Solid sets the few dynamic styles through the CSSOM
 * (`style.setProperty`), which CSP does not govern. Sync is a WebSocket to this origin only:
 * CSP Level 3 browsers (Chrome 71+, Safari 16+, Firefox) let 'self' match `ws:`/`wss:` on the
 * same host and port, so there is no `ws:`/`wss:` source, which would allow any host.
 * 'wasm-unsafe-eval' lets pdf.js compile its WebAssembly image decoders (JPEG 2000, JBIG2),
 * which the build serves from this origin; it allows compiling WebAssembly only, never `eval`
 * of a string, and a page must already be running script to ask for it.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** Headers sent with every HTTP response of the server, app or API. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  // Invite keys travel in the URL fragment, which is never sent; no-referrer also keeps group
  // ids out of the logs of sites that papers link to.
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
}

/** Sets {@link SECURITY_HEADERS} on a response before anything is written. */
export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value)
}
