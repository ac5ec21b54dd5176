import { expect } from 'chai';
import { monthOf } from '../../src/domain/office-time.ts';
import { incomingLetter, unit, user } from '../support/factories.ts';
import { api, expectProblem } from '../support/http.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const HOUR = 3600_000;

describe('office figures (GET /api/v1/stats)', function () {
  this.timeout(60_000);
  let app: TestApp;
  const t: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const register = async (seed: number) => {
    return (await incomingLetter(app, t.clerk!, seed, {}, `s${seed}.pdf`)).id;
  };
  const dispose = async (letterId: string, dueInHours: number) => {
    const r = await api(app, t.head!, 'POST', `/api/v1/letters/incoming/${letterId}/dispositions`, {
      to: [{ userId: ids.staf }],
      instruction: 'Tindak lanjuti',
      dueAt: new Date(app.clock.now().getTime() + dueInHours * HOUR).toISOString(),
    });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    return String((r.body.items as { id: string }[])[0]!.id);
  };

  before(async () => {
    app = await startTestApp();
    await unit(app, 'BKD');
    await unit(app, 'DISDIK', { name: 'Disdik' });
    const tokens: Record<string, string> = {};
    for (const [u, role, unitCode] of [
      ['tu.bkd', 'clerk', 'BKD'],
      ['kaban', 'official', 'BKD'],
      ['staf', 'staff', 'BKD'],
      ['kadis', 'official', 'DISDIK'],
    ] as const) {
      const { id, token } = await user(app, u, { name: u, role, unitCode });
      ids[u] = id;
      tokens[u] = token;
    }
    t.clerk = tokens['tu.bkd']!;
    t.head = tokens.kaban!;
    t.staff = tokens.staf!;
    t.other = tokens.kadis!;
  });
  after(async () => app?.stop());

  it('counts letters per month, times to first disposition and completion, and overdue work per unit', async () => {
    const done = await register(1);
    const late = await register(2);
    await register(3); // never disposed
    const first = await dispose(done, 48);
    await dispose(late, 1);
    expect((await api(app, t.staff!, 'POST', `/api/v1/dispositions/${first}/complete`, { report: 'Sudah ditindaklanjuti' })).status).to.equal(200);
    app.clock.advance(2 * HOUR); // the second one is now overdue

    const r = await api(app, t.head!, 'GET', '/api/v1/stats');
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    const months = r.body.months as { month: string; incoming: number }[];
    expect(months).to.have.length(12);
    expect(months.at(-1)).to.include({ month: monthOf(app.clock.now(), 'Asia/Jakarta'), incoming: 3 });
    expect(r.body.toFirstDisposition).to.include({ letters: 2 });
    expect(r.body.toCompletion).to.include({ letters: 1 });
    expect(r.body.overdueByUnit).to.deep.equal([{ unitCode: 'BKD', overdue: 1 }]);
  });

  it('counts only letters the caller may see', async () => {
    const r = await api(app, t.other!, 'GET', '/api/v1/stats');
    expect((r.body.months as { incoming: number }[]).reduce((a, m) => a + m.incoming, 0)).to.equal(0);
    expect(r.body.overdueByUnit).to.deep.equal([]);
  });

  it('is for officials, admins and auditors, with a sane range', async () => {
    expectProblem(await api(app, t.staff!, 'GET', '/api/v1/stats'), 403);
    expectProblem(await api(app, t.head!, 'GET', '/api/v1/stats?from=2026-13'), 422);
    expectProblem(await api(app, t.head!, 'GET', '/api/v1/stats?from=2026-05&to=2026-01'), 422);
    expectProblem(await api(app, t.head!, 'GET', '/api/v1/stats?from=1900-01&to=2026-01'), 422);
    // Years outside 1900–2999 are refused before any date arithmetic (they used to fail with a 500).
    for (const q of ['from=9999-01&to=9999-12', 'from=0000-01', 'to=0001-01', 'from=1899-12&to=1900-01', 'from=2999-12&to=3000-01']) {
      const p = expectProblem(await api(app, t.head!, 'GET', `/api/v1/stats?${q}`), 422);
      expect(JSON.stringify(p.errors), q).to.include('a year from 1900 to 2999');
    }
    const last = await api(app, t.head!, 'GET', '/api/v1/stats?from=2999-01&to=2999-12');
    expect(last.status, JSON.stringify(last.body)).to.equal(200);
    expect((last.body.months as { month: string }[]).at(-1)!.month).to.equal('2999-12');
    const one = await api(app, t.head!, 'GET', '/api/v1/stats?from=2025-12&to=2026-01');
    expect((one.body.months as { month: string }[]).map((m) => m.month)).to.deep.equal(['2025-12', '2026-01']);
  });
});
