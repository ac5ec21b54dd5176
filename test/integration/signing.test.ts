import { expect } from 'chai';
import { createHash, randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { api, expectProblem, upload } from '../support/http.ts';
import { type NssTrust, nssTrusting, pdfText, qpdfCheck } from '../support/nss.ts';
import { type TestApp, startTestApp, waitForDocument } from '../support/test-app.ts';
import {
  approvedLetter,
  everything,
  issueCertificate,
  OUT,
  type Person,
  person,
  setUpUnits,
  sign,
  signedPdf,
  signingState,
  verifyUpload,
} from '../support/sign-office.ts';
import { inMemorySigningKey } from '../../src/infra/signing/local.signing-key.ts';

const PIN = '482915';
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('signing outgoing letters and checking them (HTTP)', function () {
  this.timeout(180_000);
  let app: TestApp;
  let nss: NssTrust | undefined;
  const p: Record<string, Person> = {};
  const audits = async (action: string, targetId?: string) =>
    (await app.naskah.deps.db.audit.list({ action, ...(targetId ? { targetId } : {}) }, everything, 1, 100)).items;
  const year = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric' }).format(app.clock.now()));

  before(async () => {
    app = await startTestApp();
    await setUpUnits(app);
    p.konseptor = await person(app, 'konseptor', 'staff', 'BKD');
    p.pemeriksa = await person(app, 'pemeriksa', 'staff', 'BKD');
    p.rekan = await person(app, 'rekan', 'staff', 'BKD');
    p.kabid = await person(app, 'kabid', 'official', 'BKD');
    p.sekda = await person(app, 'sekda', 'official', 'SETDA', 'Dr. Ayu Wulandari, S.H., M.Si.');
  });
  after(async () => {
    await nss?.close();
    await app?.stop();
  });

  it('lets an admin issue an official a certificate under a PIN; the key and the PIN never leave the server', async () => {
    expectProblem(await api(app, p.kabid!.token, 'POST', `/api/v1/users/${p.sekda!.id}/certificate`, { pin: PIN }), 403);
    expectProblem(await issueCertificate(app, p.rekan!, PIN), 422); // staff do not sign
    expectProblem(await api(app, app.adminToken, 'POST', `/api/v1/users/${randomUUID()}/certificate`, { pin: PIN }), 404);
    for (const pin of ['12345', '123456', '999999', 'x'.repeat(65)]) expect((await issueCertificate(app, p.sekda!, pin)).status, pin).to.equal(422);
    expect(expectProblem(await issueCertificate(app, p.sekda!, PIN, { nip: '1978' }), 422).errors).to.deep.equal([
      { field: 'nip', message: '18 digits', code: 'nip_invalid' },
    ]);
    expectProblem(await api(app, app.adminToken, 'POST', `/api/v1/users/${p.sekda!.id}/certificate`, { pin: PIN, key: 'x' }), 422);
    expectProblem(await api(app, p.sekda!.token, 'GET', `/api/v1/users/${p.sekda!.id}/certificate`), 404); // none yet
    expect(await app.naskah.deps.db.certificates.officeCa()).to.equal(null); // nothing made by refused requests

    const r = await issueCertificate(app, p.sekda!, PIN, { title: 'Sekretaris Daerah', nip: '19780315 200501 2 003' });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    expect(r.body).to.include({
      userId: p.sekda!.id,
      status: 'active',
      source: 'office',
      commonName: 'Dr. Ayu Wulandari, S.H., M.Si.',
      title: 'Sekretaris Daerah',
      nip: '197803152005012003',
    });
    expect(String(r.body.serial)).to.match(/^[0-9A-F]{16,40}$/);
    const years = (Date.parse(String(r.body.notAfter)) - app.clock.now().getTime()) / (365 * 24 * 3600_000);
    expect(years).to.be.within(1.9, 2.1);
    const text = JSON.stringify(r.body);
    for (const secret of [PIN, 'PRIVATE KEY', 'naskah-key', 'lockedKey', 'privateKey']) expect(text).to.not.include(secret);

    // Its owner and admins see it; a colleague does not.
    expect((await api(app, p.sekda!.token, 'GET', `/api/v1/users/${p.sekda!.id}/certificate`)).body.serial).to.equal(r.body.serial);
    expectProblem(await api(app, p.rekan!.token, 'GET', `/api/v1/users/${p.sekda!.id}/certificate`), 403);
    // The office root was made on this first need; its certificate is public, its key locked at rest.
    const ca = await api(app, p.rekan!.token, 'GET', '/api/v1/signing/ca');
    expect(ca.status).to.equal(200);
    expect(String(ca.body.pem)).to.match(/^-----BEGIN CERTIFICATE-----/);
    expect(String(ca.body.commonName)).to.include('Pemerintah Kabupaten Sleman');
    expect((await api(app, app.adminToken, 'POST', '/api/v1/signing/ca')).status).to.equal(200); // exists already
    const stored = (await app.naskah.deps.db.certificates.officeCa())!;
    expect(stored.lockedKey).to.match(/^naskah-key\.v1\.scrypt\./);
    const secretFile = path.join(app.dataDir, 'secrets', 'office-ca-key.secret');
    expect((await stat(secretFile)).mode & 0o777).to.equal(0o600);
    expect((await readFile(secretFile, 'utf8')).trim().length).to.be.greaterThan(30);
    // Audited without secrets.
    const issued = await audits('admin.certificate_issue', p.sekda!.id);
    expect(issued).to.have.length(1);
    expect(JSON.stringify(issued[0])).to.not.include(PIN);
    expect(await audits('admin.signing_ca_create')).to.have.length(1);
  });

  let first: { letterId: string; code: string; letterNumber: string; bytes: Uint8Array };

  it('signs an approved letter for its named signer with PIN and second factor; pdfsig, qpdf and the public page agree', async () => {
    const letterId = await approvedLetter(app, p.konseptor!, p.sekda!, [p.pemeriksa!]);
    const r = await sign(app, p.sekda!, letterId, { pin: PIN, totp: app.nextTotp('sekda') });
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    const letterNumber = `005/1/BKD/${year()}`;
    expect(r.body).to.include({ letterNumber });
    const code = String(r.body.verificationCode);
    expect(code).to.match(/^[A-Z2-7]{24}$/);
    const letter = (await api(app, p.konseptor!.token, 'GET', `${OUT}/${letterId}`)).body;
    expect(letter).to.include({ status: 'signed', letterNumber, signedDocumentId: r.body.signedDocumentId, waitingFor: null });
    expect(r.body.verifyUrl).to.equal(`${app.naskah.deps.publicUrl}/verify/${code}`);
    expect(letter).to.include({ verificationCode: code, verifyUrl: r.body.verifyUrl });

    // The signed PDF: an attachment, whose bytes are what was registered.
    const dl = await signedPdf(app, p.sekda!, letterId);
    expect(dl.status).to.equal(200);
    expect(dl.headers.get('content-type')).to.equal('application/pdf');
    expect(dl.headers.get('content-disposition')).to.match(/^attachment; filename="surat-keluar-005-1-BKD-\d{4}\.pdf"/);
    expect(sha256(dl.bytes)).to.equal(r.body.sha256);
    expect((await signedPdf(app, p.konseptor!, letterId)).status).to.equal(200);
    first = { letterId, code, letterNumber, bytes: dl.bytes };

    // An independent validator trusting the office root agrees, and the file is well-formed.
    nss = await nssTrusting([String((await api(app, p.sekda!.token, 'GET', '/api/v1/signing/ca')).body.pem)]);
    const check = await nss.pdfsig(dl.bytes);
    expect(check.stdout, check.stdout + check.stderr)
      .to.include('Signature is Valid')
      .and.include('Total document signed');
    expect(check.stdout).to.include('ETSI.CAdES.detached');
    const qpdf = await qpdfCheck(dl.bytes);
    expect(qpdf.code, qpdf.stdout + qpdf.stderr).to.equal(0);
    expect(qpdf.stdout).to.include('No syntax or stream encoding errors found');
    const printed = (await pdfText(dl.bytes)).replace(/\s+/g, ' ');
    expect(printed)
      .to.include(letterNumber)
      .and.include('Dr. Ayu Wulandari, S.H., M.Si.')
      .and.include('197803152005012003')
      .and.include('Undangan rapat koordinasi kearsipan');

    // The QR code's page, for a person and for a program.
    const page = await fetch(`${app.url}/verify/${code}`, { headers: { accept: 'text/html' } });
    expect(page.status).to.equal(200);
    expect(page.headers.get('content-type')).to.match(/^text\/html/);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).to.include("default-src 'none'").and.not.include('script').and.not.include('unsafe');
    const html = await page.text();
    expect(html)
      .to.include('asli dan sah')
      .and.include('genuine')
      .and.include(letterNumber)
      .and.include('Undangan rapat koordinasi kearsipan')
      .and.include(String(r.body.sha256));
    expect(html).to.include('Dr. Ayu Wulandari, S.H., M.Si.').and.include('Sekretaris Daerah');
    // The issuing office by name, the time on its clocks with the zone's label, and the way to check the PDF itself.
    expect(html)
      .to.include('Diterbitkan oleh')
      .and.include('Pemerintah Kabupaten Sleman')
      .and.match(/\d{2}\.\d{2} WIB/)
      .and.include('href="/check"');
    expect(html).to.not.include('<script');
    const res = await fetch(`${app.url}/verify/${code.toLowerCase()}`, { headers: { accept: 'application/json' } });
    const json = { status: res.status, body: (await res.json()) as Record<string, unknown> };
    expect(json.status).to.equal(200);
    expect(json.body).to.deep.include({
      valid: true,
      letterNumber,
      subject: 'Undangan rapat koordinasi kearsipan',
      signer: { name: 'Dr. Ayu Wulandari, S.H., M.Si.', title: 'Sekretaris Daerah' },
      sha256: r.body.sha256,
    });
    expect(Date.parse(String(json.body.signedAt))).to.be.closeTo(app.clock.now().getTime(), 120_000);

    // A code nobody issued: plainly not genuine.
    const unknown = await fetch(`${app.url}/verify/${'A'.repeat(24)}`);
    expect(unknown.status).to.equal(404);
    expect(await unknown.text())
      .to.include('tidak dikenal')
      .and.include('Unknown verification code');
    const unknownJson = await fetch(`${app.url}/verify/${'A'.repeat(24)}`, { headers: { accept: 'application/json' } });
    expect(unknownJson.status).to.equal(404);
    expect(await unknownJson.json()).to.include({ valid: false, status: 404 });

    // The file itself, uploaded by anyone.
    const v = await verifyUpload(app, dl.bytes);
    expect(v.status, JSON.stringify(v.body)).to.equal(200);
    expect(v.body).to.deep.include({ valid: true, modifiedAfterSigning: false });
    expect(v.body.knownLetter).to.deep.include({ letterNumber });
    expect(v.body.signatures).to.have.length(1);
    expect((v.body.signatures as Record<string, unknown>[])[0]).to.deep.include({ intact: true, coversWholeDocument: true, trusted: true, problems: [] });

    // Archived as an outgoing document with its number, readable by the drafter and by the signer (another unit).
    const doc = await waitForDocument(app, p.sekda!.token, String(r.body.signedDocumentId));
    expect(doc).to.include({ kind: 'outgoing', status: 'ready', unitCode: 'BKD', mimeType: 'application/pdf', sha256: r.body.sha256 });
    expect((await api(app, p.konseptor!.token, 'GET', `/api/v1/documents/${String(r.body.signedDocumentId)}`)).status).to.equal(200);

    // Audited: the signing once; public checks of it once per way of asking, however often.
    const signed = await audits('letter.outgoing_sign', letterId);
    expect(signed).to.have.length(1);
    expect(signed[0]).to.include({ actorId: p.sekda!.id });
    for (let i = 0; i < 3; i++) await fetch(`${app.url}/verify/${code}`);
    await verifyUpload(app, dl.bytes);
    const checks = await audits('letter.verify', letterId);
    expect(checks.map((a) => [a.actorId, (a.details as { via: string }).via]).sort()).to.deep.equal([
      [null, 'code'],
      [null, 'file'],
    ]);

    // Signed once: a second signing is a conflict and takes no number.
    expectProblem(await sign(app, p.sekda!, letterId, { pin: PIN, totp: app.nextTotp('sekda') }), 409);
    expect(await app.naskah.deps.db.signedLetters.counterValue(`letter:BKD:${year()}`)).to.equal(1);
  });

  it('reports a signed letter changed after signing as not valid, with the reason', async () => {
    const bytes = first.bytes;
    const changed = new Uint8Array(bytes);
    const at = Math.floor(bytes.length / 3);
    changed[at] = changed[at]! ^ 0x01;
    const appended = Buffer.concat([bytes, Buffer.from('\n% appended after signing\n')]);
    const { addAnnotationUpdate, changeTextUpdate } = await import('../support/signing-fixtures.ts');
    for (const [what, file] of [
      ['a changed byte', changed],
      ['appended bytes', appended],
      ['an added annotation', await addAnnotationUpdate(bytes)],
      ['changed text', await changeTextUpdate(bytes)],
    ] as const) {
      const v = await verifyUpload(app, file);
      expect(v.status, what).to.equal(200);
      expect(v.body, what).to.deep.include({ valid: false, modifiedAfterSigning: true });
      expect(String(v.body.reason), what).to.match(/changed after it was signed/);
      expect(v.body.knownLetter, what).to.equal(undefined);
    }
    // Nothing to check, or not a PDF.
    const unsigned = await verifyUpload(app, (await import('../support/signing-fixtures.ts').then((m) => m.plainLetter())).pdf);
    expect(unsigned.body).to.deep.include({ valid: false, signatures: [], modifiedAfterSigning: false, reason: 'the file carries no signature' });
    expectProblem(await verifyUpload(app, Buffer.from('\x89PNG\r\n\x1a\n0000')), 415);
    expectProblem(await verifyUpload(app, new Uint8Array()), 400);
    expectProblem(await api(app, null, 'POST', '/api/v1/verify', { file: 'x' }), 415);
    const noFile = await fetch(`${app.url}/api/v1/verify`, { method: 'POST', body: new FormData() });
    expect(noFile.status).to.equal(400);
    // A letter signed by another "office" the app does not trust: intact, signer not trusted.
    const { signing } = app.naskah.deps;
    const { officeWithOfficial, plainLetter } = await import('../support/signing-fixtures.ts');
    const foreign = await officeWithOfficial(signing.ca, 'Pejabat Lain');
    const stamped = await signing.stamper.stamp((await plainLetter()).pdf, {
      name: 'Pejabat Lain',
      title: 'Kepala',
      date: '1 Maret 2025',
      letterNumber: '1/X/2025',
      verifyCode: 'LAIN1234',
    });
    const signedElsewhere = await signing.signer.sign(stamped, inMemorySigningKey(foreign.official));
    const v = await verifyUpload(app, signedElsewhere.pdf);
    expect(v.body).to.deep.include({ valid: false, modifiedAfterSigning: false });
    expect((v.body.signatures as Record<string, unknown>[])[0]).to.deep.include({ intact: true, coversWholeDocument: true, trusted: false });
    expect(String(v.body.reason)).to.match(/signer is not trusted/);
    // None of these named a letter of ours: none was audited.
    expect(await audits('letter.verify', first.letterId)).to.have.length(2);
  });

  it('rewrites an uploaded draft clean before signing; the page escapes what it shows and withholds a classified subject', async () => {
    const { hostileLetter } = await import('../support/signing-fixtures.ts');
    expect((await issueCertificate(app, p.kabid!, PIN, { title: 'Kepala Bidang Mutasi' })).status).to.equal(201);
    const subject = '<script>alert("x")</script> & "Undangan"';
    const draft = await upload(app, p.konseptor!.token, OUT, [{ name: 'draf.pdf', bytes: await hostileLetter() }], {
      subject,
      recipient: 'Dinas',
      classificationCode: '800',
      signerId: p.kabid!.id,
    });
    expect(draft.status, JSON.stringify(draft.body)).to.equal(201);
    const letterId = String(draft.body.id);
    const r = await sign(app, p.kabid!, letterId, { pin: PIN, totp: app.nextTotp('kabid') });
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    expect(r.body.letterNumber).to.equal(`800/2/BKD/${year()}`); // the unit's sequence runs across classifications
    const { bytes } = await signedPdf(app, p.kabid!, letterId);
    const raw = Buffer.from(bytes).toString('latin1');
    for (const gone of ['/JavaScript', '/EmbeddedFile', '/OpenAction', '/AA', 'payload.exe']) expect(raw, gone).to.not.include(gone);
    expect(raw.match(/%%EOF/g)).to.have.length(1);
    const check = await nss!.pdfsig(bytes);
    expect(check.stdout).to.include('Signature is Valid').and.include('Total document signed');
    expect((await pdfText(bytes)).replace(/\s+/g, ' '))
      .to.include(String(r.body.letterNumber))
      .and.include('Kepala Bidang Mutasi');
    const html = await (await fetch(`${app.url}/verify/${String(r.body.verificationCode)}`)).text();
    expect(html).to.include('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Undangan&quot;').and.not.include('<script');

    // A rahasia letter: the register knows it; the public sees that it is genuine, not what it is about.
    expect((await api(app, app.adminToken, 'PATCH', `/api/v1/users/${p.kabid!.id}`, { clearance: 'rahasia' })).status).to.equal(200);
    const drafter = await person(app, 'sekretaris', 'staff', 'BKD', 'Ibu Sekretaris', { clearance: 'rahasia' });
    const secret = await approvedLetter(app, drafter, p.kabid!, [], { subject: 'Mutasi pejabat eselon III', securityLevel: 'rahasia' });
    const s = await sign(app, p.kabid!, secret, { pin: PIN, totp: app.nextTotp('kabid') });
    expect(s.status, JSON.stringify(s.body)).to.equal(200);
    const json = (await (await fetch(`${app.url}/verify/${String(s.body.verificationCode)}`, { headers: { accept: 'application/json' } })).json()) as Record<
      string,
      unknown
    >;
    expect(json).to.include({ valid: true, subject: null, subjectWithheld: true, letterNumber: s.body.letterNumber });
    const page = await (await fetch(`${app.url}/verify/${String(s.body.verificationCode)}`)).text();
    expect(page).to.include('dirahasiakan').and.not.include('Mutasi pejabat');
    const file = await verifyUpload(app, (await signedPdf(app, p.kabid!, secret)).bytes);
    expect(file.body).to.deep.include({ valid: true });
    expect((file.body.knownLetter as Record<string, unknown>).subject).to.equal(null);
    // The signed rahasia letter is not readable by a colleague without the clearance.
    expectProblem(await api(app, p.rekan!.token, 'GET', `/api/v1/documents/${String(s.body.signedDocumentId)}`), 404);
  });

  it('refuses a wrong PIN, a missing or wrong code, other users and unapproved letters, changing nothing; repeated failures back off', async () => {
    const letterId = await approvedLetter(app, p.konseptor!, p.sekda!);
    const draft = (signerId: string) =>
      api(app, p.konseptor!.token, 'POST', OUT, {
        subject: 'Belum disetujui',
        recipient: 'Dinas',
        classificationCode: '005',
        signerId,
        reviewerIds: [p.pemeriksa!.id],
        template: { addressee: 'Yth. X', body: 'Isi.' },
      });
    const inReview = String((await draft(p.kabid!.id)).body.id);
    const hidden = String((await draft(p.sekda!.id)).body.id);
    const before = await signingState(app, p.konseptor!, letterId);
    const refusals: [string, Person, Record<string, unknown>, number, string][] = [
      ['no code', p.sekda!, { pin: PIN }, 403, 'totp-required'],
      ['no PIN', p.sekda!, { totp: '123456' }, 400, ''],
      ['a wrong code', p.sekda!, { pin: PIN, totp: '000000' }, 403, 'totp-invalid'],
      ['a wrong PIN', p.sekda!, { pin: '582914', totp: app.nextTotp('sekda') }, 403, 'wrong-pin'],
      ['a colleague of the drafter', p.rekan!, { pin: PIN, totp: '123456' }, 403, 'forbidden'],
      ['the drafter', p.konseptor!, { pin: PIN, totp: '123456' }, 403, 'forbidden'],
      ['another official', p.kabid!, { pin: PIN, totp: app.nextTotp('kabid') }, 403, 'forbidden'],
    ];
    for (const [what, who, body, status, type] of refusals) {
      const r = await sign(app, who, letterId, body);
      expect(r.status, `${what}: ${JSON.stringify(r.body)}`).to.be.oneOf(status === 400 ? [400, 422] : [status]);
      if (type) expect(String(r.body.type), what).to.match(new RegExp(`/${type}$`));
    }
    // A letter still in review: its (same-unit) signer may see it, not sign it.
    expectProblem(await sign(app, p.kabid!, inReview, { pin: PIN, totp: app.nextTotp('kabid') }), 409);
    // The cross-unit signer does not even see a letter before approval.
    expectProblem(await sign(app, p.sekda!, hidden, { pin: PIN, totp: '123456' }), 404);
    expect(await signingState(app, p.konseptor!, letterId)).to.deep.equal(before);
    expect(await audits('letter.outgoing_sign_refused', letterId)).to.have.length(2); // the wrong code and the wrong PIN

    // Back-off: three failures are free; the fourth locks the PIN for a while, even for the right one.
    expectProblem(await sign(app, p.sekda!, letterId, { pin: '000111', totp: app.nextTotp('sekda') }), 403);
    expectProblem(await sign(app, p.sekda!, letterId, { pin: '000112', totp: app.nextTotp('sekda') }), 403);
    // (No fresh code needed: the lock is checked before anything else, and a code would move the test clock on.)
    const locked = await sign(app, p.sekda!, letterId, { pin: PIN, totp: '123456' });
    expectProblem(locked, 429);
    expect(Number(locked.headers.get('retry-after'))).to.be.within(1, 30);
    expect(await signingState(app, p.konseptor!, letterId)).to.deep.equal(before);
    app.clock.advance(31_000);
    const ok = await sign(app, p.sekda!, letterId, { pin: PIN, totp: app.nextTotp('sekda') });
    expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
    expect(ok.body.letterNumber).to.equal(`005/${before.counters[1]! + 1}/BKD/${year()}`);
    expect(app.clock.now().getTime() - Date.now()).to.be.below(4 * 60_000); // signing times stay believable (the verifier allows 5 minutes ahead)
  });

  it('gives each address a budget for the public checks (429 past it)', async () => {
    const codes = await Promise.all(
      Array.from({ length: 70 }, () => fetch(`${app.url}/verify/${'B'.repeat(24)}`).then((r) => [r.status, r.headers.get('retry-after')] as const)),
    );
    const limited = codes.filter(([status]) => status === 429);
    expect(limited.length).to.be.greaterThan(0);
    expect(Number(limited[0]![1])).to.be.within(1, 60);
    expect(codes.filter(([status]) => status !== 429 && status !== 404)).to.deep.equal([]);
  });
});
