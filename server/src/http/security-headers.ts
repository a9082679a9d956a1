import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * The Content-Security-Policy of every response. Scripts, styles sheets, fonts, images and connections come from
 * this origin only ('self' covers ws: and wss: of the same host in CSP Level 3, which the sync socket uses); no
 * inline or evaluated script. Inline *styles* are allowed: ProseMirror decorations and y-prosemirror's remote
 * cursors set `style` attributes (the cursor's colour), and the diff's print page, opened from a blob URL,
 * inherits this policy and carries its own `<style>`. Nothing may frame Travaux (clickjacking).
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Security headers on every response (API, client assets, the SPA fallback, errors): the CSP above,
 * `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer` (an invitation link is a secret, and must not
 * leak to another site in a Referer), `X-Frame-Options: DENY`. HSTS is left to the TLS proxy in front.
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    referrerPolicy: 'no-referrer',
    xContentTypeOptions: 'nosniff',
    xFrameOptions: 'DENY',
    strictTransportSecurity: false,
  });
}
