import { expect } from 'chai';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { letterPdf } from '../../scripts/fixtures/letter-pdf.ts';
import { generateLetter } from '../../scripts/fixtures/letter-text.ts';
import { api, expectProblem, upload } from '../support/http.ts';
import { eventually } from '../support/records-office.ts';
import { approvedLetter, issueCertificate, person, type Person, setUpUnits, sign } from '../support/sign-office.ts';
import { startTestApp, type TestApp, waitForDocument } from '../support/test-app.ts';

type Json = Record<string, unknown>;
const PIN = '482913';

/** Changes five bytes in the middle of the stored object of `sha256`, behind the application's back. */
const tamper = async (app: TestApp, sha256: string) => {
  const file = (await app.filesIn('objects')).find((f) => f.endsWith(sha256))!;
  const bytes = await readFile(path.join(app.dataDir, file));
  const at = Math.floor(bytes.length / 2);
  for (let i = at; i < at + 5; i++) bytes[i] = bytes[i]! ^ 0x5a;
  await writeFile(path.join(app.dataDir, file), bytes);
};

/** Reads a download to its end, or to where the server cut it (before its headers went out, for a file of one chunk). */
const download = async (app: TestApp, token: string, p: string) => {
  const res = await fetch(`${app.url}${p}`, { headers: { authorization: `Bearer ${token}` } }).catch(() => null);
  if (!res) return { status: 0, declared: 1, got: 0, failed: true };
  const declared = Number(res.headers.get('content-length'));
  let got = 0;
  let failed = false;
  try {
    for await (const chunk of res.body!) got += (chunk as Uint8Array).length;
  } catch {
    failed = true;
  }
  return { status: res.status, declared, got, failed };
};

describe('stored bytes are checked on every read (HTTP, embedded)', function () {
  this.timeout(120_000);
  let app: TestApp;
  const alarms = async () =>
    ((await api(app, app.adminToken, 'GET', '/api/v1/notifications')).body.items as Json[]).filter((n) => n.kind === 'fixity_alarm').map((n) => n.subjectId);
  before(async () => {
    app = await startTestApp();
  });
  after(() => app?.stop());

  it('serves an intact original whole, and stops an altered one short of its length with an alarm to the admins', async () => {
    const r = await upload(app, app.adminToken, '/api/v1/documents', [
      { name: 'surat.pdf', bytes: await letterPdf([generateLetter(4401), generateLetter(4402)]) },
    ]);
    const id = String(r.body.id);
    await waitForDocument(app, app.adminToken, id);
    const intact = await download(app, app.adminToken, `/api/v1/documents/${id}/content`);
    expect(intact).to.include({ status: 200, failed: false });
    expect(intact.got).to.equal(intact.declared);
    expect(await alarms()).to.deep.equal([]);

    await tamper(app, String(r.body.sha256));
    const altered = await download(app, app.adminToken, `/api/v1/documents/${id}/content`);
    expect(altered.got).to.be.lessThan(altered.declared);
    expect(altered.failed).to.equal(true);
    await eventually('the alarm', alarms, (a) => a.length > 0); // raised as the read fails
    expect(await alarms()).to.deep.equal([id]);
    const audit = (await api(app, app.adminToken, 'GET', `/api/v1/audit?documentId=${id}`)).body.items as Json[];
    expect(audit.map((e) => e.action)).to.include('fixity.mismatch');
  });

  it('names the document, never its storage key, when its original is missing', async () => {
    const r = await upload(app, app.adminToken, '/api/v1/documents', [{ name: 'hilang.pdf', bytes: await letterPdf([generateLetter(4403)]) }]);
    const id = String(r.body.id);
    await waitForDocument(app, app.adminToken, id);
    const { storageKey } = (await app.naskah.deps.db.documents.findById(id))!;
    await app.naskah.deps.blobs.delete(storageKey);
    const p = expectProblem(await api(app, app.adminToken, 'GET', `/api/v1/documents/${id}/content`), 404);
    expect(String(p.detail)).to.include(id);
    expect(JSON.stringify(p)).to.not.include(storageKey).and.not.include(String(r.body.sha256));
  });

  it('says a signed letter whose stored copy changed is not genuine any more', async () => {
    await setUpUnits(app);
    const drafter: Person = await person(app, 'konseptor', 'staff', 'BKD');
    const signer: Person = await person(app, 'sekda', 'official', 'SETDA');
    expect((await issueCertificate(app, signer, PIN)).status).to.equal(201);
    const letterId = await approvedLetter(app, drafter, signer);
    const signed = await sign(app, signer, letterId, { pin: PIN, totp: app.nextTotp('sekda') });
    expect(signed.status, JSON.stringify(signed.body)).to.equal(200);
    const code = String(signed.body.verificationCode);
    const check = async () => (await (await fetch(`${app.url}/verify/${code}`, { headers: { accept: 'application/json' } })).json()) as Json;
    expect(await check()).to.include({ valid: true });
    const doc = (await api(app, app.adminToken, 'GET', `/api/v1/documents/${String(signed.body.signedDocumentId)}`)).body;
    await tamper(app, String(doc.sha256));
    const after = await check();
    expect(after).to.include({ valid: false });
    expect(String(after.reason)).to.match(/stored copy of this letter changed/);
    expect(await alarms()).to.include(String(signed.body.signedDocumentId));
  });
});
