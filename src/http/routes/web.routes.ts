import { createReadStream, existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Request, type Response, Router } from 'express';

/**
 * The web UI's policy: scripts, styles, fonts and requests only from this origin; images and
 * frames also from blob: URLs the UI makes itself (document previews, the TOTP QR code).
 * object-src allows blob: because the browser's PDF viewer in a preview frame counts as a
 * plugin; nothing else is embeddable. No inline script or style anywhere.
 */
export const UI_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob:",
  'frame-src blob:',
  'object-src blob:',
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** Paths the shell never answers: the API, probes, the public verification page, assets. */
const NOT_UI = /^\/(api|healthz|readyz|verify|assets)(\/|$)/;
/** `app-3GQ4X2ZB.js`: a name with a content hash never changes its bytes, so it may be cached for good. */
const HASHED = /-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** dist/web next to the package.json above this file, whether it runs from src/ (tsx) or dist/src/. */
const defaultDir = (): string => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'dist', 'web');
};

const uiHeaders = (res: Response) => {
  res.setHeader('Content-Security-Policy', UI_CSP);
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
};

/** Which precompressed copy to send: brotli whenever accepted (browsers list gzip first), else gzip. */
const encodingFor = (req: Request): 'br' | 'gzip' | null => {
  if (req.acceptsEncodings('br') === 'br') return 'br';
  return req.acceptsEncodings('gzip') === 'gzip' ? 'gzip' : null;
};

const escapeAttr = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The office's name and time zone as meta tags the UI reads before anyone logs in (times in the office's zone, with WIB/WITA/WIT). */
const withOffice = (html: Buffer, office: { name: string; timeZone: string }): Buffer =>
  Buffer.from(
    html
      .toString('utf8')
      .replace(
        '</head>',
        `<meta name="naskah-office" content="${escapeAttr(office.name)}">\n<meta name="naskah-time-zone" content="${escapeAttr(office.timeZone)}">\n</head>`,
      ),
  );

/**
 * Serves the built web UI (`npm run build:web` writes dist/web): hashed assets with a year's
 * cache and their brotli/gzip copies, and the single-page shell for every browser navigation
 * outside the API (with the office's name and time zone). Mounted after the API routes, so any
 * route registered before it wins.
 */
export const webRoutes = (o: { dir?: string; office?: () => Promise<{ name: string; timeZone: string }> } = {}): Router => {
  const dir = o.dir ?? defaultDir();
  const assets = path.join(dir, 'assets');
  const r = Router();

  r.get('/assets/:file', async (req, res, next) => {
    const name = String(req.params.file);
    const type = CONTENT_TYPES[path.extname(name)];
    if (!SAFE_NAME.test(name) || !type) return next();
    const file = path.join(assets, name);
    const plain = await stat(file).catch(() => null);
    if (!plain?.isFile()) return next();
    const enc = encodingFor(req);
    const packed = enc ? await stat(`${file}.${enc === 'br' ? 'br' : 'gz'}`).catch(() => null) : null;
    res.setHeader('Content-Type', type);
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Cache-Control', HASHED.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (packed?.isFile() && enc) res.setHeader('Content-Encoding', enc);
    res.setHeader('Content-Length', String(packed?.isFile() ? packed.size : plain.size));
    if (req.method === 'HEAD') return void res.end();
    const stream = createReadStream(packed?.isFile() && enc ? `${file}.${enc === 'br' ? 'br' : 'gz'}` : file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  });

  // The shell, re-read when a rebuild changes it (a stat per navigation is cheap).
  let cached: { mtimeMs: number; html: Buffer } | null = null;
  const readShell = async (): Promise<Buffer | null> => {
    const file = path.join(dir, 'index.html');
    const s = await stat(file).catch(() => null);
    if (!s) return null;
    if (cached?.mtimeMs !== s.mtimeMs) cached = { mtimeMs: s.mtimeMs, html: await readFile(file) };
    return cached.html;
  };

  r.get(/.*/, async (req, res, next) => {
    // Only a browser navigation (it asks for HTML first); API clients asking */* get the 404 problem.
    if (NOT_UI.test(req.path) || req.accepts(['application/json', 'text/html']) !== 'text/html') return next();
    const html = await readShell();
    uiHeaders(res);
    res.setHeader('Cache-Control', 'no-cache');
    if (!html) {
      res.status(503).type('text/plain').send('The web UI is not built yet: run `npm run build:web` (npm start does it).\n');
      return;
    }
    res
      .status(200)
      .type('text/html; charset=utf-8')
      .send(o.office ? withOffice(html, await o.office()) : html);
  });
  return r;
};
