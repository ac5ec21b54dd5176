import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ClamdAddress } from '../../src/config/config.ts';

/**
 * A stand-in for clamd, written from clamd(8) rather than from our client: it reads `zINSTREAM\0`
 * then 4-byte big-endian length frames up to a zero length, and answers `stream: OK`, `stream:
 * <Name> FOUND` (the MD5 of the whole stream names it, like a .hdb signature) or clamd's size-limit
 * error, NUL-terminated; `zPING\0` gets `PONG`. `behaviour` makes it misbehave the ways a real one can.
 */
export type FakeBehaviour = 'normal' | 'silent' | 'garbage' | 'hangup' | 'cut' | 'chatter';

export interface FakeClamd {
  address: ClamdAddress;
  behaviour: FakeBehaviour;
  /** Streams that reached their terminator, and their sizes. */
  scanned: number[];
  stop(): Promise<void>;
}

export const md5 = (b: Uint8Array): string => createHash('md5').update(b).digest('hex');

export const startFakeClamd = async (o: { signatures: Map<string, string>; maxStreamBytes: number; tcp?: boolean }): Promise<FakeClamd> => {
  const dir = o.tcp ? null : await mkdtemp(path.join(os.tmpdir(), 'naskah-fakeclamd-'));
  const sockets = new Set<net.Socket>();
  const fake: FakeClamd = { address: { path: '' }, behaviour: 'normal', scanned: [], stop: async () => undefined };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (fake.behaviour === 'hangup') return void socket.destroy();
    if (fake.behaviour === 'chatter') return void socket.write(Buffer.alloc(64 * 1024, 'a'));
    let buf = Buffer.alloc(0);
    let command: string | null = null;
    const hash = createHash('md5');
    let size = 0;
    const answer = (text: string) => {
      if (fake.behaviour === 'silent') return;
      socket.end(fake.behaviour === 'garbage' ? 'WHAT?\0' : `${text}\0`);
    };
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (command === null) {
        const nul = buf.indexOf(0);
        if (nul < 0) return;
        command = buf.subarray(0, nul).toString('latin1');
        buf = buf.subarray(nul + 1);
        if (command === 'zPING') return answer('PONG');
        if (command !== 'zINSTREAM') return answer('UNKNOWN COMMAND');
      }
      while (buf.length >= 4) {
        const n = buf.readUInt32BE(0);
        if (n === 0) {
          buf = buf.subarray(4);
          fake.scanned.push(size);
          const name = o.signatures.get(hash.digest('hex'));
          return answer(name ? `stream: ${name} FOUND` : 'stream: OK');
        }
        if (size + n > o.maxStreamBytes) {
          // clamd answers and closes without reading the rest ('cut': the answer is lost on the way).
          if (fake.behaviour === 'cut') return void socket.destroy();
          socket.end('INSTREAM size limit exceeded. ERROR\0');
          return void setTimeout(() => socket.destroy(), 10);
        }
        if (buf.length < 4 + n) return;
        hash.update(buf.subarray(4, 4 + n));
        size += n;
        buf = buf.subarray(4 + n);
      }
    });
  });
  await new Promise<void>((resolve) => (dir ? server.listen(path.join(dir, 'clamd.sock'), resolve) : server.listen(0, '127.0.0.1', resolve)));
  const a = server.address();
  fake.address = typeof a === 'string' ? { path: a } : { host: '127.0.0.1', port: a!.port };
  fake.stop = async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (dir) await rm(dir, { recursive: true, force: true });
  };
  return fake;
};
