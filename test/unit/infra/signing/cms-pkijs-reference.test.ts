import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { buildDetachedCms } from '../../../../src/infra/signing/cms.ts';
import { inMemorySigningKey } from '../../../../src/infra/signing/local.signing-key.ts';
import { createCertificateAuthority } from '../../../../src/infra/signing/node-crypto.certificate-authority.ts';
import { requestTimestamp } from '../../../../src/infra/signing/rfc3161.timestamp-client.ts';
import { startTsa, type TestTsa } from '../../../support/tsa.ts';
import { buildDetachedCmsWithPkijs } from './pkijs-cms-reference.ts';

const HOUR = 3600_000;

describe('signing: the hand-written CMS builder is what pkijs assembles, byte for byte', function () {
  this.timeout(60_000);
  let tsa: TestTsa;
  before(async () => {
    tsa = await startTsa();
  });
  after(async () => {
    await tsa?.close();
  });

  it('with no, one or two CRLs (in either order), with and without a timestamp token', async () => {
    const ca = createCertificateAuthority();
    const now = Date.now();
    const root = await ca.createRoot({
      subject: { name: 'Root CA Uji', organization: 'Pemerintah Kabupaten Uji' },
      notBefore: new Date(now - HOUR),
      notAfter: new Date(now + 24 * HOUR),
    });
    const official = await ca.issue(root, {
      subject: { name: 'Dr. Ayu Wulandari, S.H.', title: 'Kepala Badan', nip: '197803152005012003', organization: 'Pemerintah Kabupaten Uji' },
      notBefore: new Date(now - HOUR),
      notAfter: new Date(now + 23 * HOUR),
      crlUrl: 'https://naskah.example.go.id/api/v1/signing/crl',
    });
    const crl = (n: number, serials: string[]) =>
      ca.issueCrl(root, {
        entries: serials.map((serial) => ({ serial, revokedAt: new Date(now - HOUR) })),
        thisUpdate: new Date(now - 60_000),
        nextUpdate: new Date(now + HOUR),
        number: n,
      });
    const [a, b] = [crl(3, ['0A']), crl(4, [])];
    const key = inMemorySigningKey(official);
    for (const crls of [[], [a], [a, b], [b, a]]) {
      const input = { digest: randomBytes(32), certificate: official.certificate, chain: official.chain, key, crls };
      expect(Buffer.from(await buildDetachedCms(input)).toString('hex'), `${crls.length} CRLs`).to.equal(
        Buffer.from(await buildDetachedCmsWithPkijs(input)).toString('hex'),
      );
      // RSA PKCS#1 v1.5 is deterministic, so one token over the one signature value serves both.
      let token: Uint8Array | null = null;
      const timestamp = async (value: Uint8Array) => (token ??= await requestTimestamp(tsa.url, value));
      expect(
        Buffer.from(await buildDetachedCms({ ...input, timestamp })).equals(Buffer.from(await buildDetachedCmsWithPkijs({ ...input, timestamp }))),
      ).to.equal(true);
    }
  });
});
