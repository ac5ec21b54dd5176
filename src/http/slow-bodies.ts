/**
 * Slow request bodies end. Node's own `requestTimeout` would cut a legitimate 1 GB upload on an
 * office line as surely as a client that sends a login body one byte at a time (and keeps its
 * connection and memory as long as it likes); so instead every body must arrive at a minimum
 * average rate once a grace period has passed. A body that falls behind gets 408 and its
 * connection is closed, whether or not the app already answered (an early 403 or 413 leaves
 * Node reading and discarding the rest of the body).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { TYPE_BASE } from './problem.ts';

export interface BodyRate {
  /** A body may take this long whatever its rate (a small body, a slow start). */
  graceMs: number;
  /** After the grace period, the average rate since the request began must stay at or above this. */
  minBytesPerSecond: number;
  /** How often bodies in flight are checked; default 1 s. */
  checkEveryMs?: number;
}

const hasBody = (req: IncomingMessage) => Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;

const timeOut = (req: IncomingMessage, res: ServerResponse, rule: BodyRate) => {
  const socket = req.socket;
  const close = () => socket.destroy();
  if (res.headersSent) return close();
  const detail = `the request body arrived slower than ${Math.round(rule.minBytesPerSecond / 1024)} KB/s; send it again on a faster connection`;
  res.writeHead(408, { 'content-type': 'application/problem+json', connection: 'close' });
  res.end(JSON.stringify({ type: `${TYPE_BASE}request-timeout`, title: 'Request timeout', status: 408, detail }), close);
  setTimeout(close, 1000).unref(); // a client that does not read the answer either
};

/** Watches every request body on `server` against `rule`. */
export const endSlowBodies = (server: Server, rule: BodyRate): void => {
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!hasBody(req)) return;
    const started = Date.now();
    const startBytes = req.socket.bytesRead;
    const timer = setInterval(() => {
      if (req.complete || req.socket.destroyed) return clearInterval(timer);
      const elapsed = Date.now() - started;
      if (elapsed < rule.graceMs) return;
      if ((req.socket.bytesRead - startBytes) / (elapsed / 1000) >= rule.minBytesPerSecond) return;
      clearInterval(timer);
      timeOut(req, res, rule);
    }, rule.checkEveryMs ?? 1000);
    timer.unref();
    req.once('close', () => clearInterval(timer));
  });
};
