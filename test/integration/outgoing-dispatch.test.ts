import { expect } from 'chai';
import { forEachDatabase } from '../support/for-each-database.ts';
import { api, expectProblem } from '../support/http.ts';
import { approvedLetter, everything, issueCertificate, OUT, type Person, person, setUpUnits, sign } from '../support/sign-office.ts';

const PIN = 'pin-tanda-tangan';
type Letter = { id: string; status: string; dispatch: { at: string; by: string; via: string; note: string | null } | null };

forEachDatabase('sending signed letters out (ekspedisi) over HTTP', { timeout: 120_000 }, ({ app }) => {
  const p: Record<string, Person> = {};
  let signedId = '';
  let approvedId = '';

  before(async () => {
    await setUpUnits(app);
    p.konseptor = await person(app, 'konseptor', 'staff', 'BKD');
    p.kepala = await person(app, 'kepala', 'official', 'BKD');
    p.tu = await person(app, 'tu.bkd', 'clerk', 'BKD');
    p.tuSetda = await person(app, 'tu.setda', 'clerk', 'SETDA');
    expect((await issueCertificate(app, p.kepala, PIN)).status).to.equal(201);
    signedId = await approvedLetter(app, p.konseptor, p.kepala);
    expect((await sign(app, p.kepala, signedId, { pin: PIN, totp: app.nextTotp('kepala') })).status).to.equal(200);
    approvedId = await approvedLetter(app, p.konseptor, p.kepala);
  });

  const toSend = async (who: Person) => ((await api(app, who.token, 'GET', `${OUT}?dispatched=false`)).body.items as Letter[]).map((l) => l.id);

  it('lists signed letters still to send to the clerk of their unit, records one sending, then lists it as sent', async () => {
    expect(await toSend(p.tu!)).to.deep.equal([signedId]);
    const r = await api(app, p.tu!.token, 'POST', `${OUT}/${signedId}/dispatch`, { via: 'post', note: 'Resi RR123456789ID' });
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    expect((r.body as unknown as Letter).dispatch).to.deep.include({ by: p.tu!.id, via: 'post', note: 'Resi RR123456789ID' });
    expect(await toSend(p.tu!)).to.deep.equal([]);
    expect(((await api(app, p.tu!.token, 'GET', `${OUT}?dispatched=true`)).body.items as Letter[]).map((l) => l.id)).to.deep.equal([signedId]);
    const trail = await app.naskah.deps.db.audit.list({ action: 'letter.outgoing_dispatch', targetId: signedId }, everything, 1, 10);
    expect(trail.items.map((e) => e.details)).to.deep.equal([
      {
        via: 'post',
        note: 'Resi RR123456789ID',
        letterNumber: `005/1/BKD/${new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric' }).format(app.clock.now())}`,
        documentId: trail.items[0]!.details.documentId,
      },
    ]);
  });

  it('records a sending once, only for signed letters, by clerks who may see the letter, with valid values', async () => {
    expectProblem(await api(app, p.tu!.token, 'POST', `${OUT}/${signedId}/dispatch`, { via: 'email' }), 409);
    expectProblem(await api(app, p.tu!.token, 'POST', `${OUT}/${approvedId}/dispatch`, { via: 'email' }), 409);
    expectProblem(await api(app, p.konseptor!.token, 'POST', `${OUT}/${approvedId}/dispatch`, { via: 'email' }), 403);
    expectProblem(await api(app, p.tuSetda!.token, 'POST', `${OUT}/${signedId}/dispatch`, { via: 'email' }), 404);
    for (const body of [{}, { via: 'pigeon' }, { via: 'post', note: 'x\u202E' }, { via: 'post', note: 'x'.repeat(501) }, { via: 'post', extra: 1 }]) {
      expectProblem(await api(app, p.tu!.token, 'POST', `${OUT}/${approvedId}/dispatch`, body), 422);
    }
    expectProblem(await api(app, p.tu!.token, 'GET', `${OUT}?dispatched=maybe`), 422);
    expect(((await api(app, p.tu!.token, 'GET', `${OUT}/${approvedId}`)).body as unknown as Letter).dispatch).to.equal(null);
  });
});
