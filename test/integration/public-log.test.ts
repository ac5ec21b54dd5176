import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { signFirstCheckpoint } from '../../src/app/public-log/sign-checkpoint.ts';
import { letterInLog } from '../../src/app/public-log/letter-in-log.ts';
import { api, expectProblem } from '../support/http.ts';
import { forEachDatabase } from '../support/for-each-database.ts';
import { getText, queueLeaves, readSignedCheckpoint, settleLog } from '../support/public-log.ts';
import { mth, rfcLeaf, rfcVerifyConsistency, rfcVerifyInclusion } from '../support/rfc9162.ts';
import { approvedLetter, issueCertificate, type Person, person, setUpUnits, sign, signedPdf, verifyUpload } from '../support/sign-office.ts';

const PIN = '482915';
const hexes = (v: unknown) => (v as string[]).map((h) => Buffer.from(h, 'hex'));

forEachDatabase(
  (db) => `the public log of issued letters (HTTP, ${db})`,
  { timeout: 240_000, env: { LOG_ORIGIN: 'sleman.example.go.id/log' } },
  ({ app }) => {
    let key: string;
    const p: Record<string, Person> = {};

    before(async () => {
      key = (await getText(`${app.url}/log/key`)).text;
    });

    it('serves a signed checkpoint of the empty tree from the first start of a fresh office, before any periodic pass', async () => {
      const c = await getText(`${app.url}/log/checkpoint`);
      expect(c.status, c.text).to.equal(200);
      const cp = readSignedCheckpoint(c.text, key);
      expect(cp.size).to.equal(0);
      expect(cp.root.equals(mth([]))).to.equal(true);
      // A second start (another process, a restart) signs no second one.
      expect(await signFirstCheckpoint(app.naskah.deps)).to.equal(null);
      expect(await app.naskah.deps.db.publicLog.checkpointsAt(0, mth([]).toString('hex'))).to.have.length(1);
    });

    it('puts a letter in a signed checkpoint within a second of its signing; its proof checks out with an independent RFC 9162 check, and the verify answers say where', async () => {
      await setUpUnits(app);
      p.konseptor = await person(app, 'konseptor', 'staff', 'BKD');
      p.sekda = await person(app, 'sekda', 'official', 'SETDA');
      expect((await issueCertificate(app, p.sekda!, PIN)).status).to.equal(201);
      const letterId = await approvedLetter(app, p.konseptor!, p.sekda!);
      const signed = await sign(app, p.sekda!, letterId, { pin: PIN, totp: app.nextTotp('sekda') });
      expect(signed.status, JSON.stringify(signed.body)).to.equal(200);
      const signedAt = Date.now();
      // Published without waiting for any timer: the signing nudges the sequencer after its commit.
      let note = '';
      while (Date.now() - signedAt < 1000) {
        const c = await getText(`${app.url}/log/checkpoint`);
        if (c.status === 200 && readSignedCheckpoint(c.text, key).size === 1) {
          note = c.text;
          break;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(note, 'a checkpoint of size 1 within 1 s').to.not.equal('');
      const cp = readSignedCheckpoint(note, key);
      expect(cp.origin).to.equal('sleman.example.go.id/log');
      const auditHead = await app.naskah.deps.db.audit.head();
      expect(cp.lines[3]).to.match(/^audit \d+ [0-9a-f]{64}$/);
      expect(Number(cp.lines[3]!.split(' ')[1])).to.be.at.most(auditHead.seq);

      const leaves = (await api(app, null, 'GET', '/log/leaves?start=0&end=10')).body.leaves as { index: number; text: string; hash: string }[];
      expect(leaves).to.have.length(1);
      const sha = String(signed.body.sha256);
      const cert = await app.naskah.deps.db.certificates.currentOf(p.sekda!.id);
      expect(leaves[0]!.text).to.equal(
        `naskah-log-leaf/v1\nkind letter\nnumber ${String(signed.body.letterNumber)}\nsha256 ${sha}\ncertificate ${cert!.sha256}\nsigned ${String((await app.naskah.deps.db.signedLetters.findBySha256(sha))!.signedAt.toISOString())}\n`,
      );
      expect(
        createHash('sha256')
          .update((await signedPdf(app, p.sekda!, letterId)).bytes)
          .digest('hex'),
      ).to.equal(sha);
      expect(mth([Buffer.from(leaves[0]!.text)]).equals(cp.root)).to.equal(true);

      const code = String(signed.body.verificationCode);
      // biome-ignore lint/suspicious/noExplicitAny: a JSON answer read field by field
      const v = await fetch(`${app.url}/verify/${code}`, { headers: { accept: 'application/json' } }).then((r) => r.json() as Promise<Record<string, any>>);
      expect(v.log).to.include({ recorded: true, index: 0, size: 1, verified: true });
      expect(rfcVerifyInclusion(0, 1, rfcLeaf(Buffer.from(leaves[0]!.text)), hexes(v.log.inclusionProof), cp.root)).to.equal(true);
      const html = await (await fetch(`${app.url}/verify/${code}`)).text();
      expect(html).to.include('Tercatat di log publik pada posisi 0');
      const file = await verifyUpload(app, (await signedPdf(app, p.sekda!, letterId)).bytes);
      expect(file.body.log).to.include({ recorded: true, index: 0, verified: true });
    });

    it('appends leaves queued by concurrent transactions once each, in consecutive positions, and proves every one and every prefix', async () => {
      const before = (await app.naskah.deps.db.publicLog.head()).size;
      const keys = await queueLeaves(app, 120);
      // The same leaf queued again (a retried transaction) is not logged twice.
      await queueLeaves(app, 3);
      await settleLog(app);
      const c = await getText(`${app.url}/log/checkpoint`);
      expect(c.type).to.match(/^text\/plain/);
      const cp = readSignedCheckpoint(c.text, key);
      expect(cp.size).to.equal(before + 120);
      const all: string[] = [];
      for (let s = 0; s < cp.size; s += 50)
        all.push(...((await api(app, null, 'GET', `/log/leaves?start=${s}&end=${s + 50}`)).body.leaves as { text: string }[]).map((l) => l.text));
      expect(all).to.have.length(cp.size);
      expect(new Set(all).size).to.equal(cp.size);
      for (const k of keys)
        expect(
          all.filter((t) => t.includes(`sha256 ${k}\n`)),
          k,
        ).to.have.length(1);
      const data = all.map((t) => Buffer.from(t));
      expect(mth(data).equals(cp.root)).to.equal(true);
      for (const i of [0, 1, 2, 63, 64, cp.size - 1]) {
        const r = await api(app, null, 'GET', `/log/proof/inclusion?leaf=${i}&size=${cp.size}`);
        expect(rfcVerifyInclusion(i, cp.size, rfcLeaf(data[i]!), hexes(r.body.inclusionProof), cp.root), `leaf ${i}`).to.equal(true);
      }
      const byHash = await api(app, null, 'GET', `/log/proof/inclusion?leaf=${rfcLeaf(data[5]!).toString('hex')}`);
      expect(byHash.body).to.include({ index: 5, size: cp.size });
      for (const m of [1, 2, 3, 64, cp.size - 1, cp.size]) {
        const r = await api(app, null, 'GET', `/log/proof/consistency?from=${m}&to=${cp.size}`);
        expect(rfcVerifyConsistency(m, cp.size, mth(data.slice(0, m)), cp.root, hexes(r.body.consistencyProof)), `from ${m}`).to.equal(true);
      }
    });

    it('answers bad requests with problem+json and never serves more leaves than asked or allowed', async () => {
      const size = (await app.naskah.deps.db.publicLog.head()).size;
      for (const q of ['leaf=abc', 'leaf=-1', 'leaf=1&size=x', `leaf=0&size=${size + 1}`, 'leaf=5&size=3'])
        expectProblem(await api(app, null, 'GET', `/log/proof/inclusion?${q}`), 422);
      expectProblem(await api(app, null, 'GET', `/log/proof/inclusion?leaf=${'0'.repeat(64)}`), 404);
      expectProblem(await api(app, null, 'GET', `/log/proof/inclusion?leaf=${size + 5}`), 404);
      for (const q of ['from=0&to=1', `from=2&to=1`, `from=1&to=${size + 1}`, 'from=a&to=2', 'to=2'])
        expectProblem(await api(app, null, 'GET', `/log/proof/consistency?${q}`), 422);
      for (const q of ['start=5&end=5', 'start=-1&end=2', 'start=0']) expectProblem(await api(app, null, 'GET', `/log/leaves?${q}`), 422);
      expect(((await api(app, null, 'GET', '/log/leaves?start=0&end=100000')).body.leaves as unknown[]).length).to.equal(Math.min(size, 1000));
      const bad = await fetch(`${app.url}/log/cosignature`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'not a note' });
      expect(bad.status).to.equal(422);
      expect(bad.headers.get('content-type')).to.match(/^application\/problem\+json/);
      // A checkpoint with a root this log never had: refused, whoever signed it.
      const forged = `sleman.example.go.id/log\n1\n${Buffer.alloc(32).toString('base64')}\n\n\u2014 someone AAAAAAAA\n`;
      expect((await fetch(`${app.url}/log/cosignature`, { method: 'POST', body: forged })).status).to.equal(409);
    });

    it('says a letter is pending while its leaf waits in the queue, however long the queue (last: it stops the sequencer)', async () => {
      await app.naskah.logSequencer.stop();
      const waiting = await queueLeaves(app, 1200, 10_000);
      // Every one of them, the last ones behind more than a thousand others.
      const answers = await Promise.all(waiting.map((k) => letterInLog(app.naskah.deps, k)));
      expect(answers.filter((a) => !a.recorded && a.pending)).to.have.length(1200);
      expect(await letterInLog(app.naskah.deps, 'e'.repeat(64))).to.deep.equal({ recorded: false, pending: false });
    });
  },
);
