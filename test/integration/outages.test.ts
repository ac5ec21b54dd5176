import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { ensureFixture } from '../support/fixtures.ts';
import { flakySearch } from '../support/flaky-search.ts';
import { api, expectProblem, upload } from '../support/http.ts';
import { footprint, idle } from '../support/leftovers.ts';
import { startS3rver, type TestS3Server } from '../support/s3rver.ts';
import { startTestApp, waitForDocument, type TestApp } from '../support/test-app.ts';

const DOCS = '/api/v1/documents';
const variant = (pdf: Buffer, tag: string) => Buffer.concat([pdf, Buffer.from(`\n%${tag}\n`)]);

describe('outages: storage and search (HTTP)', function () {
  this.timeout(120_000);
  let pdf: Buffer;
  before(async () => {
    pdf = await readFile(await ensureFixture('letter-1p.pdf'));
  });

  describe('object storage (S3 against s3rver) goes down', () => {
    let s3: TestS3Server;
    let app: TestApp;
    before(async () => {
      s3 = await startS3rver();
      app = await startTestApp({
        STORAGE_DRIVER: 's3',
        S3_ENDPOINT: s3.endpoint,
        S3_ACCESS_KEY: s3.accessKey,
        S3_SECRET_KEY: s3.secretKey,
        S3_BUCKET: 'naskah-test',
      });
    });
    after(async () => {
      await app?.stop();
      await s3?.destroy();
    });

    it('stores and serves through S3, answers 503 with nothing half-stored while it is down, and recovers', async () => {
      const ok = await upload(app, app.adminToken, DOCS, [{ name: 'a.pdf', bytes: variant(pdf, 'a') }]);
      expect(ok.status).to.equal(201);
      expect((await waitForDocument(app, app.adminToken, String(ok.body.id))).status).to.equal('ready');
      await idle(app);
      const before = await footprint(app);

      await s3.stop();
      const down = expectProblem(await upload(app, app.adminToken, DOCS, [{ name: 'b.pdf', bytes: variant(pdf, 'b') }]), 503);
      expect(down.backend).to.equal('storage');
      expect(await footprint(app)).to.deep.equal(before);
      const ready = expectProblem(await api(app, null, 'GET', '/readyz'), 503);
      expect(String(ready.detail)).to.match(/storage/);

      const restarted = await startS3rver({ port: s3.port, directory: s3.directory });
      s3 = restarted;
      const again = await upload(app, app.adminToken, DOCS, [{ name: 'b.pdf', bytes: variant(pdf, 'b') }]);
      expect(again.status).to.equal(201);
      expect((await waitForDocument(app, app.adminToken, String(again.body.id))).status).to.equal('ready');
      const res = await fetch(`${app.url}${DOCS}/${ok.body.id}/content`, { headers: { authorization: `Bearer ${app.adminToken}` } });
      expect(Buffer.from(await res.arrayBuffer()).equals(variant(pdf, 'a'))).to.equal(true);
    });
  });

  describe('the search engine goes down', () => {
    let app: TestApp;
    let search: ReturnType<typeof flakySearch>;
    before(async () => {
      app = await startTestApp({ JOB_POLL_MS: '50' });
      search = flakySearch(app.naskah.deps.search);
      app.naskah.deps.search = search;
    });
    after(async () => app?.stop());

    it('still accepts uploads, answers searches with 503, and catches up on indexing when it returns', async () => {
      search.down = true;
      const up = await upload(app, app.adminToken, DOCS, [{ name: 'c.pdf', bytes: variant(pdf, 'c') }], { title: 'Nota dinas pemeliharaan gedung' });
      expect(up.status).to.equal(201);
      expectProblem(await api(app, app.adminToken, 'GET', '/api/v1/search?q=pemeliharaan'), 503);
      await new Promise((r) => setTimeout(r, 1500)); // the index job fails and is rescheduled meanwhile
      expect((await api(app, app.adminToken, 'GET', `${DOCS}/${up.body.id}`)).body.status).to.equal('processing');
      const jobs = await app.naskah.adapters.db.jobs.countByState();
      expect(jobs.failed).to.equal(0);

      search.down = false;
      const doc = await waitForDocument(app, app.adminToken, String(up.body.id), 90_000);
      expect(doc.status).to.equal('ready');
      const found = await api(app, app.adminToken, 'GET', '/api/v1/search?q=pemeliharaan');
      expect(found.body.items!.map((i) => i.id)).to.include(up.body.id);
    });
  });
});
