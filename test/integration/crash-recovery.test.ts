import { expect } from 'chai';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { ensureFixture } from '../support/fixtures.ts';
import { freePort, killHard, SERVER_ADMIN as ADMIN, startServer } from '../support/server-process.ts';
import { totpLoginClient } from '../support/totp-login.ts';
import { EXTRACT_JOB } from '../../src/domain/job-types.ts';

interface JobRow {
  state: string;
  attempts: number;
  lease_until: string | null;
}

/** The text-extraction job of a document, read from the server's database file as it runs. */
const extractJobOf = async (dataDir: string, documentId: string): Promise<JobRow | undefined> => {
  const db = new sqlite3.Database(path.join(dataDir, 'naskah.sqlite'), sqlite3.OPEN_READONLY);
  try {
    return await new Promise<JobRow | undefined>((resolve, reject) =>
      db.get('SELECT state, attempts, lease_until FROM jobs WHERE type = ? AND payload LIKE ?', [EXTRACT_JOB, `%${documentId}%`], (e, row) =>
        e ? reject(e) : resolve(row as JobRow | undefined),
      ),
    );
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
};

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
    // Wait until the OCR job is claimed (running, under a lease), let OCR get going, then kill the process in the middle of it.
    let claimed: JobRow | undefined;
    for (const until = Date.now() + 60_000; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
      claimed = await extractJobOf(dataDir, scanned);
      if (claimed?.state === 'running') break;
    }
    expect(claimed, 'the OCR job was claimed').to.include({ state: 'running', attempts: 1 });
    expect(claimed!.lease_until).to.be.a('string');
    await new Promise((r) => setTimeout(r, 300));
    await killHard(child);
    // Still running in the database: the process died with the job unfinished.
    expect(await extractJobOf(dataDir, scanned)).to.include({ state: 'running', attempts: 1 });

    child = await startServer(dataDir, port, { JOB_LEASE_MS: '3000', JOB_POLL_MS: '100' });
    token = await login();
    const status = async (id: string) =>
      (await (await fetch(`${base}/api/v1/documents/${id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        status: string;
        textSource: string;
      };
    const until = Date.now() + 150_000;
    let a = await status(scanned);
    let b = await status(digital);
    while ((a.status === 'processing' || b.status === 'processing') && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 250));
      [a, b] = [await status(scanned), await status(digital)];
    }
    expect(a).to.include({ status: 'ready', textSource: 'ocr' });
    // The restarted worker took the job over once its lease ran out: a second attempt finished it.
    expect(await extractJobOf(dataDir, scanned)).to.include({ state: 'done', attempts: 2 });
    expect(b).to.include({ status: 'ready', textSource: 'pdf-text' });
    // The previews come last (a job staging its source in tmp meanwhile): once both thumbnails
    // exist, nothing may be left in tmp, neither the killed process's files nor the jobs'.
    for (const id of [scanned, digital]) {
      let thumb = 0;
      for (const end = Date.now() + 60_000; thumb !== 200 && Date.now() < end; await new Promise((r) => setTimeout(r, 250))) {
        thumb = (await fetch(`${base}/api/v1/documents/${id}/thumbnail`, { headers: { authorization: `Bearer ${token}` } })).status;
      }
      expect(thumb, `thumbnail of ${id}`).to.equal(200);
    }
    expect(await readdir(path.join(dataDir, 'tmp')).catch(() => [])).to.deep.equal([]);
  });
});
