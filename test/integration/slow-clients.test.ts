import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { ensureFixture } from '../support/fixtures.ts';
import { user } from '../support/factories.ts';
import { idle } from '../support/leftovers.ts';
import { multipart, pacedRequest, rawHttp } from '../support/raw-http.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const LOGIN = '/api/v1/auth/login';

describe('slow clients: bodies and headers that dawdle are cut off (HTTP, embedded)', function () {
  this.timeout(60_000);
  let app: TestApp;
  let staffToken: string;
  before(async () => {
    app = await startTestApp({ BODY_GRACE_SECONDS: '1', BODY_MIN_KBPS: '16', HEADERS_TIMEOUT_SECONDS: '2' });
    staffToken = (await user(app, 'staf', { name: 'Staf' })).token;
  });
  after(() => app?.stop());

  it('answers a login body sent a byte at a time with 408 and closes the connection, soon after the grace period', async () => {
    const body = JSON.stringify({ username: 'admin', password: 'x'.repeat(150) });
    const request = rawHttp('POST', LOGIN, { 'Content-Type': 'application/json' }, body);
    const head = request.length - Buffer.byteLength(body);
    const r = await pacedRequest(app.url, request, { atOnce: head, chunk: 1, everyMs: 100, giveUpMs: 15_000 });
    expect(r.status, r.text).to.equal(408);
    expect(r.text)
      .to.match(/application\/problem\+json/)
      .and.match(/request-timeout/);
    expect(r.sent).to.be.lessThan(request.length); // cut off, not finished
    expect(r.closedAfterMs).to.be.within(1000, 4000);
  });

  it('closes a connection whose headers never finish', async () => {
    const head = Buffer.from(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n${'X-Slow: a\r\n'.repeat(100)}\r\n`);
    const r = await pacedRequest(app.url, head, { chunk: 1, everyMs: 50, giveUpMs: 15_000 });
    expect(r.sent).to.be.lessThan(head.length);
    expect(r.closedAfterMs).to.be.within(1500, 6000);
  });

  it('lets an upload that keeps a steady pace above the minimum through', async () => {
    const jpeg = await readFile(await ensureFixture('scan-1p.jpg'));
    const body = multipart('XyZ', [
      { name: 'title', body: 'Surat lambat' },
      { name: 'file', filename: 'pindaian.jpg', contentType: 'image/jpeg', body: jpeg },
    ]);
    const head = { Authorization: `Bearer ${app.adminToken}`, 'Content-Type': 'multipart/form-data; boundary=XyZ', Connection: 'close' };
    // ~320 KB/s: the 730 KB scan takes over two seconds, past the one-second grace period.
    const r = await pacedRequest(app.url, rawHttp('POST', '/api/v1/documents', head, body), { chunk: 32 * 1024, everyMs: 100, giveUpMs: 30_000 });
    expect(r.status, r.text.slice(0, 300)).to.equal(201);
    expect(r.sent).to.equal(rawHttp('POST', '/api/v1/documents', head, body).length);
  });

  it('refuses an upload by someone who may not upload before reading its body: 403 at once, nothing staged', async () => {
    const body = multipart('XyZ', [
      {
        name: 'file',
        filename: 'besar.pdf',
        contentType: 'application/pdf',
        body: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(20 * 2 ** 20, 0x20)]),
      },
    ]);
    const request = rawHttp('POST', '/api/v1/documents', { Authorization: `Bearer ${staffToken}`, 'Content-Type': 'multipart/form-data; boundary=XyZ' }, body);
    // 64 KB every 50 ms would take 16 s for the 20 MB: the answer must come long before.
    const r = await pacedRequest(app.url, request, { chunk: 64 * 1024, everyMs: 50, giveUpMs: 30_000 });
    expect(r.status, r.text.slice(0, 300)).to.equal(403);
    expect(r.text).to.match(/connection: close/i);
    expect(r.sent).to.be.lessThan(request.length / 4);
    await idle(app); // the scan uploaded before is read from a temp copy meanwhile
    expect(await app.filesIn('tmp')).to.deep.equal([]);
  });
});
