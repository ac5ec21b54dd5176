import { expect } from 'chai';
import { api, expectProblem } from '../support/http.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { OFFICE } from '../support/signing-fixtures.ts';
import {
  approvedLetter,
  everything,
  importP12,
  type Person,
  person,
  pkcs12Of,
  setUpUnits,
  sign,
  signedPdf,
  signingState,
  verifyUpload,
} from '../support/sign-office.ts';

const HOUR = 3600_000;
const PIN = 'merah-putih-45';

describe('signing certificates from a licensed provider, revocation and expiry (HTTP)', function () {
  this.timeout(180_000);
  let app: TestApp;
  const p: Record<string, Person> = {};
  let signedCode = '';

  before(async () => {
    app = await startTestApp();
    await setUpUnits(app);
    p.konseptor = await person(app, 'konseptor', 'staff', 'BKD');
    p.kabid = await person(app, 'kabid', 'official', 'BKD', 'Ir. Bambang Sutrisno, M.T.');
  });
  after(async () => app?.stop());

  /** A provider ("BSrE") root and an official's certificate under it, valid from an hour ago until `until`. */
  const provider = async (until: Date) => {
    const { ca } = app.naskah.deps.signing;
    const now = app.clock.now().getTime();
    const root = await ca.createRoot({
      subject: { name: 'BSrE Uji Root CA', organization: 'Balai Sertifikasi Elektronik (uji)' },
      notBefore: new Date(now - HOUR),
      notAfter: new Date(now + 2 * 365 * 24 * HOUR),
    });
    const official = await ca.issue(root, {
      subject: { name: 'Ir. Bambang Sutrisno, M.T.', title: 'Kepala Bidang Mutasi', nip: '198001012005011001', organization: OFFICE },
      notBefore: new Date(now - HOUR),
      notAfter: until,
    });
    return { root, official, rootPem: ca.toPem(root.certificate) };
  };

  it('imports a PKCS#12 once its provider root is trusted; the imported certificate signs letters that verify', async () => {
    const bsre = await provider(new Date(app.clock.now().getTime() + 365 * 24 * HOUR));
    const p12 = await pkcs12Of(bsre.official, 'sandi-p12-dari-bsre');
    expect((await importP12(app, p.kabid!, p12, { passphrase: 'salah', pin: PIN })).body.type).to.match(/\/pkcs12-unreadable$/);
    expect((await importP12(app, p.kabid!, p12, { passphrase: 'sandi-p12-dari-bsre', pin: PIN })).body.type).to.match(/\/certificate-untrusted$/);
    expectProblem(await importP12(app, p.kabid!, p12, { passphrase: 'sandi-p12-dari-bsre', pin: '111111' }), 422);
    expectProblem(await api(app, app.adminToken, 'POST', `/api/v1/users/${p.kabid!.id}/certificate`), 415);
    expect(await app.naskah.deps.db.certificates.listOf(p.kabid!.id)).to.deep.equal([]);

    // Trusting the provider's root: admins only, CA certificates only.
    expectProblem(await api(app, p.kabid!.token, 'POST', '/api/v1/signing/trust-anchors', { pem: bsre.rootPem }), 403);
    expectProblem(
      await api(app, app.adminToken, 'POST', '/api/v1/signing/trust-anchors', { pem: app.naskah.deps.signing.ca.toPem(bsre.official.certificate) }),
      422,
    );
    expectProblem(await api(app, app.adminToken, 'POST', '/api/v1/signing/trust-anchors', { pem: 'not a certificate' }), 422);
    const trusted = await api(app, app.adminToken, 'POST', '/api/v1/signing/trust-anchors', { pem: bsre.rootPem });
    expect(trusted.status, JSON.stringify(trusted.body)).to.equal(201);
    expect(trusted.body.alreadyTrusted).to.equal(0);
    expect((await api(app, app.adminToken, 'POST', '/api/v1/signing/trust-anchors', { pem: bsre.rootPem })).body.alreadyTrusted).to.equal(1);

    const imported = await importP12(app, p.kabid!, p12, { passphrase: 'sandi-p12-dari-bsre', pin: PIN });
    expect(imported.status, JSON.stringify(imported.body)).to.equal(201);
    expect(imported.body).to.include({
      source: 'imported',
      status: 'active',
      issuer: 'BSrE Uji Root CA',
      title: 'Kepala Bidang Mutasi',
      nip: '198001012005011001',
    });
    expect(JSON.stringify(imported.body)).to.not.include('sandi-p12').and.not.include(PIN).and.not.include('PRIVATE');
    const audit = (await app.naskah.deps.db.audit.list({ action: 'admin.certificate_import', targetId: p.kabid!.id }, everything, 1, 10)).items;
    expect(audit).to.have.length(1);
    expect(JSON.stringify(audit[0])).to.not.include('sandi-p12').and.not.include(PIN);
    // The same certificate twice is a conflict.
    expectProblem(await importP12(app, p.kabid!, p12, { passphrase: 'sandi-p12-dari-bsre', pin: PIN }), 409);

    const letterId = await approvedLetter(app, p.konseptor!, p.kabid!);
    const signed = await sign(app, p.kabid!, letterId, { pin: PIN, totp: app.nextTotp('kabid') });
    expect(signed.status, JSON.stringify(signed.body)).to.equal(200);
    const v = await verifyUpload(app, (await signedPdf(app, p.kabid!, letterId)).bytes);
    expect(v.body).to.deep.include({ valid: true });
    expect((v.body.signatures as { signer: { issuer: string } }[])[0]!.signer.issuer).to.equal('BSrE Uji Root CA');
    // No revocation data is embedded for a provider's certificate (Naskah holds no CRL of the provider), and the answers say so.
    expect(signed.body).to.include({ ltv: false });
    expect((v.body.signatures as Record<string, unknown>[])[0]).to.deep.include({ ltv: false, validationData: null });
    signedCode = String(signed.body.verificationCode);
  });

  it('a revoked certificate cannot sign; letters it signed before stay valid', async () => {
    const letterId = await approvedLetter(app, p.konseptor!, p.kabid!);
    expectProblem(await api(app, p.kabid!.token, 'DELETE', `/api/v1/users/${p.kabid!.id}/certificate`, { reason: 'kunci hilang' }), 403);
    const revoked = await api(app, app.adminToken, 'DELETE', `/api/v1/users/${p.kabid!.id}/certificate`, { reason: 'pindah jabatan' });
    expect(revoked.status, JSON.stringify(revoked.body)).to.equal(200);
    expect(revoked.body).to.include({ status: 'revoked', revocationReason: 'pindah jabatan' });
    expectProblem(await api(app, app.adminToken, 'POST', `/api/v1/users/${p.kabid!.id}/certificate/revoke`, {}), 404); // no current one left
    expectProblem(await api(app, app.adminToken, 'POST', `/api/v1/users/${p.kabid!.id}/certificate/revoke`, { certificateId: revoked.body.id }), 409);

    const before = await signingState(app, p.konseptor!, letterId);
    const refused = await sign(app, p.kabid!, letterId, { pin: PIN, totp: app.nextTotp('kabid') });
    expectProblem(refused, 422);
    expect(String(refused.body.type)).to.match(/\/certificate-revoked$/);
    expect(await signingState(app, p.konseptor!, letterId)).to.deep.equal(before);

    const history = await api(app, p.kabid!.token, 'GET', `/api/v1/users/${p.kabid!.id}/certificates`);
    expect((history.body.items as { status: string }[]).map((c) => c.status)).to.deep.equal(['revoked']);
    // Signed before the revocation: still genuine, with a note.
    const page = await fetch(`${app.url}/verify/${signedCode}`, { headers: { accept: 'application/json' } });
    const body = (await page.json()) as Record<string, unknown>;
    expect(body).to.include({ valid: true });
    expect(body.certificateRevokedAt).to.be.a('string');
  });

  it('an expired certificate cannot sign, and the letter keeps no number', async () => {
    const bsre = await provider(new Date(app.clock.now().getTime() + 60_000));
    await api(app, app.adminToken, 'POST', '/api/v1/signing/trust-anchors', { pem: bsre.rootPem });
    const imported = await importP12(app, p.kabid!, await pkcs12Of(bsre.official, 'sandi-baru-123'), { passphrase: 'sandi-baru-123', pin: PIN });
    expect(imported.status, JSON.stringify(imported.body)).to.equal(201);
    const letterId = await approvedLetter(app, p.konseptor!, p.kabid!);
    app.clock.advance(61_000);
    expect((await api(app, p.kabid!.token, 'GET', `/api/v1/users/${p.kabid!.id}/certificate`)).body.status).to.equal('expired');
    const before = await signingState(app, p.konseptor!, letterId);
    const refused = await sign(app, p.kabid!, letterId, { pin: PIN, totp: app.nextTotp('kabid') });
    expectProblem(refused, 422);
    expect(String(refused.body.type)).to.match(/\/certificate-expired$/);
    expect(await signingState(app, p.konseptor!, letterId)).to.deep.equal(before);
  });

  it('lists the trusted roots (the office root first) and forgets one an admin added', async () => {
    // Nothing here issued a certificate yet: the office root is made on request.
    expectProblem(await api(app, p.konseptor!.token, 'GET', '/api/v1/signing/ca'), 404);
    expectProblem(await api(app, p.konseptor!.token, 'POST', '/api/v1/signing/ca'), 403);
    const made = await api(app, app.adminToken, 'POST', '/api/v1/signing/ca');
    expect(made.status).to.equal(201);
    expect(JSON.stringify(made.body)).to.not.include('PRIVATE');
    const list = await api(app, app.adminToken, 'GET', '/api/v1/signing/trust-anchors');
    const items = list.body.items as { sha256: string; subject: string; office: boolean }[];
    expect(items[0]!.office).to.equal(true);
    const added = items.filter((a) => !a.office);
    expect(added.length).to.be.greaterThan(0);
    expect(added.every((a) => a.subject.includes('BSrE Uji Root CA'))).to.equal(true);
    expectProblem(await api(app, p.konseptor!.token, 'GET', '/api/v1/signing/trust-anchors'), 403);
    expectProblem(await api(app, app.adminToken, 'DELETE', '/api/v1/signing/trust-anchors/not-a-hash'), 422);
    expectProblem(await api(app, app.adminToken, 'DELETE', `/api/v1/signing/trust-anchors/${items[0]!.sha256}`), 404); // the office root stays
    const gone = await fetch(`${app.url}/api/v1/signing/trust-anchors/${added[0]!.sha256}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${app.adminToken}` },
    });
    expect(gone.status).to.equal(204);
    expect(((await api(app, app.adminToken, 'GET', '/api/v1/signing/trust-anchors')).body.items as unknown[]).length).to.equal(items.length - 1);
    expect((await app.naskah.deps.db.audit.list({ action: 'admin.trust_anchor_remove' }, everything, 1, 10)).total).to.equal(1);
  });
});
