import { expect } from 'chai';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config/config.ts';

describe('config', () => {
  it('defaults to the embedded profile under ./data', () => {
    const c = loadConfig({});
    expect(c.dataDir).to.equal(path.resolve('data'));
    expect(c.database).to.deep.equal({ dialect: 'sqlite', url: `sqlite:${path.resolve('data', 'naskah.sqlite')}` });
    expect(c.storage.driver).to.equal('local');
    expect(c.search.driver).to.equal('embedded');
    expect(c.roles).to.deep.equal({ web: true, worker: true });
    expect(c.port).to.equal(3000);
  });

  it('reads the full-stack profile', () => {
    const c = loadConfig({
      DATABASE_URL: 'mysql://u:p@db:3306/naskah',
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: 'http://minio:9000',
      S3_ACCESS_KEY: 'k',
      S3_SECRET_KEY: 's',
      SEARCH_DRIVER: 'meilisearch',
      MEILI_URL: 'http://meili:7700',
      NASKAH_ROLES: 'worker',
    });
    expect(c.database.dialect).to.equal('mysql');
    expect(c.storage).to.include({ driver: 's3', endpoint: 'http://minio:9000', bucket: 'naskah' });
    expect(c.search).to.include({ driver: 'meilisearch', url: 'http://meili:7700' });
    expect(c.roles).to.deep.equal({ web: false, worker: true });
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'eighty', STORAGE_DRIVER: 'ftp', LOG_LEVEL: 'loud', NASKAH_ROLES: 'web,cook' });
      expect.fail('should have thrown');
    } catch (e) {
      expect(e).to.be.instanceOf(ConfigError);
      const fields = (e as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(fields).to.include.members(['PORT', 'STORAGE_DRIVER', 'LOG_LEVEL', 'NASKAH_ROLES']);
    }
  });

  it('requires the settings a chosen driver needs, and admin settings in pairs', () => {
    try {
      loadConfig({ STORAGE_DRIVER: 's3', SEARCH_DRIVER: 'meilisearch', ADMIN_USERNAME: 'admin' });
      expect.fail('should have thrown');
    } catch (e) {
      const text = (e as ConfigError).problems.join('\n');
      for (const k of ['S3_ENDPOINT', 'S3_ACCESS_KEY', 'S3_SECRET_KEY', 'MEILI_URL', 'ADMIN_USERNAME and ADMIN_PASSWORD']) expect(text).to.include(k);
    }
  });

  it('takes a TOTP_SECRET_KEY only when it is long enough to be a key', () => {
    expect(loadConfig({}).totpSecretKey).to.equal(undefined);
    expect(loadConfig({ TOTP_SECRET_KEY: 'k'.repeat(44) }).totpSecretKey).to.equal('k'.repeat(44));
    expect(() => loadConfig({ TOTP_SECRET_KEY: 'pendek-sekali' })).to.throw(ConfigError, /TOTP_SECRET_KEY/);
  });
  it('names the public log after PUBLIC_URL unless LOG_ORIGIN says otherwise, and reads LOG_WITNESSES as URL KEY pairs', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://naskah.slemankab.go.id/' }).publicLog).to.deep.include({
      origin: 'naskah.slemankab.go.id/log',
      witnesses: [],
      witnessMinutes: 5,
      checkpointMinutes: 60,
    });
    expect(loadConfig({ LOG_ORIGIN: 'bkd.slemankab.go.id/log' }).publicLog.origin).to.equal('bkd.slemankab.go.id/log');
    const key = 'b.example.go.id/log+0a1b2c3d+AQ5X4bZk7gW3C9cPzHDqTGUfFJzGtT5f1lS5Y7M0XJMd';
    expect(loadConfig({ LOG_WITNESSES: `https://b.example.go.id/ ${key}, http://c.example:3000 c/log+00000000+AQ==` }).publicLog.witnesses).to.deep.equal([
      { url: 'https://b.example.go.id', key },
      { url: 'http://c.example:3000', key: 'c/log+00000000+AQ==' },
    ]);
    for (const bad of ['https://b.example.go.id', `ftp://x ${key}`, key])
      expect(() => loadConfig({ LOG_WITNESSES: bad }), bad).to.throw(ConfigError, /LOG_WITNESSES/);
    expect(() => loadConfig({ LOG_ORIGIN: 'has space/log' })).to.throw(ConfigError, /LOG_ORIGIN/);
    expect(() => loadConfig({ LOG_SIGNING_KEY: 'short' })).to.throw(ConfigError, /LOG_SIGNING_KEY/);
  });
});
