import { expect } from 'chai';
import { letterPdf } from '../../scripts/fixtures/letter-pdf.ts';
import { generateLetter } from '../../scripts/fixtures/letter-text.ts';
import { forEachDatabase } from '../support/for-each-database.ts';
import { api, expectProblem, form } from '../support/http.ts';
import { approvedLetter, person, type Person, setUpUnits, sign } from '../support/sign-office.ts';
import { waitForDocument } from '../support/test-app.ts';
import { passwordOf } from '../support/passwords.ts';

type Json = Record<string, unknown>;
const NIP = '197803152005012003';
const PIN = 'pin-kadis-2718';

forEachDatabase(
  (db) => `people: NIP and jabatan, disposition recipients, the official's own PIN (HTTP, ${db})`,
  { timeout: 240_000 },
  ({ app }) => {
    const p: Record<string, Person> = {};

    before(async () => {
      await setUpUnits(app);
      p.head = await person(app, 'kadis', 'official', 'BKD', 'Dra. Siti Rahayu', { nip: '19780315 200501 2 003', jabatan: 'Pelaksana Tugas Kepala Badan' });
      p.clerk = await person(app, 'tu.bkd', 'clerk', 'BKD');
      p.staff = await person(app, 'ana.bkd', 'staff', 'BKD');
    });

    it('keeps a NIP as its 18 digits and the jabatan, and refuses what is not a NIP without creating anyone', async () => {
      const me = (await api(app, p.head!.token, 'GET', '/api/v1/auth/me')).body;
      expect(me).to.include({ nip: NIP, jabatan: 'Pelaksana Tugas Kepala Badan', mustChangePassword: false });
      for (const nip of ['1978', '197813152005012003', '197803152005013003']) {
        const body = expectProblem(
          await api(app, app.adminToken, 'POST', '/api/v1/users', {
            username: 'budi',
            password: passwordOf('budi'),
            name: 'Budi',
            role: 'staff',
            unitCode: 'BKD',
            nip,
          }),
          422,
        );
        expect((body.errors as Json[]).map((e) => e.field)).to.deep.equal(['nip']);
        expect(String(body.type)).to.match(/\/nip-invalid$/);
      }
      expect((await api(app, app.adminToken, 'GET', '/api/v1/users?q=budi')).body.total).to.equal(0);
      expectProblem(await api(app, app.adminToken, 'PATCH', `/api/v1/users/${p.staff!.id}`, { nip: '12345' }), 422);
      const changed = await api(app, app.adminToken, 'PATCH', `/api/v1/users/${p.staff!.id}`, { nip: '199001012015012001', jabatan: 'Analis Kepegawaian' });
      expect(changed.body).to.include({ nip: '199001012015012001', jabatan: 'Analis Kepegawaian' });
      expect((await api(app, app.adminToken, 'PATCH', `/api/v1/users/${p.staff!.id}`, { nip: null })).body.nip).to.equal(null);
    });

    it('shows jabatan and NIP in the people directory, and marks the admin as no disposition recipient', async () => {
      const people = (await api(app, p.staff!.token, 'GET', '/api/v1/people?limit=100')).body.items as Json[];
      expect(people.find((x) => x.id === p.head!.id)).to.include({ jabatan: 'Pelaksana Tugas Kepala Badan', nip: NIP, receivesDispositions: true });
      const admin = people.find((x) => (x.roles as string[]).join() === 'admin');
      expect(admin?.receivesDispositions).to.equal(false);
    });

    it('refuses an admin as a disposition recipient, and routes nothing', async () => {
      const l = generateLetter(41);
      const reg = await form(
        app,
        p.clerk!.token,
        '/api/v1/letters/incoming',
        { letterNumber: l.letterNumber, letterDate: l.letterDate, sender: l.sender, subject: l.subject, urgency: 'biasa', securityLevel: 'biasa' },
        { name: 'surat.pdf', bytes: await letterPdf([l]) },
      );
      expect(reg.status, JSON.stringify(reg.body)).to.equal(201);
      // An admin of the head's own unit: only their role keeps them out.
      const admin = await api(app, app.adminToken, 'POST', '/api/v1/users', {
        username: 'admin.bkd',
        password: passwordOf('admin.bkd'),
        name: 'Admin BKD',
        role: 'admin',
        unitCode: 'BKD',
      });
      expect(admin.status, JSON.stringify(admin.body)).to.equal(201);
      const to = [{ userId: String(admin.body.id) }, { userId: p.staff!.id }];
      const body = expectProblem(
        await api(app, p.head!.token, 'POST', `/api/v1/letters/incoming/${String(reg.body.id)}/dispositions`, { to, instruction: 'Proses' }),
        422,
      );
      expect(body.errors).to.deep.equal([{ field: 'to.0.userId', message: 'an administrator account does not receive dispositions', code: 'admin_account' }]);
      expect((await api(app, p.staff!.token, 'GET', '/api/v1/dispositions/inbox')).body.items).to.deep.equal([]);
    });

    it('lets the admin ask for a certificate and the official make it with a PIN of their own', async () => {
      expectProblem(await api(app, p.head!.token, 'POST', '/api/v1/auth/certificate', { pin: PIN }), 409);
      expectProblem(await api(app, p.staff!.token, 'POST', `/api/v1/users/${p.head!.id}/certificate-request`), 403);
      expectProblem(await api(app, app.adminToken, 'POST', `/api/v1/users/${p.staff!.id}/certificate-request`), 422);
      const asked = await api(app, app.adminToken, 'POST', `/api/v1/users/${p.head!.id}/certificate-request`);
      expect(asked.status, JSON.stringify(asked.body)).to.equal(201);
      expect((await api(app, p.head!.token, 'GET', '/api/v1/auth/me')).body.certificateRequestedAt).to.equal(asked.body.requestedAt);
      expectProblem(await api(app, p.head!.token, 'POST', '/api/v1/auth/certificate', { pin: '111111' }), 422);
      const made = await api(app, p.head!.token, 'POST', '/api/v1/auth/certificate', { pin: PIN });
      expect(made.status, JSON.stringify(made.body)).to.equal(201);
      expect(made.body).to.include({ status: 'active', title: 'Pelaksana Tugas Kepala Badan', nip: NIP, commonName: 'Dra. Siti Rahayu' });
      expect((await api(app, p.head!.token, 'GET', '/api/v1/auth/me')).body.certificateRequestedAt).to.equal(null);
      expectProblem(await api(app, p.head!.token, 'POST', '/api/v1/auth/certificate', { pin: PIN }), 409);
      const audit = (await api(app, app.adminToken, 'GET', `/api/v1/audit?actorId=${p.head!.id}`)).body.items as Json[];
      expect(audit.map((a) => a.action)).to.include('signing.certificate_own_create');
    });

    it('pre-fills the signer block from the signer’s jabatan and NIP, and signs with the PIN the official chose, then changed', async () => {
      const first = await approvedLetter(app, p.staff!, p.head!);
      const letter = (await api(app, p.staff!.token, 'GET', `/api/v1/letters/outgoing/${first}`)).body;
      await waitForDocument(app, p.staff!.token, String(letter.documentId));
      const text = String((await api(app, p.staff!.token, 'GET', `/api/v1/documents/${String(letter.documentId)}/text`)).body.text);
      expect(text).to.include('Pelaksana Tugas Kepala Badan').and.include('Dra. Siti Rahayu').and.include(NIP);
      expect((await sign(app, p.head!, first, { pin: PIN, totp: app.nextTotp('kadis') })).status).to.equal(200);

      const wrong = expectProblem(
        await api(app, p.head!.token, 'POST', '/api/v1/auth/certificate/pin', { currentPin: 'bukan-pin-ini', newPin: 'pin-baru-3141' }),
        403,
      );
      expect(String(wrong.type)).to.match(/\/wrong-pin$/);
      expectProblem(await api(app, p.head!.token, 'POST', '/api/v1/auth/certificate/pin', { currentPin: PIN, newPin: '123456' }), 422);
      expect((await api(app, p.head!.token, 'POST', '/api/v1/auth/certificate/pin', { currentPin: PIN, newPin: 'pin-baru-3141' })).status).to.equal(204);

      const second = await approvedLetter(app, p.staff!, p.head!);
      expectProblem(await sign(app, p.head!, second, { pin: PIN, totp: app.nextTotp('kadis') }), 403);
      const signed = await sign(app, p.head!, second, { pin: 'pin-baru-3141', totp: app.nextTotp('kadis') });
      expect(signed.status, JSON.stringify(signed.body)).to.equal(200);
    });
  },
);
