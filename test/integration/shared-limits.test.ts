/**
 * Issue 15: the public routes' request budgets and the once-an-hour audit of verifications hold
 * across web processes: two servers over one database give a client one budget, not two.
 */
import { expect } from 'chai';
import { firstInHour } from '../../src/app/operations/request-budget.ts';
import { forEachDatabase } from '../support/for-each-database.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const MINUTE = 60_000;

forEachDatabase('request budgets shared by two web servers', { timeout: 120_000, app: false }, ({ database: db, target }) => {
  let a: TestApp;
  let b: TestApp;

  before(async () => {
    a = await startTestApp({ DATABASE_URL: db.config.url });
    // A second server on the same database and data dir, as a second web process would be.
    b = await startTestApp({ DATABASE_URL: db.config.url, NASKAH_ROLES: 'web' }, { restartOf: a });
  });
  after(async () => {
    await b?.stop({ keepData: true });
    await a?.stop();
  });

  it("counts a client's public checks once, whichever server answers (60 a minute in all)", async () => {
    // The budget's windows are whole minutes: start well inside one, so the burst stays in it.
    const into = a.clock.now().getTime() % MINUTE;
    if (into > 50_000) await new Promise((r) => setTimeout(r, MINUTE - into + 500));
    const ask = (app: TestApp) => fetch(`${app.url}/verify/${'C'.repeat(24)}`, { headers: { accept: 'application/json' } }).then((r) => r.status);
    const statuses = [...(await Promise.all(Array.from({ length: 40 }, () => ask(a)))), ...(await Promise.all(Array.from({ length: 40 }, () => ask(b))))];
    expect(statuses.filter((s) => s === 404)).to.have.length(60);
    expect(statuses.filter((s) => s === 429)).to.have.length(20);
  });

  it('holds the public log budget (600 a minute, reserved fifty at a time by each server) across both servers', async () => {
    const into = a.clock.now().getTime() % MINUTE;
    if (into > 45_000) await new Promise((r) => setTimeout(r, MINUTE - into + 500));
    const ask = (app: TestApp) => fetch(`${app.url}/log/key`).then((r) => r.status);
    const statuses: number[] = [];
    for (let round = 0; round < 35; round++) statuses.push(...(await Promise.all(Array.from({ length: 20 }, (_, i) => ask(i % 2 ? a : b)))));
    const ok = statuses.filter((s) => s === 200).length;
    // Each server may leave up to 49 of its reservations unspent: never more than 600 in all.
    expect(ok)
      .to.be.at.most(600)
      .and.at.least(600 - 2 * 49);
    expect(statuses.filter((s) => s === 429)).to.have.length(700 - ok);
  });

  it("audits a letter's verification once an hour, whichever server is asked", async () => {
    const key = `letter-x|203.0.113.9|code|${target.name}`;
    expect(await firstInHour(a.naskah.deps, key)).to.equal(true);
    expect(await firstInHour(b.naskah.deps, key)).to.equal(false);
    expect(await firstInHour(a.naskah.deps, key)).to.equal(false);
    a.clock.advance(61 * MINUTE);
    expect(await firstInHour(b.naskah.deps, key)).to.equal(true);
  });
});
