import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { dataDirSecrets } from '../../src/infra/secrets/secret-files.ts';
import { api, expectProblem } from '../support/http.ts';
import { passwordOf } from '../support/passwords.ts';
import { type TestApp, startTestApp } from '../support/test-app.ts';
import { appSql } from '../support/app-sql.ts';

describe('second factors at rest: TOTP secrets encrypted, recovery codes hashed with a salt', function () {
  this.timeout(60_000);
  let app: TestApp;
  const loginWith = (totp: string) => api(app, null, 'POST', '/api/v1/auth/login', { username: 'kabid', password: passwordOf('kabid'), totp });
  const storedSecret = async () => (await appSql<{ id: string; totp_secret: string }>(app, "SELECT id, totp_secret FROM users WHERE username = 'kabid'"))[0]!;
  before(async () => {
    app = await startTestApp({}, { realPasswordHashing: true });
    await api(app, app.adminToken, 'POST', '/api/v1/users', {
      username: 'kabid',
      password: passwordOf('kabid'),
      name: 'Kabid',
      role: 'official',
      unitCode: 'ORG',
    });
    await app.login('kabid', passwordOf('kabid')); // enrols, remembering the secret
  });
  after(async () => app?.stop());

  it('keeps no TOTP secret in the clear, and the key in the secrets folder a backup carries', async () => {
    const secrets = [...app.secondFactors.values()].map((f) => f.secret);
    expect(secrets).to.have.length(2); // the admin's and kabid's
    const rows = await appSql<{ totp_secret: string }>(app, 'SELECT totp_secret FROM users WHERE totp_secret IS NOT NULL');
    expect(rows).to.have.length(2);
    for (const r of rows) {
      expect(r.totp_secret).to.match(/^aes256gcm\.v1\./);
      for (const s of secrets) expect(r.totp_secret).to.not.include(s).and.not.include(s.toLowerCase());
    }
    expect(await dataDirSecrets(app.dataDir).list()).to.include('totp-key.secret');
    expect((await stat(path.join(app.dataDir, 'secrets', 'totp-key.secret'))).mode & 0o077).to.equal(0);
    expect((await loginWith(app.nextTotp('kabid'))).status).to.equal(200);
  });

  it('stores recovery codes as argon2id with a salt each, and takes each code once', async () => {
    const rows = await appSql<{ code_hash: string }>(
      app,
      "SELECT code_hash FROM recovery_codes WHERE user_id = (SELECT id FROM users WHERE username = 'kabid')",
    );
    expect(rows).to.have.length(10);
    for (const r of rows) expect(r.code_hash).to.match(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(new Set(rows.map((r) => r.code_hash.split('$')[4])).size, 'salts').to.equal(10);
    const code = app.secondFactors.get('kabid')!.recoveryCodes.shift()!;
    expect((await loginWith(code.toLowerCase())).status).to.equal(200);
    expect(String(expectProblem(await loginWith(code), 401).type)).to.match(/\/totp-invalid$/);
  });

  it('still takes a recovery code stored the old way (unsalted SHA-256), once', async () => {
    const { id } = await storedSecret();
    const old = createHash('sha256').update('ABCDEFGHIJ').digest('hex');
    await appSql(app, 'INSERT INTO recovery_codes (user_id, code_hash, used_at) VALUES (?, ?, NULL)', [id, old]);
    expect((await loginWith('abcde-fghij')).status).to.equal(200);
    expectProblem(await loginWith('ABCDE-FGHIJ'), 401);
  });

  it('seals a secret an older version kept in the clear when it migrates, and its owner still logs in', async () => {
    const { id } = await storedSecret();
    const clear = app.secondFactors.get('kabid')!.secret;
    // The row as the version before migration 009 left it.
    await appSql(app, 'UPDATE users SET totp_secret = ? WHERE id = ?', [clear, id]);
    await appSql(app, "DELETE FROM schema_migrations WHERE name = '010-sealed-second-factors'");
    // A clear secret is never taken as it is: the server says its key does not open it.
    expectProblem(await loginWith(app.nextTotp('kabid')), 503);
    await app.stop({ keepData: true });
    app = await startTestApp({}, { restartOf: app, realPasswordHashing: true });

    const after = await storedSecret();
    expect(after.totp_secret)
      .to.match(/^aes256gcm\.v1\./)
      .and.not.include(clear);
    expect(app.naskah.deps.totpSecrets.open(after.totp_secret, id)).to.equal(clear);
    expect((await loginWith(app.nextTotp('kabid'))).status).to.equal(200);
  });
});
