import { expect } from 'chai';
import { isAppError } from '../../../../src/domain/errors.ts';
import { createThreadPool, type ThreadPool } from '../../../../src/infra/threads/thread-pool.ts';
import { rejection } from '../../../support/rejection.ts';
import type { ProbeOps } from './probe.worker.ts';

describe('thread pool: untrusted work off the event loop, under limits of time and memory', function () {
  this.timeout(60_000);
  let pool: ThreadPool<ProbeOps>;
  before(() => {
    pool = createThreadPool<ProbeOps>({
      module: { base: import.meta.url, file: './probe.worker' },
      threads: 1,
      timeoutMs: 1500,
      maxHeapMb: 64,
      what: 'probing',
    });
  });
  after(() => pool.close());

  it('answers calls on a thread of its own, and keeps the thread after a refusal', async () => {
    const a = await pool.call('echo', { n: 7 });
    expect(a.n).to.equal(7);
    expect(a.thread).to.be.greaterThan(0);
    const refused = await rejection(pool.call('refuse', { why: 'page 3 is unreadable' }));
    expect(isAppError(refused) && refused.code).to.equal('invalid');
    expect((refused as Error).message).to.equal('page 3 is unreadable');
    expect((await pool.call('echo', { n: 8 })).thread).to.equal(a.thread);
  });

  it('stops a call that runs past its time as invalid, and the event loop keeps turning meanwhile', async () => {
    const before = (await pool.call('echo', { n: 1 })).thread;
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 50);
    const err = await rejection(pool.call('spin', {}));
    clearInterval(ticker);
    expect(isAppError(err) && err.code).to.equal('invalid');
    expect((err as Error).message).to.match(/probing takes longer than 2 s/);
    // The loop ran while the thread spun: ~30 ticks in 1.5 s; a blocked loop gives none.
    expect(ticks).to.be.greaterThan(10);
    const after = (await pool.call('echo', { n: 2 })).thread;
    expect(after).to.not.equal(before);
  });

  it('stops a call that exhausts its heap as invalid, and serves the next call on a new thread', async () => {
    // A time limit long enough that only the heap limit can stop it, even on a loaded machine.
    const roomy = createThreadPool<ProbeOps>({
      module: { base: import.meta.url, file: './probe.worker' },
      threads: 1,
      timeoutMs: 60_000,
      maxHeapMb: 64,
      what: 'probing',
    });
    try {
      const before = (await roomy.call('echo', { n: 1 })).thread;
      const err = await rejection(roomy.call('hog', {}));
      expect(isAppError(err) && err.code).to.equal('invalid');
      expect((err as Error).message).to.match(/needs more than 64 MB of memory/);
      expect((await roomy.call('echo', { n: 3 })).thread).to.not.equal(before);
    } finally {
      await roomy.close();
    }
  });

  it('fails the calls of a thread that crashed, and replaces it', async () => {
    const before = (await pool.call('echo', { n: 1 })).thread;
    const err = await rejection(pool.call('crash', {}));
    expect(isAppError(err)).to.equal(false);
    expect((err as Error).message).to.match(/the thread fell over|stopped/);
    expect((await pool.call('echo', { n: 4 })).thread).to.not.equal(before);
  });
});
