/**
 * Issue 17: a job in the table of a type this worker has no handler for (enqueued by a newer
 * version, say) used to wait forever, unclaimed and unseen. The worker now refuses to start,
 * naming the type; the web role, which runs no jobs, still starts.
 */
import { expect } from 'chai';
import { rm } from 'node:fs/promises';
import type { JobType } from '../../src/domain/job-types.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

describe('a job of a type no handler runs', function () {
  this.timeout(60_000);
  let app: TestApp | undefined;
  let dataDir: string | undefined;
  after(async () => {
    await app?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('stops a worker from starting, naming the type, and leaves the web role alone', async () => {
    const first = await startTestApp({}, { warmOcr: false });
    dataDir = first.dataDir;
    // What a newer version would have left in the table.
    await first.naskah.deps.db.jobs.enqueue({ type: 'future-job' as JobType, payload: {}, runAt: new Date(), maxAttempts: 3 });
    await first.stop({ keepData: true });
    let refused: Error | undefined;
    await startTestApp({}, { warmOcr: false, restartOf: first }).then(
      async (started) => {
        app = started;
      },
      (e: Error) => (refused = e),
    );
    expect(refused?.message).to.match(/no handler for \(future-job\)/);
    app = await startTestApp({ NASKAH_ROLES: 'web' }, { warmOcr: false, restartOf: first });
    expect((await fetch(`${app.url}/healthz`)).status).to.equal(200);
  });
});
