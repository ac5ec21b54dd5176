import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../src/config/config.ts';
import { type Naskah, startNaskah } from '../../src/main.ts';

export interface TestApp {
  naskah: Naskah;
  url: string;
  dataDir: string;
  /** Logs in and returns a bearer token. */
  login(username: string, password: string): Promise<string>;
  adminToken: string;
  /** Files under a data subfolder (tmp, objects/...) — to prove a failed request left nothing. */
  filesIn(sub: string): Promise<string[]>;
  stop(): Promise<void>;
}

export const ADMIN = { username: 'admin', password: 'rahasia-admin-123' };

/**
 * The real HTTP app on an ephemeral loopback port with embedded adapters in a temp data dir.
 * `env` overrides configuration (limits, drivers, DATABASE_URL for MySQL runs).
 */
export const startTestApp = async (env: Record<string, string> = {}, o: { warmOcr?: boolean } = {}): Promise<TestApp> => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'naskah-it-'));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password, OCR_WORKERS: '1', JOB_POLL_MS: '50', ...env });
  const naskah = await startNaskah(config, pino({ level: 'silent' }), { warmOcr: o.warmOcr ?? false });
  const url = naskah.url!;
  const login = async (username: string, password: string) => {
    const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { token: string }).token;
  };
  const filesIn = async (sub: string): Promise<string[]> => {
    const out: string[] = [];
    const walk = async (dir: string) => {
      for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) await walk(p);
        else out.push(path.relative(dataDir, p));
      }
    };
    await walk(path.join(dataDir, sub));
    return out;
  };
  return {
    naskah,
    url,
    dataDir,
    login,
    adminToken: await login(ADMIN.username, ADMIN.password),
    filesIn,
    async stop() {
      await naskah.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};

/** Polls a document until it leaves `processing` (or the time runs out). */
export const waitForDocument = async (app: TestApp, token: string, id: string, timeoutMs = 30_000): Promise<Record<string, unknown>> => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${app.url}/api/v1/documents/${id}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as Record<string, unknown>;
    if (body.status !== 'processing' || Date.now() > until) return body;
    await new Promise((r) => setTimeout(r, 50));
  }
};
