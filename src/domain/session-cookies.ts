/**
 * The web UI's session cookies, named here because both the server (which sets them) and the
 * UI (which reads the anti-forgery one) may import from domain/. The `__Host-` prefix makes the
 * browser refuse them unless they are Secure, for path / and without a Domain: a sibling
 * subdomain or a plain-http page on the same host cannot plant or overwrite them (cookie
 * tossing), so a planted session or a known anti-forgery token never reaches this app.
 */
export const SESSION_COOKIE = '__Host-naskah_session';
export const CSRF_COOKIE = '__Host-naskah_csrf';
