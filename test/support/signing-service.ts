/**
 * A provider's remote signing service for the tests, on 127.0.0.1: its own root CA and one
 * signer's key, generated here; it speaks the contract in src/infra/signing/remote.signing-key.ts
 * (POST /certificate, POST /sign with NIK, passphrase and a SHA-256 digest). The key never
 * leaves it: it signs the digest as an HSM would (PKCS#1 v1.5 over DigestInfo).
 */
import { constants, privateEncrypt } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCertificateAuthority } from '../../src/infra/signing/node-crypto.certificate-authority.ts';

/** How the service behaves for /sign: answers, answers 500, holds the request without answering, or has locked the signer (423). */
export type ServiceMode = 'ok' | 'failing' | 'hanging' | 'locked';

export interface TestSigningService {
  url: string;
  /** The provider's root, PEM: what the office must trust. */
  rootPem: string;
  /** SHA-256 of the signer's certificate, hex. */
  signerSha256: string;
  mode: ServiceMode;
  /** Digests signed so far. */
  signed(): number;
  close(): Promise<void>;
}

/** DigestInfo prefix for SHA-256 (RFC 8017 section 9.2, note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');
const HOUR = 3600_000;

export const startSigningService = async (o: { nik: string; passphrase: string; name: string }): Promise<TestSigningService> => {
  const ca = createCertificateAuthority();
  const now = Date.now();
  const root = await ca.createRoot({
    subject: { name: 'Root CA Penyelenggara Uji', organization: 'Balai Sertifikasi Elektronik Uji' },
    notBefore: new Date(now - HOUR),
    notAfter: new Date(now + 72 * HOUR),
  });
  const signer = await ca.issue(root, {
    subject: { name: o.name, title: 'Kepala Badan', organization: 'Pemerintah Kabupaten Uji' },
    notBefore: new Date(now - HOUR),
    notAfter: new Date(now + 48 * HOUR),
  });
  const chain = [signer.certificate, ...signer.chain].map((d) => Buffer.from(d).toString('base64'));
  let signed = 0;
  const held = new Set<http.ServerResponse>();

  const answer = (res: http.ServerResponse, status: number, body?: object) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body ? JSON.stringify(body) : '');
  };
  const service: TestSigningService = {
    url: '',
    rootPem: ca.toPem(root.certificate),
    signerSha256: ca.describe(signer.certificate).sha256,
    mode: 'ok',
    signed: () => signed,
    close: async () => {
      for (const res of held) res.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(text || '{}') as Record<string, string>;
      if (req.method !== 'POST') return answer(res, 405);
      if (body.nik !== o.nik) return answer(res, 404, { error: 'NIK tidak terdaftar' });
      if (req.url === '/certificate') return answer(res, 200, { certificates: chain });
      if (req.url !== '/sign') return answer(res, 404);
      if (service.mode === 'failing') return answer(res, 500, { error: 'HSM tidak tersedia' });
      if (service.mode === 'hanging') return void held.add(res);
      if (service.mode === 'locked') return answer(res, 423, { error: 'Akun dikunci' });
      if (body.passphrase !== o.passphrase) return answer(res, 403, { error: 'Passphrase salah' });
      const digest = Buffer.from(body.digest ?? '', 'base64');
      if (body.digestAlgorithm !== 'SHA-256' || digest.length !== 32) return answer(res, 400, { error: 'digest' });
      const signature = privateEncrypt({ key: signer.privateKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest]));
      signed++;
      return answer(res, 200, { signature: signature.toString('base64'), certificates: chain });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  service.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return service;
};
