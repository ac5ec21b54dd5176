import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Actor } from '../domain/access.ts';

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
    actor?: Actor;
    token?: string;
  }
}

export interface Logger {
  info(o: object, m: string): void;
  warn(o: object, m: string): void;
  error(o: object, m: string): void;
}

/**
 * Gives each request an id (a sane incoming X-Request-Id is kept, so a proxy's id carries
 * through), echoes it, and logs one line per request: path only, never queries or bodies,
 * which can hold personal data and search terms.
 */
export const requestContext =
  (log: Logger): RequestHandler =>
  (req, res, next) => {
    const incoming = req.get('x-request-id');
    req.id = incoming && /^[A-Za-z0-9._-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    const started = performance.now();
    res.on('finish', () => {
      log.info(
        {
          reqId: req.id,
          method: req.method,
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
          userId: req.actor?.id,
        },
        'request',
      );
    });
    next();
  };
