import { expect } from 'chai';
import { api, expectProblem } from '../support/http.ts';
import { forEachDatabase } from '../support/for-each-database.ts';
import { approvedLetter, everything, issueCertificate, OUT, type Person, person, setUpUnits, sign, signedPdf, verifyUpload } from '../support/sign-office.ts';

const PIN = 'pin-tanda-tangan';

forEachDatabase(
  (db) => `signing at the same moment (HTTP, ${db})`,
  { timeout: 240_000 },
  ({ app }) => {
    const p: Record<string, Person> = {};
    const officials: Person[] = [];
    const N = 5;
    const year = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric' }).format(app.clock.now()));

    before(async () => {
      await setUpUnits(app);
      p.konseptor = await person(app, 'konseptor', 'staff', 'BKD');
      for (let i = 1; i <= N; i++) {
        const o = await person(app, `pejabat${i}`, 'official', i % 2 ? 'BKD' : 'SETDA');
        const r = await issueCertificate(app, o, PIN);
        expect(r.status, JSON.stringify(r.body)).to.equal(201);
        officials.push(o);
      }
    });

    it('lets one of two simultaneous signings of a letter win; the other is a 409 and takes no number', async () => {
      const signer = officials[0]!;
      const letterId = await approvedLetter(app, p.konseptor!, signer);
      const codes = [app.nextTotp(signer.username), app.nextTotp(signer.username)];
      const results = await Promise.all(codes.map((totp) => sign(app, signer, letterId, { pin: PIN, totp })));
      expect(results.map((r) => r.status).sort(), JSON.stringify(results.map((r) => r.body))).to.deep.equal([200, 409]);
      expectProblem(results.find((r) => r.status === 409)!, 409);
      const winner = results.find((r) => r.status === 200)!;
      expect(winner.body.letterNumber).to.equal(`005/1/BKD/${year()}`);
      expect((await app.naskah.deps.db.audit.list({ action: 'letter.outgoing_sign', targetId: letterId }, everything, 1, 10)).total).to.equal(1);
      expect(await app.naskah.deps.db.signedLetters.counterValue(`letter:BKD:${year()}`)).to.equal(1);
      const letter = (await api(app, p.konseptor!.token, 'GET', `${OUT}/${letterId}`)).body;
      expect(letter).to.include({ status: 'signed', letterNumber: winner.body.letterNumber, signedDocumentId: winner.body.signedDocumentId });
      // No claim is left behind.
      expect(await app.naskah.deps.db.signedLetters.claim(letterId, 'probe', app.clock.now(), app.clock.now())).to.equal(true);
    });

    it(`numbers ${N} letters signed in parallel by ${N} officials gap-free, each signed once and verifiable`, async () => {
      const letters = await Promise.all(officials.map((o) => approvedLetter(app, p.konseptor!, o)));
      const taken = await app.naskah.deps.db.signedLetters.counterValue(`letter:BKD:${year()}`);
      const results = await Promise.all(letters.map((id, i) => sign(app, officials[i]!, id, { pin: PIN, totp: app.nextTotp(officials[i]!.username) })));
      for (const r of results) expect(r.status, JSON.stringify(r.body)).to.equal(200);
      const numbers = results.map((r) => Number(String(r.body.letterNumber).split('/')[1])).sort((a, b) => a - b);
      expect(numbers).to.deep.equal(Array.from({ length: N }, (_, i) => taken + i + 1));
      expect(new Set(results.map((r) => r.body.verificationCode)).size).to.equal(N);
      for (const [i, id] of letters.entries()) {
        const v = await verifyUpload(app, (await signedPdf(app, officials[i]!, id)).bytes);
        expect(v.body, JSON.stringify(v.body)).to.deep.include({ valid: true });
        expect((v.body.knownLetter as { letterNumber: string }).letterNumber).to.equal(results[i]!.body.letterNumber);
      }
    });
  },
);
