import { expect } from 'chai';
import { api, expectProblem } from '../support/http.ts';
import { nssTrusting } from '../support/nss.ts';
import { forEachDatabase } from '../support/for-each-database.ts';
import { startSigningService, type TestSigningService } from '../support/signing-service.ts';
import {
  approvedLetter,
  everything,
  issueCertificate,
  type Person,
  person,
  setUpUnits,
  sign,
  signedPdf,
  signingState,
  verifyUpload,
} from '../support/sign-office.ts';

const NIK = '3404015201800001';
const PASSPHRASE = 'sandi-penyelenggara-uji';
const TIMEOUT_MS = 1500;

forEachDatabase(
  (db) => `signing through a provider's remote signing service (REMOTE_SIGNER_*, HTTP, ${db})`,
  { timeout: 180_000, env: { REMOTE_SIGNER_TIMEOUT_MS: String(TIMEOUT_MS) } },
  ({ app, beforeStart }) => {
    let service: TestSigningService;
    const p: Record<string, Person> = {};
    /** The signer's counted PIN/passphrase failures (a probe attempt, given straight back). */
    const failures = async (who: Person): Promise<number> => {
      const key = `pin:${who.id}`;
      const r = await app.naskah.deps.db.loginThrottle.attempt(key, app.clock.now(), {
        free: 1_000_000,
        forgetBefore: new Date(0),
        lockUntil: app.clock.now(),
      });
      await app.naskah.deps.db.loginThrottle.forgive(key);
      return r.failures - 1;
    };
    const refusals = async (letterId: string) =>
      (await app.naskah.deps.db.audit.list({ action: 'letter.outgoing_sign_refused', targetId: letterId }, everything, 1, 10)).total;

    beforeStart(async () => {
      service = await startSigningService({ nik: NIK, passphrase: PASSPHRASE, name: 'Dr. Siti Rahma, M.Si.' });
      // Only `kepala` signs through the service; `wakil` keeps a key here, locked under a PIN.
      return { REMOTE_SIGNER_URL: service.url, REMOTE_SIGNER_USERS: `kepala:${NIK}` };
    });
    before(async () => {
      await setUpUnits(app);
      p.konseptor = await person(app, 'konseptor', 'staff', 'BKD');
      p.kepala = await person(app, 'kepala', 'official', 'BKD');
      p.wakil = await person(app, 'wakil', 'official', 'BKD');
      expect((await issueCertificate(app, p.wakil, 'pin-wakil-2025')).status).to.equal(201);
      const anchor = await api(app, app.adminToken, 'POST', '/api/v1/signing/trust-anchors', { pem: service.rootPem });
      expect(anchor.status, JSON.stringify(anchor.body)).to.equal(201);
    });
    after(async () => {
      await service?.close().catch(() => undefined);
    });

    it('signs a letter with the key the service holds; pdfsig trusting the provider root says valid, and so does /verify', async () => {
      const letterId = await approvedLetter(app, p.konseptor!, p.kepala!);
      const r = await sign(app, p.kepala!, letterId, { pin: PASSPHRASE, totp: app.nextTotp('kepala') });
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      expect(service.signed()).to.equal(1);
      const cert = await app.naskah.deps.db.certificates.currentOf(p.kepala!.id);
      expect(cert).to.include({ source: 'remote', lockedKey: '', sha256: service.signerSha256, commonName: 'Dr. Siti Rahma, M.Si.' });

      const { bytes } = await signedPdf(app, p.kepala!, letterId);
      const nss = await nssTrusting([service.rootPem]);
      try {
        const check = await nss.pdfsig(bytes);
        expect(check.stdout, check.stdout + check.stderr)
          .to.include('Signature is Valid')
          .and.include('Total document signed')
          .and.include('Dr. Siti Rahma');
      } finally {
        await nss.close();
      }
      const v = await verifyUpload(app, bytes);
      expect(v.body, JSON.stringify(v.body)).to.deep.include({ valid: true });
      // The official whose key is kept here still signs with their PIN beside the remote signer.
      const local = await sign(app, p.wakil!, await approvedLetter(app, p.konseptor!, p.wakil!), { pin: 'pin-wakil-2025', totp: app.nextTotp('wakil') });
      expect(local.status, JSON.stringify(local.body)).to.equal(200);
      expect(service.signed()).to.equal(1);
    });

    it('a wrong passphrase is a 403 for the signer, counted and audited; no number, no document', async () => {
      const letterId = await approvedLetter(app, p.konseptor!, p.kepala!);
      const before = await signingState(app, p.konseptor!, letterId);
      const counted = await failures(p.kepala!);
      const r = await sign(app, p.kepala!, letterId, { pin: 'bukan-sandinya', totp: app.nextTotp('kepala') });
      expectProblem(r, 403);
      expect(String(r.body.type)).to.match(/\/wrong-passphrase$/);
      expect(String(r.body.detail)).to.include('passphrase');
      expect(await refusals(letterId)).to.equal(1);
      expect(await failures(p.kepala!)).to.equal(counted + 1);
      expect(await signingState(app, p.konseptor!, letterId)).to.deep.equal(before);
    });

    for (const [mode, what] of [
      ['failing', 'answers 500'],
      ['hanging', `does not answer within ${TIMEOUT_MS} ms`],
    ] as const) {
      it(`a service that ${what} is a 503 with nothing half-done, not counted against the signer`, async () => {
        const letterId = await approvedLetter(app, p.konseptor!, p.kepala!);
        const before = await signingState(app, p.konseptor!, letterId);
        const counted = await failures(p.kepala!);
        service.mode = mode;
        try {
          const r = await sign(app, p.kepala!, letterId, { pin: PASSPHRASE, totp: app.nextTotp('kepala') });
          expectProblem(r, 503);
          expect(String(r.body.type)).to.match(/\/signing-service-unavailable$/);
        } finally {
          service.mode = 'ok';
        }
        expect(await refusals(letterId)).to.equal(0);
        expect(await failures(p.kepala!)).to.equal(counted);
        expect(await signingState(app, p.konseptor!, letterId)).to.deep.equal(before);
        // The same letter signs once the service is back: no claim, lock or number was left behind.
        const again = await sign(app, p.kepala!, letterId, { pin: PASSPHRASE, totp: app.nextTotp('kepala') });
        expect(again.status, JSON.stringify(again.body)).to.equal(200);
      });
    }

    it("the provider's certificate is the official's certificate here: GET shows it (source remote), and once revoked here it signs nothing", async () => {
      const shown = await api(app, app.adminToken, 'GET', `/api/v1/users/${p.kepala!.id}/certificate`);
      expect(shown.status, JSON.stringify(shown.body)).to.equal(200);
      expect(shown.body).to.include({ source: 'remote', status: 'active', sha256: service.signerSha256 });
      expect((await api(app, app.adminToken, 'DELETE', `/api/v1/users/${p.kepala!.id}/certificate`, { reason: 'pindah jabatan' })).status).to.equal(200);
      const letterId = await approvedLetter(app, p.konseptor!, p.kepala!);
      const before = await signingState(app, p.konseptor!, letterId);
      const signedBefore = service.signed();
      const r = await sign(app, p.kepala!, letterId, { pin: PASSPHRASE, totp: app.nextTotp('kepala') });
      expectProblem(r, 422);
      expect(String(r.body.type)).to.match(/\/certificate-revoked$/);
      expect(service.signed()).to.equal(signedBefore);
      expect(await signingState(app, p.konseptor!, letterId)).to.deep.equal(before);
    });

    it('a service that is gone is a 503 before anything is tried', async () => {
      const letterId = await approvedLetter(app, p.konseptor!, p.kepala!);
      const before = await signingState(app, p.konseptor!, letterId);
      await service.close();
      const r = await sign(app, p.kepala!, letterId, { pin: PASSPHRASE, totp: app.nextTotp('kepala') });
      expectProblem(r, 503);
      expect(String(r.body.type)).to.match(/\/signing-service-unavailable$/);
      expect(await signingState(app, p.konseptor!, letterId)).to.deep.equal(before);
    });
  },
);
