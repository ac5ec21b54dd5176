import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bootstrapAdmin } from '../../src/app/accounts/bootstrap-admin.ts';
import { cliHere } from '../support/cli-in-process.ts';
import { api, expectProblem, type Reply } from '../support/http.ts';
import { type TestApp, startTestApp } from '../support/test-app.ts';

const PASSPHRASE = 'kuda-makan-rumput-di-sawah-Tegal-7';
const GUESSABLE = ['password', '12345678', 'iloveyou1', 'PassWord', 'Ｐａｓｓｗｏｒｄ'];

/** A 422 whose type says the password is guessable, naming the field that carried it. */
const expectGuessable = (r: Reply, field = 'password'): void => {
  const body = expectProblem(r, 422);
  expect(String(body.type)).to.match(/\/password-guessable$/);
  expect(body.errors).to.deep.include.members([{ field, message: (body.errors as { message: string }[])[0]!.message, code: 'password_guessable' }]);
};

describe('passwords: common ones and the username refused, NFKC (HTTP, shell, first start)', function () {
  this.timeout(60_000);
  let app: TestApp;
  const create = (username: string, password: string) =>
    api(app, app.adminToken, 'POST', '/api/v1/users', { username, password, name: username, role: 'staff', unitCode: 'ORG' });
  const login = (username: string, password: string) => api(app, null, 'POST', '/api/v1/auth/login', { username, password });
  before(async () => {
    app = await startTestApp();
  });
  after(async () => app?.stop());

  it('refuses the most common passwords and the username in them when an admin creates an account', async () => {
    for (const password of GUESSABLE) expectGuessable(await create('wulan', password));
    expectGuessable(await create('wulan', 'wulan2024!'));
    expectGuessable(await create('wulan', 'Sandi-WULAN-2024')); // any case
    expect((await api(app, app.adminToken, 'GET', '/api/v1/users?q=wulan')).body.items).to.have.length(0);
    expect((await create('wulan', PASSPHRASE)).status).to.equal(201);
    expect((await login('wulan', PASSPHRASE)).status).to.equal(200);
  });

  it('refuses them on a reset by an admin and on a change by the user, keeping the old password', async () => {
    const id = String((await create('yusuf', PASSPHRASE)).body.id);
    expectGuessable(await api(app, app.adminToken, 'PATCH', `/api/v1/users/${id}`, { password: 'iloveyou1' }));
    expectGuessable(await api(app, app.adminToken, 'PATCH', `/api/v1/users/${id}`, { password: 'Yusuf2024!' }));
    const token = String((await login('yusuf', PASSPHRASE)).body.token);
    expectGuessable(await api(app, token, 'POST', '/api/v1/auth/password', { currentPassword: PASSPHRASE, newPassword: 'yusuf2024!' }), 'newPassword');
    expectGuessable(await api(app, token, 'POST', '/api/v1/auth/password', { currentPassword: PASSPHRASE, newPassword: '12345678' }), 'newPassword');
    expect((await login('yusuf', PASSPHRASE)).status).to.equal(200);
  });

  it('takes a password in any Unicode form: what was set decomposed logs in composed', async () => {
    // "é" as e + combining accent and the "ﬁ" ligature, as some keyboards and PDFs produce them.
    expect((await create('dian', 'kopi-cafe\u0301-\ufb01lter-pagi')).status).to.equal(201);
    expect((await login('dian', 'kopi-caf\u00e9-filter-pagi')).status).to.equal(200);
    expect((await login('dian', 'kopi-cafe\u0301-\ufb01lter-pagi')).status).to.equal(200);
  });

  it('refuses them from the shell (user:create) and at the first start (ADMIN_PASSWORD)', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'naskah-pw-'));
    try {
      const env = { DATA_DIR: dataDir };
      expect((await cliHere(['unit:create', '--code', 'ORG', '--name', 'Organisasi'], env)).code).to.equal(0);
      const refused = await cliHere(['user:create', '--username', 'sari', '--password', 'sari2024!', '--role', 'clerk', '--unit', 'ORG'], env);
      expect(refused.code).to.equal(1);
      expect(refused.err).to.include('must not contain the username');
      const common = await cliHere(['user:create', '--username', 'sari', '--password', 'iloveyou1', '--role', 'clerk', '--unit', 'ORG'], env);
      expect(common.err).to.include('most common passwords');
      expect((await cliHere(['user:create', '--username', 'sari', '--password', PASSPHRASE, '--role', 'clerk', '--unit', 'ORG'], env)).code).to.equal(0);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
    // The first start on an empty office: this one's users table, seen as empty.
    const { deps } = app.naskah;
    const empty = { ...deps, db: { ...deps.db, users: { ...deps.db.users, count: async () => 0 } } };
    const firstStart = await bootstrapAdmin(empty, { username: 'kepala', password: 'Kepala-2024!' }).catch((e: unknown) => e);
    expect(String(firstStart)).to.match(/ADMIN_PASSWORD: .*must not contain the username/);
    expect(await deps.db.users.findByUsername('kepala')).to.equal(null);
  });
});
