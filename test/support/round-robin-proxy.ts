/**
 * A small HTTP load balancer for the many-process tests: each request goes to the next backend
 * in turn (not each connection, so a keep-alive client still reaches every process), and a
 * backend that refuses the connection (a process killed or restarting) is skipped for the next,
 * as nginx's `proxy_next_upstream error` does. Bodies are buffered first so a request refused
 * before it was sent can be sent again; the tests' files are small.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  url: string;
  /** Which backend (index into the list) answered each request so far. */
  answeredBy: number[];
  close(): Promise<void>;
}

export const startRoundRobinProxy = async (backends: () => string[]): Promise<RoundRobinProxy> => {
  let next = 0;
  const answeredBy: number[] = [];
  const forward = (targets: string[], first: number, tried: number, req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): void => {
    if (tried >= targets.length) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end('no backend answered');
      return;
    }
    // Retries go to the next backend after the refused one, whatever other requests took meanwhile.
    const index = (first + tried) % targets.length;
    const target = new URL(targets[index]!);
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host, 'content-length': String(body.length) },
      },
      (answer) => {
        answeredBy.push(index);
        res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(res);
      },
    );
    upstream.on('error', (e: NodeJS.ErrnoException) => {
      // Refused before anything was sent: the request never reached a server, try the next one.
      if (e.code === 'ECONNREFUSED' && !res.headersSent) return forward(targets, first, tried + 1, req, body, res);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end(`backend failed: ${e.code ?? e.message}`);
      else res.destroy();
    });
    upstream.end(body);
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = { ...req.headers };
      delete headers['transfer-encoding'];
      req.headers = headers;
      forward(backends(), next++, 0, req, Buffer.concat(chunks), res);
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answeredBy,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
