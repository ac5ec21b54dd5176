import { expect } from 'chai';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureFixture, type FixtureName } from '../support/fixtures.ts';
import { freePort, killHard, residentMemory, SERVER_ADMIN, startServer, watchHealth } from '../support/server-process.ts';
import { totpLoginClient } from '../support/totp-login.ts';

const GB = 2 ** 30;

/**
 * A hostile file is read in a thread under limits while the server goes on answering: the
 * server runs as its own process, so its event loop and its memory are measured from outside.
 */
describe('hostile files cannot stall the server (a process of its own)', function () {
  this.timeout(180_000);
  let dataDir: string | undefined;
  let child: ChildProcess | undefined;
  let base: string;
  let token: string;

  const stop = async () => {
    if (child) await killHard(child);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
  /** A fresh office on a server process of its own. */
  const start = async (env: Record<string, string> = {}) => {
    await stop();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'naskah-hostile-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = await startServer(dataDir, port, env);
    token = await totpLoginClient(base, { now: () => new Date() }).login(SERVER_ADMIN.username, SERVER_ADMIN.password);
  };
  after(stop);

  /** Uploads `name` and follows it to its end, watching /healthz and the server's peak memory all along. */
  const sendWatched = async (name: FixtureName) => {
    await writeFile(`/proc/${child!.pid}/clear_refs`, '5'); // peak RSS from here on
    const health = watchHealth(base);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await readFile(await ensureFixture(name)))]), name);
    const res = await fetch(`${base}/api/v1/documents`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const body = (await res.json()) as Record<string, unknown>;
    let final = body;
    const until = Date.now() + 120_000;
    while (res.status === 201 && final.status === 'processing' && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
      final = (await (await fetch(`${base}/api/v1/documents/${String(body.id)}`, { headers: { authorization: `Bearer ${token}` } })).json()) as Record<string, unknown>;
    }
    const { worstMs, answers } = await health.stop();
    return { status: res.status, body, final, worstMs, answers, peak: (await residentMemory(child!.pid!)).peak };
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
