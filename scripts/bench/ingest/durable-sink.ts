/**
 * The least any durable upload over HTTP costs on this machine, as a reference: a bare Node
 * http server (run as its own process) that hashes each request body with SHA-256 and writes it
 * to a temp file with fsync before answering, then deletes the file. No multipart parsing, no
 * PDF inspection, no database. Prints `PORT <n>` when listening.
 *   node --import tsx scripts/bench/ingest/durable-sink.ts <dir>
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const dir = process.argv[2];
if (!dir) throw new Error('usage: durable-sink.ts <dir>');

const server = http.createServer((req, res) => {
  const file = path.join(dir, `sink-${randomUUID()}`);
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      bytes += chunk.length;
      cb(null, chunk);
    },
  });
  // The product's staging buffer (1 MiB); fsync before close, so the answer waits for the disk.
  pipeline(req, meter, createWriteStream(file, { flags: 'wx', highWaterMark: 1024 * 1024, flush: true }))
    .then(
      () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ bytes, sha256: hash.digest('hex') })),
      (e: unknown) => res.writeHead(500).end(String(e)),
    )
    .finally(() => void rm(file, { force: true }));
});
server.listen(0, '127.0.0.1', () => {
  const a = server.address();
  console.log(`PORT ${typeof a === 'object' && a ? a.port : 0}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
