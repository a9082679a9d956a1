import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * The Content-Security-Policy of every response. Scripts, style sheets, fonts, images and connections come from
 * this origin only ('self' covers ws: and wss: of the same host in CSP Level 3, which the sync socket uses); no
 * inline or evaluated script. Inline *styles* are allowed for one reason: the diff's print page (diff.html),
 * which the client fetches and opens from a blob URL, inherits this policy and carries its own `<style>` and
 * colour attributes. (The editor needs none: ProseMirror and React set styles through the CSSOM, which CSP does
 * not govern.) Nothing may frame Travaux (clickjacking).
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
