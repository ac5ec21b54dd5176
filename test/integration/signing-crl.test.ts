/**
 * The office CA publishes its revocation list where its certificates say (issue 16): OpenSSL, an
 * independent relying party, checks the list's signature, finds a revoked official's certificate
 * revoked and another one good, and reads the distribution point from the certificates.
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { api, expectProblem } from '../support/http.ts';
import { type Person, person, setUpUnits } from '../support/sign-office.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const run = promisify(execFile);
const PIN = 'merah-putih-45';
const DAY = 24 * 3600_000;

/** `openssl` with its exit code and output (it exits 2 when a certificate does not verify). */
const openssl = async (args: string[]): Promise<{ code: number; out: string }> => {
  try {
    const { stdout, stderr } = await run('openssl', args);
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number | string; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw err; // openssl missing: no verdict
    return { code: e.code, out: (e.stdout ?? '') + (e.stderr ?? '') };
  }
};

describe("the office CA's revocation list (HTTP, checked by OpenSSL)", function () {
  this.timeout(120_000);
  let app: TestApp;
  let dir: string;
  const p: Record<string, Person> = {};
  const f = (n: string) => path.join(dir, n);
  const crl = () => fetch(`${app.url}/api/v1/signing/crl`);

  before(async () => {
    app = await startTestApp();
    dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-crl-'));
    await setUpUnits(app);
    p.kabid = await person(app, 'kabid', 'official', 'BKD', 'Ir. Bambang Sutrisno, M.T.');
    p.kaban = await person(app, 'kaban', 'official', 'BKD', 'Dr. Siti Rahayu, S.H.');
  });
  after(async () => {
    await app?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const issue = async (who: Person): Promise<string> => {
    const r = await api(app, app.adminToken, 'POST', `/api/v1/users/${who.id}/certificate`, { pin: PIN, title: 'Kepala' });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    const der = (await app.naskah.deps.db.certificates.currentOf(who.id))!.certificate;
    await writeFile(f(`${who.username}.pem`), app.naskah.deps.signing.ca.toPem(der));
    return String(r.body.serial);
  };

  it('is 404 before the office has a CA, then lists exactly the revoked certificates, signed by the CA', async () => {
    expectProblem(await crl().then(async (r) => ({ status: r.status, headers: r.headers, body: (await r.json()) as Record<string, unknown> })), 404);
    const revokedSerial = await issue(p.kabid!);
    const goodSerial = await issue(p.kaban!);
    await writeFile(f('ca.pem'), String((await api(app, app.adminToken, 'GET', '/api/v1/signing/ca')).body.pem));

    // Every certificate names where its issuer's list is.
    const text = (await openssl(['x509', '-in', f('kaban.pem'), '-noout', '-text'])).out;
    expect(text)
      .to.match(/X509v3 CRL Distribution Points/)
      .and.include(`URI:${app.naskah.deps.publicUrl.replace(/\/+$/, '')}/api/v1/signing/crl`);

    const empty = await crl();
    expect(empty.status).to.equal(200);
    expect(empty.headers.get('content-type')).to.equal('application/pkix-crl');
    await writeFile(f('empty.crl'), Buffer.from(await empty.arrayBuffer()));
    const emptyText = await openssl(['crl', '-inform', 'DER', '-in', f('empty.crl'), '-CAfile', f('ca.pem'), '-noout', '-text']);
    expect(emptyText.code, emptyText.out).to.equal(0);
    expect(emptyText.out)
      .to.match(/verify OK/)
      .and.include('No Revoked Certificates');

    const revoked = await api(app, app.adminToken, 'POST', `/api/v1/users/${p.kabid!.id}/certificate/revoke`, { reason: 'pindah tugas' });
    expect(revoked.status, JSON.stringify(revoked.body)).to.equal(200);
    const listed = await crl();
    const bytes = Buffer.from(await listed.arrayBuffer());
    await writeFile(f('office.crl'), bytes);
    const listText = await openssl(['crl', '-inform', 'DER', '-in', f('office.crl'), '-CAfile', f('ca.pem'), '-noout', '-text']);
    expect(listText.code, listText.out).to.equal(0);
    expect(listText.out)
      .to.match(/verify OK/)
      .and.match(new RegExp(`Serial Number: 0*${revokedSerial}`, 'i'));
    expect(listText.out).to.not.match(new RegExp(`Serial Number: 0*${goodSerial}`, 'i'));
    // Valid now and for at least another day; the number grew with the revocation.
    const next = /Next Update: (.+)/.exec(listText.out)![1]!;
    expect(new Date(next).getTime()).to.be.greaterThan(app.clock.now().getTime() + DAY - 1000);
    const number = (t: string) => Number(/X509v3 CRL Number:\s*\n\s*(\d+)/.exec(t)?.[1]);
    expect(number(listText.out)).to.be.greaterThan(number(emptyText.out));
    // The same list from the next request: every process makes the same bytes.
    expect(Buffer.from(await (await crl()).arrayBuffer()).equals(bytes)).to.equal(true);

    // What a relying party concludes with the list.
    await run('openssl', ['crl', '-inform', 'DER', '-in', f('office.crl'), '-out', f('office-crl.pem')]);
    const bad = await openssl(['verify', '-crl_check', '-CAfile', f('ca.pem'), '-CRLfile', f('office-crl.pem'), f('kabid.pem')]);
    expect(bad.code, bad.out).to.not.equal(0);
    expect(bad.out).to.match(/certificate revoked/);
    const good = await openssl(['verify', '-crl_check', '-CAfile', f('ca.pem'), '-CRLfile', f('office-crl.pem'), f('kaban.pem')]);
    expect(good.code, good.out).to.equal(0);
    expect(good.out).to.match(/: OK/);
  });
});
