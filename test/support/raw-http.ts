import net from 'node:net';
import http from 'node:http';

/** A hand-built multipart body, for the malformed requests fetch would never send. */
export const multipart = (
  boundary: string,
  parts: { name: string; filename?: string; contentType?: string; body: Buffer | string }[],
  close = true,
): Buffer => {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    // A name with control characters goes RFC 5987-encoded, the one way a client can send them.
    const fname =
      p.filename === undefined
        ? ''
        : /[\u0000-\u001f]/.test(p.filename)
          ? `; filename*=UTF-8''${encodeURIComponent(p.filename)}`
          : `; filename="${p.filename}"`;
    const disp = `form-data; name="${p.name}"${fname}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disp}\r\n${p.contentType ? `Content-Type: ${p.contentType}\r\n` : ''}\r\n`));
    chunks.push(Buffer.isBuffer(p.body) ? p.body : Buffer.from(p.body));
    chunks.push(Buffer.from('\r\n'));
  }
  if (close) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
};

export interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Sends raw bytes as a request body; `abortAfter` sends only that many bytes, then kills the socket. */
export const rawRequest = (
  url: string,
  token: string,
  path: string,
  contentType: string,
  body: Buffer,
  o: { abortAfter?: number; contentLength?: number } = {},
): Promise<RawReply | 'aborted'> =>
  new Promise((resolve, reject) => {
    const req = http.request(
      `${url}${path}`,
      { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType, 'content-length': String(o.contentLength ?? body.length) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', (e) => (o.abortAfter !== undefined ? resolve('aborted') : reject(e)));
    if (o.abortAfter !== undefined) {
      req.write(body.subarray(0, o.abortAfter), () => setTimeout(() => (req.destroy(), resolve('aborted')), 100));
    } else req.end(body);
  });

export interface PacedReply {
  /** The status line's code, or null when the server closed without answering. */
  status: number | null;
  /** All the server sent back. */
  text: string;
  /** Milliseconds from connecting until the server closed the connection. */
  closedAfterMs: number;
  /** Bytes of the request written before the close. */
  sent: number;
}

/**
 * Writes `request` (head and body, raw) to the server: the first `atOnce` bytes at once, then
 * `chunk` bytes every `everyMs`, as a slow or hostile client would, until it is all sent or the
 * server closes the connection.
 */
export const pacedRequest = (url: string, request: Buffer, o: { chunk: number; everyMs: number; giveUpMs?: number; atOnce?: number }): Promise<PacedReply> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const started = Date.now();
    const socket = net.connect(Number(port), hostname);
    let text = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => socket.destroy(new Error(`the server kept the connection open for ${o.giveUpMs} ms`)), o.giveUpMs ?? 60_000);
    socket.setEncoding('latin1');
    socket.on('data', (c: string) => (text += c));
    socket.on('error', (e) => (e.message.startsWith('the server kept') ? reject(e) : undefined));
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      const code = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      resolve({ status: code ? Number(code) : null, text, closedAfterMs: Date.now() - started, sent });
    });
    socket.on('connect', () => {
      if (o.atOnce) {
        socket.write(request.subarray(0, o.atOnce));
        sent = o.atOnce;
      }
      const step = () => {
        if (sent >= request.length || socket.destroyed) return clearInterval(timer);
        const piece = request.subarray(sent, sent + o.chunk);
        sent += piece.length;
        socket.write(piece);
      };
      step();
      timer = setInterval(step, o.everyMs);
    });
  });

/** A raw HTTP/1.1 request: head lines and a body with its Content-Length. */
export const rawHttp = (method: string, path: string, headers: Record<string, string>, body: Buffer | string = ''): Buffer => {
  const b = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const head = [
    `${method} ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    ...Object.entries({ ...headers, 'Content-Length': String(b.length) }).map(([k, v]) => `${k}: ${v}`),
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head), b]);
};
