import { expect } from 'chai';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureFixture } from '../support/fixtures.ts';
import { freePort, killHard, SERVER_ADMIN as ADMIN, startServer } from '../support/server-process.ts';
import { totpLoginClient } from '../support/totp-login.ts';

describe('crash recovery: kill -9 loses nothing acknowledged', function () {
  this.timeout(180_000);
  let dataDir: string;
  let child: ChildProcess | undefined;
  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'naskah-crash-'));
  });
  after(async () => {
    if (child) await killHard(child);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('resumes OCR that was cut off, keeps every acknowledged upload, and sweeps temp files', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    child = await startServer(dataDir, port, { JOB_LEASE_MS: '3000', JOB_POLL_MS: '100' });
    const client = totpLoginClient(base, { now: () => new Date() });
    const login = () => client.login(ADMIN.username, ADMIN.password);
    let token = await login();
    const send = async (name: string, bytes: Buffer) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), name);
      const res = await fetch(`${base}/api/v1/documents`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      expect(res.status).to.equal(201);
      return ((await res.json()) as { id: string }).id;
    };
    const scanned = await send('pindaian.jpg', await readFile(await ensureFixture('scan-1p.jpg')));
    const digital = await send('surat.pdf', await readFile(await ensureFixture('letter-3p.pdf')));
    // Let the OCR job get claimed and start, then kill the process in the middle of it.
    await new Promise((r) => setTimeout(r, 1500));
    await killHard(child);

    child = await startServer(dataDir, port, { JOB_LEASE_MS: '3000', JOB_POLL_MS: '100' });
    token = await login();
    const status = async (id: string) => ((await (await fetch(`${base}/api/v1/documents/${id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { status: string; textSource: string });
    const until = Date.now() + 150_000;
    let a = await status(scanned);
    let b = await status(digital);
    while ((a.status === 'processing' || b.status === 'processing') && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 250));
      [a, b] = [await status(scanned), await status(digital)];
    }
    expect(a).to.include({ status: 'ready', textSource: 'ocr' });
    expect(b).to.include({ status: 'ready', textSource: 'pdf-text' });
    expect(await readdir(path.join(dataDir, 'tmp')).catch(() => [])).to.deep.equal([]);
  });
});
