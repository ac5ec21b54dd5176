import { createArgon2PasswordHasher } from '../../src/infra/auth/argon2.password-hasher.ts';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { SUBJECTS } from '../../scripts/fixtures/letter-vocabulary.ts';
import { loadConfig } from '../../src/config/config.ts';
import { type Naskah, startNaskah } from '../../src/main.ts';
import type { Clock } from '../../src/ports/clock.ts';
import type { DatabaseTarget } from './databases.ts';
import { seedSqlite } from './schema-template.ts';
import { type SecondFactor, totpLoginClient } from './totp-login.ts';

/** The app's clock: real time plus an offset tests move forward (TOTP steps, expiry, back-off). */
export interface TestClock extends Clock {
  advance(ms: number): void;
  /**
   * Stops the clock where it is (`advance` still moves it): for a test about a window of a second
   * or two, which a loaded machine would otherwise let pass between two requests.
   */
  freeze(): void;
}

const offsetClock = (): TestClock => {
  let offset = 0;
  let frozenAt: number | undefined;
  return {
    now: () => new Date(frozenAt ?? Date.now() + offset),
    advance: (ms) => {
      if (frozenAt === undefined) offset += ms;
      else frozenAt += ms;
    },
    freeze: () => void (frozenAt ??= Date.now() + offset),
  };
};

export interface TestApp {
  naskah: Naskah;
  url: string;
  dataDir: string;
  /**
   * Logs in and returns a bearer token, as a user would: enrols a second factor when the
   * server demands one (remembering the secret) and answers with a fresh code when one is set.
   */
  login(username: string, password: string): Promise<string>;
  /** A TOTP code the server has not seen for a user this app enrolled (moves the clock on). */
  nextTotp(username: string): string;
  /** TOTP secrets and unused recovery codes of users enrolled through `login`. */
  secondFactors: Map<string, SecondFactor>;
  clock: TestClock;
  adminToken: string;
  /** Files under a data subfolder (tmp, objects/...) — to prove a failed request left nothing. */
  filesIn(sub: string): Promise<string[]>;
  /** `keepData` leaves the data dir for a restart (`startTestApp(env, { restartOf })`). */
  stop(o?: { keepData?: boolean }): Promise<void>;
}

export const ADMIN = { username: 'admin', password: 'rahasia-kantor-123' };

/**
 * The codes generated letters carry (an older scheme's, such as 005 Undangan) and that tests
 * file under, in the test office's scheme: new records must name a code the scheme has.
 */
export const LETTER_CODES = [...new Set([...SUBJECTS.map((s) => s.code), '862'])];

const seedLetterCodes = async (naskah: Naskah): Promise<void> => {
  const { db } = naskah.deps;
  for (const code of LETTER_CODES) {
    if (await db.classifications.findByCode(code)) continue;
    await db.classifications
      .create({
        code,
        name: `Kode ${code}`,
        description: null,
        activeYears: null,
        inactiveYears: null,
        finalDisposition: null,
        active: true,
        updatedAt: new Date(),
      })
      .catch(() => undefined);
  }
};

/**
 * Passwords and recovery codes in test offices: argon2id still, at a cost tests can afford. Every
 * second factor enrolled hashes ten codes; at the server's floor (19 MiB, two passes: 40-90 ms
 * each here) the suite's few hundred enrolments and logins cost minutes of CI. A test about the
 * stored hashes themselves asks for `realPasswordHashing`.
 */
const TEST_HASHER = createArgon2PasswordHasher({ memoryCost: 256, timeCost: 1 });

/**
 * The real HTTP app on an ephemeral loopback port with embedded adapters in a temp data dir.
 * `env` overrides configuration (limits, drivers, DATABASE_URL for MySQL runs).
 */
export const startTestApp = async (
  env: Record<string, string> = {},
  o: { warmOcr?: boolean; log?: pino.Logger; restartOf?: TestApp; freshScheme?: boolean; realPasswordHashing?: boolean } = {},
): Promise<TestApp> => {
  // A restart: the stopped app's data dir, clock and enrolled second factors (pass the same env).
  const dataDir = o.restartOf?.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'naskah-it-')));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    OCR_WORKERS: '1',
    JOB_POLL_MS: '50',
    RETENTION_PASS_HOURS: '0',
    FIXITY_EVERY_HOURS: '0',
    ADMIN_CLEARANCE: 'sangat_rahasia',
    ...env,
  });
  // A new office on the default SQLite file starts from the run's migrated template.
  if (!o.restartOf && config.database.dialect === 'sqlite' && !env.DATABASE_URL) await seedSqlite(path.join(dataDir, 'naskah.sqlite'));
  const clock = o.restartOf?.clock ?? offsetClock();
  const naskah = await startNaskah(config, o.log ?? pino({ level: 'silent' }), {
    warmOcr: o.warmOcr ?? false,
    warmReaders: o.warmOcr ?? false,
    clock,
    checkResponses: true,
    ...(o.realPasswordHashing ? {} : { hasher: TEST_HASHER }),
  });
  if (!o.freshScheme) await seedLetterCodes(naskah);
  const url = naskah.url!;
  const { login, nextTotp, factors: secondFactors } = totpLoginClient(url, clock);
  for (const [user, f] of o.restartOf?.secondFactors ?? []) secondFactors.set(user, f);
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
    nextTotp,
    secondFactors,
    clock,
    adminToken: await login(ADMIN.username, ADMIN.password),
    filesIn,
    async stop(so) {
      await naskah.stop();
      if (!so?.keepData) await rm(dataDir, { recursive: true, force: true });
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

/** The worker renders previews after the text is read: waits for the thumbnail (its last file). */
export const waitForPreviews = async (
  app: TestApp,
  token: string,
  id: string,
  timeoutMs = 60_000,
): Promise<{ status: number; headers: Headers; bytes: Buffer }> => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${app.url}/api/v1/documents/${id}/thumbnail`, { headers: { authorization: `Bearer ${token}` } });
    const r = { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
    if (r.status === 200 || Date.now() > until) return r;
    await new Promise((res) => setTimeout(res, 200));
  }
};

/**
 * The test app on a database of its own (a fresh SQLite file, or a fresh MySQL schema from
 * test/support/databases.ts); `stop()` also drops that database.
 */
export const startTestAppOn = async (
  target: DatabaseTarget,
  env: Record<string, string> = {},
  o: { warmOcr?: boolean; freshScheme?: boolean } = {},
): Promise<TestApp> => {
  const tdb = await target.create();
  try {
    const app = await startTestApp({ DATABASE_URL: tdb.config.url, ...env }, o);
    return {
      ...app,
      async stop() {
        try {
          await app.stop();
        } finally {
          await tdb.drop();
        }
      },
    };
  } catch (e) {
    await tdb.drop();
    throw e;
  }
};
