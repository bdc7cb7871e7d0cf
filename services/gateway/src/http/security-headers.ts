import type { FastifyInstance } from 'fastify';

const API_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'cross-origin-opener-policy': 'same-origin',
  'cache-control': 'no-store',
};

/** JSON responses never need scripts, styles or frames; the docs page does, so it gets its own CSP. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";
const DOCS_CSP = "default-src 'self'; img-src 'self' data: validator.swagger.io; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'";

const API_SET = Object.freeze({ ...API_HEADERS, 'content-security-policy': API_CSP });
const DOCS_SET = Object.freeze({ ...API_HEADERS, 'content-security-policy': DOCS_CSP });

/**
 * Set when the request arrives (a synchronous hook: this runs on every request), so every
 * answer carries them, errors included, and a route may still override one (e.g. cache-control).
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.url.startsWith('/docs') ? DOCS_SET : API_SET);
    done();
  });
}
