import { expect } from 'chai';
import type { AppDeps } from '../../../../src/app/deps.ts';
import { takeRequest } from '../../../../src/app/operations/request-budget.ts';
import { AppError } from '../../../../src/domain/errors.ts';

/** A database's rate counts as one shared tally, and how many writes reached it. */
const sharedCounts = () => {
  const hits = new Map<string, number>();
  const counts = {
    writes: 0,
    async hit(bucket: string, start: Date, by = 1) {
      counts.writes++;
      const key = `${bucket}@${start.getTime()}`;
      hits.set(key, (hits.get(key) ?? 0) + by);
      return hits.get(key)!;
    },
    async prune() {
      return 0;
    },
  };
  return counts;
};

/** A web server over that database: its own handle (and so its own reservations), one clock. */
const server = (counts: ReturnType<typeof sharedCounts>, now: Date) => ({ db: { rateCounts: counts }, clock: { now: () => now } }) as unknown as AppDeps;

const passes = async (deps: AppDeps, budget: Parameters<typeof takeRequest>[1], n: number): Promise<number> => {
  let ok = 0;
  for (let i = 0; i < n; i++) {
    try {
      await takeRequest(deps, budget, '203.0.113.7');
      ok++;
    } catch (e) {
      expect(e).to.be.instanceOf(AppError);
      expect((e as AppError).code).to.equal('rate_limited');
    }
  }
  return ok;
};

describe('request budgets reserved several at a time', () => {
  const now = new Date('2026-12-03T10:00:05Z');
  const budget = { what: 'public log requests', windowMs: 60_000, max: 25, lease: 10 };

  it('writes once per five requests (half the lease) and lets exactly the budget through', async () => {
    const counts = sharedCounts();
    const one = server(counts, now);
    expect(await passes(one, budget, 25)).to.equal(25);
    expect(counts.writes).to.equal(5);
    expect(await passes(one, budget, 5)).to.equal(0);
  });

  it('never lets more than the budget through across servers, whatever each reserved', async () => {
    const counts = sharedCounts();
    const [a, b] = [server(counts, now), server(counts, now)];
    let ok = 0;
    for (let round = 0; round < 8; round++) ok += (await passes(a, budget, 3)) + (await passes(b, budget, 4));
    expect(ok).to.be.at.most(25);
    expect(ok).to.be.at.least(25 - 2 * (budget.lease - 1));
  });

  it('makes one reservation for requests that arrive together, so no server sits on unspent leases', async () => {
    const counts = sharedCounts();
    const [a, b] = [server(counts, now), server(counts, now)];
    const burst = (deps: AppDeps, n: number) =>
      Promise.all(
        Array.from({ length: n }, () =>
          takeRequest(deps, budget, '203.0.113.7').then(
            () => 1,
            () => 0,
          ),
        ),
      );
    // Ten at once on one server: two writes of five and one ahead (ten writes would reserve the whole budget).
    expect((await burst(a, 10)).reduce((x: number, y) => x + y, 0)).to.equal(10);
    expect(counts.writes).to.equal(3);
    let ok = 10;
    for (let round = 0; round < 4; round++) for (const n of await Promise.all([burst(a, 6), burst(b, 6)])) ok += n.reduce((x: number, y) => x + y, 0);
    expect(ok)
      .to.be.at.most(25)
      .and.at.least(25 - 2 * (budget.lease - 1));
    // Once the budget is gone for this window, a server refuses without asking the database again.
    const writes = counts.writes;
    expect((await burst(a, 5)).reduce((x: number, y) => x + y, 0)).to.equal(0);
    expect(counts.writes - writes).to.be.at.most(1);
  });

  it('asks for the next reservation ahead, so no request waits for a write while the server holds some', async () => {
    const counts = sharedCounts();
    const one = server(counts, now);
    expect(await passes(one, budget, 1)).to.equal(1);
    await new Promise((r) => setImmediate(r)); // the first write ahead has landed: 9 held
    // The database now stalls: requests still pass on what this server holds.
    const stalled: (() => void)[] = [];
    const hit = counts.hit;
    counts.hit = (...args) => new Promise<void>((r) => stalled.push(r)).then(() => hit(...args));
    const quick = await Promise.race([passes(one, budget, 9), new Promise<string>((r) => setTimeout(() => r('waited'), 200))]);
    expect(quick).to.equal(9);
    expect(stalled.length).to.equal(1);
    // Held and in flight never pass lease - 1: with none held, the next waits for the write ahead.
    let next = false;
    const waiting = passes(one, budget, 1).then((n) => (next = n === 1));
    await new Promise((r) => setTimeout(r, 20));
    expect(next).to.equal(false);
    for (const go of stalled) go();
    await waiting;
    expect(next).to.equal(true);
  });

  it('counts every request when no lease is asked for', async () => {
    const counts = sharedCounts();
    expect(await passes(server(counts, now), { what: 'verifications', windowMs: 60_000, max: 3 }, 5)).to.equal(3);
    expect(counts.writes).to.equal(5);
  });
});
