/**
 * Uploads a file from disk as POST /api/v1/documents with a hand-built multipart envelope,
 * streaming the file (1 MiB reads) straight into the socket, so the client holds no more than
 * a few chunks and is never the bottleneck.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';

export interface StreamUploadResult {
  status: number;
  body: Record<string, unknown>;
  /** Seconds from the first byte sent to the last byte of the answer. */
  seconds: number;
  bytes: number;
}

export const streamUpload = async (
  url: string,
  token: string,
  filePath: string,
  filename: string,
  fields: Record<string, string> = {},
): Promise<StreamUploadResult> => {
  const { size } = await stat(filePath);
  const boundary = `----naskah-bench-${randomBytes(12).toString('hex')}`;
  const pre = Buffer.from(
    `${Object.entries(fields)
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join('')}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const post = Buffer.from(`\r\n--${boundary}--\r\n`);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}/api/v1/documents`,
      {
        method: 'POST',
        agent: false,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(pre.length + size + post.length),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          let body: Record<string, unknown>;
          try {
            body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
          } catch {
            body = { raw: text.slice(0, 300) };
          }
          resolve({ status: res.statusCode ?? 0, body, seconds: (performance.now() - t0) / 1000, bytes: size });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.write(pre);
    const file = createReadStream(filePath, { highWaterMark: 1024 * 1024 });
    file.on('error', (e) => req.destroy(e));
    file.pipe(req, { end: false });
    file.on('end', () => req.end(post));
  });
};
