import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { api, expectProblem } from '../support/http.ts';
import { forEachDatabase } from '../support/for-each-database.ts';
import { calendarDateIn } from '../../src/domain/office-time.ts';
import { indonesianDate } from '../../src/domain/outgoing-rules.ts';
import { pdfText } from '../support/nss.ts';
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
  template,
  verifyUpload,
} from '../support/sign-office.ts';

const PIN = 'pin-tanda-tangan';
const BATCH = `${OUT}/sign-batch`;

forEachDatabase(
  (db) => `batch signing (HTTP, ${db})`,
  { timeout: 300_000 },
  ({ app }) => {
    const p: Record<string, Person> = {};
    const year = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric' }).format(app.clock.now()));
    const counter = () => app.naskah.deps.db.signedLetters.counterValue(`letter:BKD:${year()}`);
    const signings = async () => (await app.naskah.deps.db.audit.list({ action: 'letter.outgoing_sign' }, everything, 1, 1)).total;

    before(async () => {
      await setUpUnits(app);
      p.konseptor = await person(app, 'konseptor', 'staff', 'BKD');
      p.kaban = await person(app, 'kaban', 'official', 'BKD');
      p.sekda = await person(app, 'sekda', 'official', 'SETDA');
      for (const o of [p.kaban, p.sekda]) expect((await issueCertificate(app, o!, PIN)).status).to.equal(201);
    });

    it('signs 20 letters with one PIN and one code; the one it cannot sign is reported and the other 19 are signed, numbered gap-free and verify', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) ids.push(await approvedLetter(app, p.konseptor!, i === 7 ? p.sekda! : p.kaban!));
      const before = await counter();
      const auditsBefore = await signings();
      const totp = app.nextTotp('kaban');
      const r = await api(app, p.kaban!.token, 'POST', BATCH, { letterIds: ids, pin: PIN, totp });
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      const results = r.body.results as { id: string; status: string; letterNumber?: string; error?: string; kind?: string }[];
      expect(results.map((x) => x.id)).to.deep.equal(ids);
      const failed = results.filter((x) => x.status === 'failed');
      expect(failed.map((x) => x.id)).to.deep.equal([ids[7]]);
      expect(failed[0]!.error).to.match(/signer/);
      expect(failed[0]!.kind, 'the kind the UI says in Indonesian').to.equal('forbidden');
      const ok = results.filter((x) => x.status === 'signed');
      expect(ok).to.have.length(19);
      // Gap-free and in the order given: the counter moved by exactly the letters signed.
      expect(ok.map((x) => x.letterNumber)).to.deep.equal(Array.from({ length: 19 }, (_, i) => `005/${before + i + 1}/BKD/${year()}`));
      expect(await counter()).to.equal(before + 19);
      // One audit entry per signed letter, none for the one refused.
      expect(await signings()).to.equal(auditsBefore + 19);
      expect((await api(app, p.konseptor!.token, 'GET', `${OUT}/${ids[7]}`)).body).to.include({ status: 'approved', letterNumber: null });
      // Each has its own signature that verifies as that letter.
      const codes = new Set<unknown>();
      for (const x of ok) {
        const pdf = await signedPdf(app, p.kaban!, x.id);
        expect(pdf.status).to.equal(200);
        const v = await verifyUpload(app, pdf.bytes);
        expect(v.body, JSON.stringify(v.body)).to.deep.include({ valid: true });
        expect((v.body.knownLetter as { letterNumber: string }).letterNumber).to.equal(x.letterNumber);
        codes.add((await api(app, p.kaban!.token, 'GET', `${OUT}/${x.id}`)).body.verificationCode);
      }
      expect(codes.size).to.equal(19);
      // The code was spent once for the whole batch: it does not sign again.
      const again = await sign(app, p.sekda!, ids[7]!, { pin: PIN, totp: app.nextTotp('sekda') });
      expect(again.status, JSON.stringify(again.body)).to.equal(200);
      expectProblem(await api(app, p.kaban!.token, 'POST', BATCH, { letterIds: [await approvedLetter(app, p.konseptor!, p.kaban!)], pin: PIN, totp }), 403);
    });

    it('dates the signed letter the day it is signed, not the day its draft named', async () => {
      const id = await approvedLetter(app, p.konseptor!, p.kaban!, [], { template: { ...template(), date: '2025-03-05' } });
      const r = await api(app, p.kaban!.token, 'POST', BATCH, { letterIds: [id], pin: PIN, totp: app.nextTotp('kaban') });
      expect((r.body.results as { status: string }[])[0]!.status, JSON.stringify(r.body)).to.equal('signed');
      const text = (await pdfText((await signedPdf(app, p.kaban!, id)).bytes)).replace(/\s+/g, ' ');
      const today = indonesianDate(calendarDateIn(app.clock.now(), 'Asia/Jakarta'));
      expect(text).to.include(`Sleman, ${today}`);
      expect(text).to.not.include('5 Maret 2025');
    });

    it('refuses the whole batch for a wrong PIN, a missing code or bad input, signing nothing', async () => {
      const id = await approvedLetter(app, p.konseptor!, p.kaban!);
      const before = await counter();
      expect(
        expectProblem(await api(app, p.kaban!.token, 'POST', BATCH, { letterIds: [id], pin: 'salah-sekali', totp: app.nextTotp('kaban') }), 403).type,
      ).to.match(/wrong-pin$/);
      expect(expectProblem(await api(app, p.kaban!.token, 'POST', BATCH, { letterIds: [id], pin: PIN }), 403).type).to.match(/totp-required$/);
      expectProblem(await api(app, p.kaban!.token, 'POST', BATCH, { letterIds: [], pin: PIN, totp: '123456' }), 422);
      expectProblem(await api(app, p.kaban!.token, 'POST', BATCH, { letterIds: ['bukan-id'], pin: PIN, totp: '123456' }), 422);
      expectProblem(
        await api(app, p.kaban!.token, 'POST', BATCH, { letterIds: Array.from({ length: 101 }, () => randomUUID()), pin: PIN, totp: '123456' }),
        422,
      );
      expectProblem(await api(app, p.konseptor!.token, 'POST', BATCH, { letterIds: [id], pin: PIN, totp: '123456' }), 403);
      expect(await counter()).to.equal(before);
      expect((await api(app, p.konseptor!.token, 'GET', `${OUT}/${id}`)).body).to.include({ status: 'approved' });
      // An unknown letter in a batch is a failed line, not a refusal of the rest.
      const unknown = randomUUID();
      const r = await api(app, p.kaban!.token, 'POST', BATCH, { letterIds: [unknown, id], pin: PIN, totp: app.nextTotp('kaban') });
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      expect((r.body.results as { status: string }[]).map((x) => x.status)).to.deep.equal(['failed', 'signed']);
    });
  },
);
