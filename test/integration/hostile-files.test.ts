import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { type ServerProcess, startServer, uploadBytes, waitForStatus } from '../../scripts/bench/ingest/server.ts';
import { ensureFixture, type FixtureName } from '../support/fixtures.ts';
import { watchHealth } from '../support/server-process.ts';

const GB = 2 ** 30;

/**
 * A hostile file is read in a thread under limits while the server goes on answering: the
 * server runs as its own process, so its event loop and its memory are measured from outside.
 */
describe('hostile files cannot stall the server (a process of its own)', function () {
  this.timeout(180_000);
  let server: ServerProcess | undefined;
  /** A fresh office on a server process of its own. */
  const start = async (env: Record<string, string> = {}) => {
    await server?.stop();
    server = await startServer({ OCR_WORKERS: '1', ...env });
  };
  after(() => server?.stop());

  /** Uploads `name` and follows it to its end, watching /healthz and the server's peak memory all along. */
  const sendWatched = async (name: FixtureName) => {
    const s = server!;
    await s.resetPeak();
    const health = watchHealth(s.url);
    const r = await uploadBytes(s, name, await readFile(await ensureFixture(name)));
    const final = r.status === 201 ? await waitForStatus(s, r.body.id!, { everyMs: 200, timeoutMs: 120_000 }) : r.body;
    const { worstMs, answers } = await health.stop();
    return { status: r.status, body: r.body, final, worstMs, answers, peak: await s.hwm() };
  };

  it('refuses a 20,000 × 20,000 image and a stream that inflates to 1 GiB with 422, answering /healthz within 200 ms, under 1 GB', async () => {
    await start();
    for (const name of ['image-bomb.pdf', 'flate-bomb.pdf'] as const) {
      const r = await sendWatched(name);
      expect(r.status, `${name}: ${JSON.stringify(r.body)}`).to.equal(422);
      expect(String(r.body.detail)).to.match(/expands to more than 128 MB/);
      expect(r.answers, name).to.be.greaterThan(3);
      expect(r.worstMs, name).to.be.lessThan(200);
      expect(r.peak, name).to.be.lessThan(GB);
    }
  });

  it('with a looser stream budget, leaves the giant image undecoded: the page is read blank, still under the same bars', async () => {
    await start({ PDF_MAX_STREAM_MB: '512' });
    const r = await sendWatched('image-bomb.pdf');
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    expect(r.final.status, JSON.stringify(r.final)).to.equal('ready');
    expect(r.worstMs).to.be.lessThan(200);
    expect(r.peak).to.be.lessThan(GB);
  });
});
