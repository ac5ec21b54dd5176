import http from 'node:http';

/** A hand-built multipart body, for the malformed requests fetch would never send. */
export const multipart = (boundary: string, parts: { name: string; filename?: string; contentType?: string; body: Buffer | string }[], close = true): Buffer => {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    // A name with control characters goes RFC 5987-encoded, the one way a client can send them.
    const fname = p.filename === undefined ? '' : /[\u0000-\u001f]/.test(p.filename) ? `; filename*=UTF-8''${encodeURIComponent(p.filename)}` : `; filename="${p.filename}"`;
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
export const rawRequest = (url: string, token: string, path: string, contentType: string, body: Buffer, o: { abortAfter?: number; contentLength?: number } = {}): Promise<RawReply | 'aborted'> =>
  new Promise((resolve, reject) => {
    const req = http.request(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType, 'content-length': String(o.contentLength ?? body.length) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', (e) => (o.abortAfter !== undefined ? resolve('aborted') : reject(e)));
    if (o.abortAfter !== undefined) {
      req.write(body.subarray(0, o.abortAfter), () => setTimeout(() => (req.destroy(), resolve('aborted')), 100));
    } else req.end(body);
  });
