import { expect } from 'chai';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateLetter, type GeneratedLetter } from '../../scripts/fixtures/letter-text.ts';
import { cliHere } from '../support/cli-in-process.ts';
import { archiveLetters } from '../support/archive-letters.ts';
import { api, expectProblem } from '../support/http.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/** Overwrites every file of the embedded index (the database file and its -wal/-shm) with noise. */
const corruptIndex = async (dataDir: string): Promise<string[]> => {
  const dir = path.join(dataDir, 'index');
  const files = await readdir(dir);
  for (const f of files) await writeFile(path.join(dir, f), Buffer.alloc(8192, 'not an index, just garbage '));
  return files;
};

describe('a corrupted embedded search index', function () {
  this.timeout(120_000);
  let app: TestApp | undefined;
  const letters: GeneratedLetter[] = [201, 202].map((seed) => generateLetter(seed));
  let ids: string[] = [];

  const startWithLetters = async () => {
    app = await startTestApp();
    ids = await archiveLetters(app, letters);
  };
  const hitsFor = async (a: TestApp, letter: GeneratedLetter) => {
    const r = await api(a, a.adminToken, 'GET', `/api/v1/search?q=${encodeURIComponent(letter.letterNumber)}`);
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    return r.body.items!.map((i) => i.id);
  };

  beforeEach(startWithLetters);
  afterEach(async () => app?.stop());
  /** Stops the app, keeping its data dir, and forgets it (so a failed test does not stop it twice). */
  const stopKeepingData = async (): Promise<TestApp> => {
    const stopped = app!;
    app = undefined;
    await stopped.stop({ keepData: true });
    return stopped;
  };

  it('is rebuilt from scratch by `reindex`, which says so, and search finds the right documents again', async () => {
    const stopped = await stopKeepingData();
    const files = await corruptIndex(stopped.dataDir);
    expect(files).to.include('search.sqlite');

    const run = await cliHere(['reindex'], { DATA_DIR: stopped.dataDir });
    expect(run.code, run.err).to.equal(0);
    expect(run.out).to.match(/search index .*could not be (opened|read).*rebuilt from scratch/i);
    expect(run.out).to.match(/done: 2 documents indexed/);

    app = await startTestApp({}, { restartOf: stopped });
    for (const [i, letter] of letters.entries()) expect(await hitsFor(app, letter)).to.deep.equal([ids[i]]);
  });

  it('does not stop the server: search answers 503 naming the cure, and comes back once `reindex` ran beside it', async () => {
    const stopped = await stopKeepingData();
    await corruptIndex(stopped.dataDir);

    app = await startTestApp({}, { restartOf: stopped });
    const refused = expectProblem(await api(app, app.adminToken, 'GET', `/api/v1/search?q=${encodeURIComponent(letters[0]!.letterNumber)}`), 503);
    expect(refused.backend).to.equal('search');
    expect(String(refused.detail)).to.match(/search index is damaged.*npm run cli -- reindex/);
    expect(String(refused.detail)).to.not.include(stopped.dataDir);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).to.equal(503);
    expect(await ready.text()).to.include('search');
    // Everything but search still works: the document itself is there.
    expect((await api(app, app.adminToken, 'GET', `/api/v1/documents/${ids[0]}`)).status).to.equal(200);

    // The server keeps running while an administrator rebuilds the index; no restart is needed.
    const run = await cliHere(['reindex'], { DATA_DIR: app.dataDir });
    expect(run.code, run.err).to.equal(0);
    for (const [i, letter] of letters.entries()) expect(await hitsFor(app, letter)).to.deep.equal([ids[i]]);
    expect((await fetch(`${app.url}/readyz`)).status).to.equal(200);
  });
});
