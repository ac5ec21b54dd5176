import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { ensureFixture } from '../support/fixtures.ts';
import { databaseTargets, type TestDatabase } from '../support/databases.ts';
import { api, expectProblem, upload } from '../support/http.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { startTestApp, waitForDocument, waitForPreviews, type TestApp } from '../support/test-app.ts';

const mysql = databaseTargets().find((t) => t.name === 'mysql');

describe('database outage (MySQL behind a proxy the test cuts)', function () {
  this.timeout(120_000);
  let tdb: TestDatabase;
  let proxy: TcpProxy;
  let app: TestApp;

  before(async function () {
    // Needs a MySQL server: CI sets TEST_MYSQL_URL (see .ci/run); SQLite is a file and cannot go away.
    if (!mysql) this.skip();
    tdb = await mysql.create();
    const url = new URL(tdb.config.url);
    proxy = await startTcpProxy(url.hostname, Number(url.port || 3306));
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    app = await startTestApp({ DATABASE_URL: url.toString() });
  });
  after(async () => {
    await app?.stop();
    await proxy?.close();
    await tdb?.drop();
  });

  it('answers 503 naming the database while it is away, keeps nothing, and reconnects by itself', async () => {
    const pdf = await readFile(await ensureFixture('letter-1p.pdf'));
    const first = await upload(app, app.adminToken, '/api/v1/documents', [{ name: 'a.pdf', bytes: pdf }]);
    expect(first.status).to.equal(201);
    expect((await waitForDocument(app, app.adminToken, String(first.body.id))).status).to.equal('ready');
    // Its previews are the worker's last job: none is writing to tmp while the database is away.
    expect((await waitForPreviews(app, app.adminToken, String(first.body.id))).status).to.equal(200);
    const objectsBefore = (await app.filesIn('objects')).length;

    await proxy.cut();
    const down = expectProblem(
      await upload(app, app.adminToken, '/api/v1/documents', [{ name: 'b.pdf', bytes: Buffer.concat([pdf, Buffer.from('\n%b\n')]) }]),
      503,
    );
    expect(down.backend).to.equal('database');
    expectProblem(await api(app, app.adminToken, 'GET', `/api/v1/documents/${first.body.id}`), 503);
    const ready = expectProblem(await api(app, null, 'GET', '/readyz'), 503);
    expect(String(ready.detail)).to.match(/database/);
    expect((await app.filesIn('objects')).length).to.equal(objectsBefore);
    expect(await app.filesIn('tmp')).to.deep.equal([]);

    await proxy.restore();
    let again = await upload(app, app.adminToken, '/api/v1/documents', [{ name: 'b.pdf', bytes: Buffer.concat([pdf, Buffer.from('\n%b\n')]) }]);
    for (let i = 0; i < 20 && again.status === 503; i++) {
      await new Promise((r) => setTimeout(r, 250));
      again = await upload(app, app.adminToken, '/api/v1/documents', [{ name: 'b.pdf', bytes: Buffer.concat([pdf, Buffer.from('\n%b\n')]) }]);
    }
    expect(again.status).to.equal(201);
    expect((await waitForDocument(app, app.adminToken, String(again.body.id))).status).to.equal('ready');
  });
});
