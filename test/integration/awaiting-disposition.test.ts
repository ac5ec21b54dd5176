import { expect } from 'chai';
import { forEachDatabase } from '../support/for-each-database.ts';
import { api } from '../support/http.ts';
import { issueCertificate, type Person, person, setUpUnits } from '../support/sign-office.ts';
import { PIN, signed, typedLetter } from '../support/typed-letters.ts';

const IN = '/api/v1/letters/incoming';

forEachDatabase(
  (db) => `incoming letters waiting for a disposition, unread ones marked (HTTP, ${db})`,
  { timeout: 240_000 },
  ({ app }) => {
    const p: Record<string, Person> = {};

    before(async () => {
      await setUpUnits(app);
      p.konseptor = await person(app, 'konseptor', 'staff', 'BKD');
      p.kepala = await person(app, 'kepala', 'official', 'BKD', 'Dra. Sri Wahyuni');
      p.sekda = await person(app, 'sekda', 'official', 'SETDA', 'Ir. Bambang Sekda');
      p.asisten = await person(app, 'asisten', 'official', 'SETDA', 'Drs. Asisten');
      p.staf = await person(app, 'stafsetda', 'staff', 'SETDA');
      expect((await issueCertificate(app, p.kepala, PIN)).status).to.equal(201);
    });

    /** What the official's home lists: their unit's register, not yet disposed. */
    const waiting = async (who: Person, unitCode = 'SETDA') => {
      const r = await api(app, who.token, 'GET', `${IN}?status=registered&unitCode=${unitCode}`);
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      return (r.body.items as { id: string; subject: string; unread: boolean }[]).map(({ subject, unread }) => ({ subject, unread }));
    };

    it('lists the letters delivered to the unit with no disposition yet, unread for each official until they open one, and drops a disposed one', async () => {
      for (const subject of ['Data formasi', 'Rapat koordinasi']) {
        const id = await typedLetter(app, p.konseptor!, p.kepala!, { subject });
        await signed(app, p.kepala!, id);
      }
      expect(await waiting(p.sekda!)).to.deep.equal([
        { subject: 'Rapat koordinasi', unread: true },
        { subject: 'Data formasi', unread: true },
      ]);
      const first = ((await api(app, p.sekda!.token, 'GET', `${IN}?status=registered`)).body.items as { id: string; subject: string }[]).find(
        (l) => l.subject === 'Data formasi',
      )!;
      // Opening it marks it read for the one who opened it, once however often.
      expect((await api(app, p.sekda!.token, 'GET', `${IN}/${first.id}`)).status).to.equal(200);
      expect((await api(app, p.sekda!.token, 'GET', `${IN}/${first.id}`)).status).to.equal(200);
      expect(await waiting(p.sekda!)).to.deep.equal([
        { subject: 'Rapat koordinasi', unread: true },
        { subject: 'Data formasi', unread: false },
      ]);
      expect(await waiting(p.asisten!)).to.deep.equal([
        { subject: 'Rapat koordinasi', unread: true },
        { subject: 'Data formasi', unread: true },
      ]);
      // Disposed: it no longer waits.
      const d = await api(app, p.sekda!.token, 'POST', `${IN}/${first.id}/dispositions`, { to: [{ userId: p.staf!.id }], instruction: 'Siapkan data' });
      expect(d.status, JSON.stringify(d.body)).to.equal(201);
      expect(await waiting(p.asisten!)).to.deep.equal([{ subject: 'Rapat koordinasi', unread: true }]);
      // The drafter's unit has nothing waiting in its own register.
      expect(await waiting(p.kepala!, 'BKD')).to.deep.equal([]);
    });
  },
);
