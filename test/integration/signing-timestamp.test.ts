import { expect } from 'chai';
import { api, expectProblem } from '../support/http.ts';
import { nssTrusting } from '../support/nss.ts';
import { startTsa, type TestTsa } from '../support/tsa.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { approvedLetter, issueCertificate, type Person, person, setUpUnits, sign, signedPdf, signingState, verifyUpload } from '../support/sign-office.ts';

const PIN = 'cap-waktu-2025';

describe('signing with a timestamp authority (TSA_URL, PAdES B-T, HTTP)', function () {
  this.timeout(180_000);
  let tsa: TestTsa;
  let app: TestApp;
  const p: Record<string, Person> = {};

  before(async () => {
    tsa = await startTsa();
    app = await startTestApp({ TSA_URL: tsa.url });
    await setUpUnits(app);
    p.konseptor = await person(app, 'konseptor', 'staff', 'BKD');
    p.kepala = await person(app, 'kepala', 'official', 'BKD');
    expect((await issueCertificate(app, p.kepala, PIN, { title: 'Kepala Badan' })).status).to.equal(201);
  });
  after(async () => {
    await app?.stop();
    await tsa?.close();
  });

  it('issues no letter whose timestamp the office would not trust, and consumes no number', async () => {
    const letterId = await approvedLetter(app, p.konseptor!, p.kepala!);
    const before = await signingState(app, p.konseptor!, letterId);
    const r = await sign(app, p.kepala!, letterId, { pin: PIN, totp: app.nextTotp('kepala') });
    expectProblem(r, 422);
    expect(String(r.body.type)).to.match(/\/signature-not-verifiable$/);
    expect(String(r.body.detail)).to.include('trust-anchors');
    expect(await signingState(app, p.konseptor!, letterId)).to.deep.equal(before);
  });

  it("timestamps the signature once the authority's root is trusted; pdfsig and the verifier agree", async () => {
    expect((await api(app, app.adminToken, 'POST', '/api/v1/signing/trust-anchors', { pem: tsa.rootPem })).status).to.equal(201);
    const letterId = await approvedLetter(app, p.konseptor!, p.kepala!);
    const answered = tsa.answered();
    const r = await sign(app, p.kepala!, letterId, { pin: PIN, totp: app.nextTotp('kepala') });
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    expect(r.body).to.include({ timestamped: true });
    expect(tsa.answered()).to.be.greaterThan(answered);
    const { bytes } = await signedPdf(app, p.kepala!, letterId);
    const nss = await nssTrusting([String((await api(app, p.kepala!.token, 'GET', '/api/v1/signing/ca')).body.pem)]);
    try {
      const check = await nss.pdfsig(bytes);
      expect(check.stdout, check.stdout + check.stderr)
        .to.include('Signature is Valid')
        .and.include('Total document signed');
      expect(check.stdout).to.not.include('Not total document signed');
    } finally {
      await nss.close();
    }
    const v = await verifyUpload(app, bytes);
    expect(v.body).to.deep.include({ valid: true });
    expect((v.body.signatures as { timestamped: boolean; ltv: boolean }[])[0]).to.include({ timestamped: true, ltv: true });
    const page = (await (await fetch(`${app.url}/verify/${String(r.body.verificationCode)}`, { headers: { accept: 'application/json' } })).json()) as Record<
      string,
      unknown
    >;
    expect(page).to.include({ valid: true, timestamped: true });
  });
});
