/**
 * The full stack cannot be started here (no container engine), so its compose file is checked
 * for the properties that make `--scale` work: one published port (the proxy's), health checks
 * that order the start-up, and the secrets every replica must share required, not defaulted.
 */
import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

interface Service {
  image?: string;
  build?: unknown;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  environment?: Record<string, string>;
  volumes?: string[];
}

describe('docker-compose.yml (the full stack)', () => {
  let services: Record<string, Service>;
  before(async () => {
    // merge: the file shares the app's settings through YAML merge keys (<<: *app), as Compose reads them.
    services = (parse(await readFile('docker-compose.yml', 'utf8'), { merge: true }) as { services: Record<string, Service> }).services;
  });

  it("publishes one port, the proxy's, so web and worker replicas can be scaled", () => {
    const published = Object.entries(services)
      .filter(([, s]) => s.ports?.length)
      .map(([name]) => name);
    expect(published).to.deep.equal(['proxy']);
    expect(services.proxy!.volumes).to.include('./config/proxy/nginx.conf:/etc/nginx/conf.d/default.conf:ro');
  });

  it('starts in order: data services healthy, then web (which migrates), then the proxy and the workers', () => {
    for (const data of ['mysql', 'minio', 'meilisearch']) expect(services[data]!.healthcheck, data).to.have.property('test');
    // clamav only with its profile: a dependency Compose skips when the service is not started.
    expect(services.web!.depends_on).to.deep.equal({
      mysql: { condition: 'service_healthy' },
      minio: { condition: 'service_healthy' },
      meilisearch: { condition: 'service_healthy' },
      clamav: { condition: 'service_healthy', required: false },
    });
    expect(services.web!.healthcheck!.test.join(' ')).to.include('/readyz');
    expect(services.worker!.depends_on).to.deep.equal({ web: { condition: 'service_healthy' } });
    expect(services.proxy!.depends_on).to.deep.equal({ web: { condition: 'service_healthy' } });
  });

  it('gives every replica the same secrets, required rather than generated per container', () => {
    for (const role of ['web', 'worker']) {
      const env = services[role]!.environment!;
      expect(env.NASKAH_ROLES).to.equal(role);
      for (const secret of ['CA_KEY_PASSPHRASE', 'TOTP_SECRET_KEY']) expect(env[secret], `${role} ${secret}`).to.match(/^\$\{\w+:\?/);
      expect(env.DATABASE_URL).to.match(/^mysql:\/\//);
      expect(env.STORAGE_DRIVER).to.equal('s3');
      expect(env.SEARCH_DRIVER).to.equal('meilisearch');
      // Behind the proxy the client's address comes from X-Forwarded-For, sent from a private address.
      expect(env.TRUST_PROXY).to.include('uniquelocal');
    }
  });

  it('points the proxy at the web service, with no body cap or buffering of its own', async () => {
    const conf = await readFile('config/proxy/nginx.conf', 'utf8');
    expect(conf).to.match(/server web:3000\b/);
    expect(conf).to.match(/client_max_body_size 0;/);
    expect(conf).to.match(/proxy_request_buffering off;/);
    expect(conf).to.match(/proxy_next_upstream error;/);
  });
});
