import { expect } from 'chai';
import { JobTimeoutError, WorkerPool } from '../../../../src/infra/threads/worker-pool.ts';

/** A stand-in worker that records whether it was terminated. */
class FakeWorker {
  static made = 0;
  readonly id = ++FakeWorker.made;
  terminated = false;
  terminate() {
    this.terminated = true;
    return Promise.resolve();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const never = () => new Promise<never>(() => {});

const pool = (size: number, jobTimeoutMs = 200, recycleAfter = 1000) => {
  const made: FakeWorker[] = [];
  const p = new WorkerPool<FakeWorker>({
    size,
    jobTimeoutMs,
    recycleAfter,
    create: async () => {
      const w = new FakeWorker();
      made.push(w);
      return w;
    },
  });
  return { p, made };
};

const rejection = async (promise: Promise<unknown>) =>
  promise.then(
    () => new Error('resolved'),
    (e: unknown) => e,
  );

describe('WorkerPool', () => {
  it('kills a worker whose job times out and runs the next job on a fresh one', async () => {
    const { p, made } = pool(1, 100);
    const err = await rejection(p.run(() => never()));
    expect(err).to.be.instanceOf(JobTimeoutError);
    const id = await p.run(async (w) => w.id);
    expect(made).to.have.length(2);
    expect(made[0]!.terminated).to.equal(true);
    expect(id).to.equal(made[1]!.id);
    await p.close();
  });

  it('gives the next free worker to an urgent job ahead of the jobs already waiting', async () => {
    const { p } = pool(1, 1000);
    const order: string[] = [];
    let release!: () => void;
    const busy = p.run(() => new Promise<void>((r) => (release = r)));
    await sleep(5);
    const queued = ['pipeline 1', 'pipeline 2'].map((name) => p.run(async () => void order.push(name)));
    const urgent = p.run(async () => void order.push('clerk'), undefined, { urgent: true });
    release();
    await Promise.all([busy, urgent, ...queued]);
    expect(order).to.deep.equal(['clerk', 'pipeline 1', 'pipeline 2']);
    await p.close();
  });

  it('replaces a worker after a failed job and keeps a healthy one', async () => {
    const { p, made } = pool(1);
    await p.run(async () => 1);
    expect(await rejection(p.run(async () => Promise.reject(new Error('unreadable image'))))).to.have.property('message', 'unreadable image');
    await p.run(async () => 1);
    expect(made).to.have.length(2);
    expect(made[0]!.terminated).to.equal(true);
    expect(made[1]!.terminated).to.equal(false);
    await p.close();
  });

  it('aborts a running job and a queued one when their signals fire', async () => {
    const { p, made } = pool(1, 10_000);
    const ac = new AbortController();
    const running = rejection(p.run(() => never(), ac.signal));
    const queuedAc = new AbortController();
    const queued = rejection(p.run(async () => 'ran', queuedAc.signal));
    queuedAc.abort(new Error('queued abort'));
    expect(await queued).to.have.property('message', 'queued abort');
    ac.abort(new Error('lease lost'));
    expect(await running).to.have.property('message', 'lease lost');
    expect(made[0]!.terminated).to.equal(true);
    expect(await p.run(async () => 'ok')).to.equal('ok');
    await p.close();
  });

  it('runs at most `size` jobs at once and queues the rest in order', async () => {
    const { p } = pool(2);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        p.run(async () => {
          peak = Math.max(peak, ++active);
          await sleep(20);
          active--;
          order.push(n);
        }),
      ),
    );
    expect(peak).to.equal(2);
    expect(order.slice(0, 2).sort()).to.deep.equal([1, 2]);
    await p.close();
  });

  it('recycles a worker after its quota of jobs', async () => {
    const { p, made } = pool(1, 1000, 2);
    for (let i = 0; i < 5; i++) await p.run(async () => i);
    expect(made).to.have.length(3);
    await p.close();
    expect(made.every((w) => w.terminated)).to.equal(true);
  });

  it('refuses work after close', async () => {
    const { p } = pool(1);
    await p.close();
    expect(await rejection(p.run(async () => 1))).to.have.property('code', 'unavailable');
  });
});
