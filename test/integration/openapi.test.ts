import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { api } from '../support/http.ts';
import { ADMIN, startTestApp, type TestApp } from '../support/test-app.ts';

describe('the published OpenAPI document', function () {
  this.timeout(60_000);
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => app?.stop());

  it('names only routes the server has (each answers something other than "no such route")', async () => {
    const spec = (await api(app, null, 'GET', '/api/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const missing: string[] = [];
    const token = await app.login(ADMIN.username, ADMIN.password); // the walk logs this one out
    for (const [p, ops] of Object.entries(spec.paths)) {
      for (const method of Object.keys(ops)) {
        const url = p.replace(/\{[^}]+\}/g, randomUUID());
        const r = await fetch(`${app.url}${url}`, {
          method: method.toUpperCase(),
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          ...(method === 'get' ? {} : { body: '{}' }),
        });
        const body = await r.text();
        if (r.status === 404 && body.includes('no such route')) missing.push(`${method.toUpperCase()} ${p}`);
      }
    }
    expect(missing).to.deep.equal([]);
    expect(Object.keys(spec.paths).length).to.be.greaterThan(10);
  });

  it('answers an unknown route with a 404 problem, never HTML', async () => {
    const r = await fetch(`${app.url}/api/v1/no-such-thing`, { headers: { authorization: `Bearer ${app.adminToken}` } });
    expect(r.status).to.equal(404);
    expect(r.headers.get('content-type')).to.match(/^application\/problem\+json/);
  });
});
