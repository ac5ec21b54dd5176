import { expect } from 'chai';
import { forEachDatabase } from '../support/for-each-database.ts';
import { incomingLetter } from '../support/factories.ts';
import { api, expectProblem } from '../support/http.ts';
import { OUT, type Person, person, setUpUnits } from '../support/sign-office.ts';
import { letterText, typedLetter } from '../support/typed-letters.ts';

const CONTACTS = '/api/v1/contacts';

forEachDatabase(
  (db) => `the contact book (HTTP, ${db})`,
  { timeout: 120_000 },
  ({ app }) => {
    const p: Record<string, Person> = {};
    let seed = 900;
    const names = async (q: string, who = p.konseptor!) => {
      const r = await api(app, who.token, 'GET', `${CONTACTS}?q=${encodeURIComponent(q)}`);
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      return (r.body.items ?? []).map((c) => c.name);
    };
    const registerFrom = async (sender: string) => {
      const n = seed++;
      await incomingLetter(app, p.tu!.token, n, { letterNumber: `800/${n}/X/2025`, letterDate: '2025-03-01', sender, subject: `Surat ${n}` }, 'surat.pdf');
    };

    before(async () => {
      await setUpUnits(app);
      p.konseptor = await person(app, 'konseptor', 'staff', 'BKD');
      p.tu = await person(app, 'tubkd', 'clerk', 'BKD');
      p.pemeriksa = await person(app, 'pemeriksa', 'auditor', 'ORG');
      p.kepala = await person(app, 'kepala', 'official', 'BKD');
    });

    it('adds a contact (201) and refuses the same name again (accents, case and spacing aside), bad values and those who do not write letters', async () => {
      const r = await api(app, p.konseptor!.token, 'POST', CONTACTS, {
        name: 'Dinas Pariwisata Kabupaten Gunungkidul',
        address: 'Jl. Brigjen Katamso 1, Wonosari',
        email: 'dispar@gunungkidul.example.go.id',
      });
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
      expect(r.body).to.include({
        name: 'Dinas Pariwisata Kabupaten Gunungkidul',
        address: 'Jl. Brigjen Katamso 1, Wonosari',
        email: 'dispar@gunungkidul.example.go.id',
      });
      expectProblem(await api(app, p.konseptor!.token, 'POST', CONTACTS, { name: 'dinas  pariwisata kabupaten GUNUNGKIDUL' }), 409);
      for (const bad of [{}, { name: '' }, { name: 'X', email: 'bukan-surel' }, { name: 'X\u202Ey' }, { name: 'X', phone: '1' }])
        expectProblem(await api(app, p.konseptor!.token, 'POST', CONTACTS, bad), 422);
      expectProblem(await api(app, p.pemeriksa!.token, 'POST', CONTACTS, { name: 'Kantor Lain' }), 403);
      expectProblem(await api(app, null, 'GET', `${CONTACTS}?q=dinas`), 401);
    });

    it('finds contacts as one types: a prefix of the name or of a word, accents and case aside', async () => {
      for (const name of ['Lembaga Pengembangan Éducation Séni', 'Universitas Gadjah Mada', 'Dinas Pendidikan Kabupaten Sleman'])
        expect((await api(app, p.konseptor!.token, 'POST', CONTACTS, { name })).status).to.equal(201);
      expect(await names('dinas pend')).to.deep.equal(['Dinas Pendidikan Kabupaten Sleman']);
      expect(await names('DINAS P')).to.deep.equal(['Dinas Pariwisata Kabupaten Gunungkidul', 'Dinas Pendidikan Kabupaten Sleman']);
      expect(await names('educ')).to.deep.equal(['Lembaga Pengembangan Éducation Séni']);
      expect(await names('seni')).to.deep.equal(['Lembaga Pengembangan Éducation Séni']);
      expect(await names('gadj')).to.deep.equal(['Universitas Gadjah Mada']);
      expect(await names('ajah')).to.deep.equal([]);
      // LIKE's own wildcards are letters like any other.
      expect(await names('%')).to.deep.equal([]);
      expect(await names('_inas')).to.deep.equal([]);
      expectProblem(await api(app, p.konseptor!.token, 'GET', `${CONTACTS}?q=${'a'.repeat(101)}`), 422);
    });

    it('fills itself from the senders of incoming letters: a new sender is added, a known one matched', async () => {
      await registerFrom('Kantor Regional I BKN Yogyakarta');
      expect(await names('kantor regional')).to.deep.equal(['Kantor Regional I BKN Yogyakarta']);
      await registerFrom('kantor regional i  bkn yogyakarta');
      await registerFrom('Universitas Gadjah Mada');
      expect(await names('kantor regional')).to.deep.equal(['Kantor Regional I BKN Yogyakarta']);
      expect(await names('universitas')).to.deep.equal(['Universitas Gadjah Mada']);
    });

    it('addresses a letter to a contact by id, printing its name and address', async () => {
      const found = (await api(app, p.konseptor!.token, 'GET', `${CONTACTS}?q=dinas%20pari`)).body.items![0]!;
      const id = await typedLetter(app, p.konseptor!, p.kepala!, { type: 'surat-dinas', addressees: [{ contactId: found.id }] });
      const letter = (await api(app, p.konseptor!.token, 'GET', `${OUT}/${id}`)).body;
      expect(letter.addressees).to.deep.equal([
        {
          contactId: found.id,
          name: 'Dinas Pariwisata Kabupaten Gunungkidul',
          address: 'Jl. Brigjen Katamso 1, Wonosari',
          email: 'dispar@gunungkidul.example.go.id',
        },
      ]);
      expect(await letterText(app, p.konseptor!, id))
        .to.include('Yth. Dinas Pariwisata Kabupaten Gunungkidul')
        .and.include('Jl. Brigjen Katamso 1, Wonosari');
    });
  },
);
