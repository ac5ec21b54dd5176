import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A local RFC 3161 timestamp authority: `openssl ts -reply` behind a tiny HTTP server on 127.0.0.1. */
export interface TestTsa {
  url: string;
  /** The TSA's root (PEM and DER): what a verifier must trust for the timestamp. */
  rootPem: string;
  rootDer: Uint8Array;
  /** Requests answered so far. */
  answered(): number;
  close(): Promise<void>;
}

const TSA_CONFIG = (dir: string) => `
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = ${dir}
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/tsa.crt
certs = $dir/tsa-root.crt
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;

/**
 * Makes a TSA root and a TSA certificate (extendedKeyUsage critical timeStamping) with the
 * openssl CLI, then serves POSTed timestamp queries one at a time (openssl keeps a serial file).
 */
export const startTsa = async (): Promise<TestTsa> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-tsa-'));
  const f = (name: string) => path.join(dir, name);
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f('tsa-root.key'),
    '-out',
    f('tsa-root.crt'),
    '-subj',
    '/O=Naskah Test/CN=Naskah Test TSA Root',
    '-days',
    '3',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  await run('openssl', [
    'req',
    '-new',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f('tsa.key'),
    '-out',
    f('tsa.csr'),
    '-subj',
    '/O=Naskah Test/CN=Naskah Test TSA',
  ]);
  await writeFile(
    f('ext.cnf'),
    'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nextendedKeyUsage=critical,timeStamping\n',
  );
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    f('tsa.csr'),
    '-CA',
    f('tsa-root.crt'),
    '-CAkey',
    f('tsa-root.key'),
    '-CAcreateserial',
    '-out',
    f('tsa.crt'),
    '-days',
    '2',
    '-extfile',
    f('ext.cnf'),
  ]);
  await writeFile(f('serial'), '01\n');
  await writeFile(f('tsa.cnf'), TSA_CONFIG(dir));
  const rootPem = await readFile(f('tsa-root.crt'), 'utf8');
  const rootDer = new Uint8Array(Buffer.from(rootPem.replace(/-----[^-]+-----|\s+/g, ''), 'base64'));

  let queue: Promise<unknown> = Promise.resolve();
  let n = 0;
  const reply = (query: Buffer): Promise<Buffer> => {
    const id = n++;
    const next = queue.then(async () => {
      await writeFile(f(`q${id}.tsq`), query);
      await run('openssl', ['ts', '-reply', '-config', f('tsa.cnf'), '-queryfile', f(`q${id}.tsq`), '-out', f(`r${id}.tsr`)]);
      const out = await readFile(f(`r${id}.tsr`));
      await rm(f(`q${id}.tsq`), { force: true });
      await rm(f(`r${id}.tsr`), { force: true });
      return out;
    });
    queue = next.catch(() => undefined);
    return next;
  };
  let answered = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.headers['content-type'] !== 'application/timestamp-query') {
        res.writeHead(400).end();
        return;
      }
      reply(Buffer.concat(chunks)).then(
        (out) => {
          answered++;
          res.writeHead(200, { 'content-type': 'application/timestamp-reply', 'content-length': out.length }).end(out);
        },
        () => res.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    rootPem,
    rootDer,
    answered: () => answered,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
};
