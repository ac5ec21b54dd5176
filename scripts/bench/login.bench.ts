/**
 * Login latency (issue 3) with argon2id at the parameters the app hashes with (read back from
 * the stored hash and checked against docs/quality.md: m ≥ 19 MiB, t ≥ 2, p = 1).
 * The real app in this process (web role, embedded adapters, a temp data dir), a staff user
 * cleared `biasa` (no second factor) created with the createUser use case, then over loopback
 * HTTP:
 * - N sequential `POST /api/v1/auth/login` (N = 100, --quick 20): p50 and p95, against the raw
 *   `hasher.verify` of the same hash timed between them (reference: the ratio is the HTTP, DB
 *   and session overhead). Bar p95 ≤ 250 ms (docs/quality.md, login; the shared QUALITY.md sets none).
 * - 8 logins at once, in rounds (10, --quick 3): p95 against 8 raw verifies at once. argon2
 *   runs on libuv's threadpool (4 threads) on 2 cores, and so does the SQLite driver.
 * Successful logins never count towards back-off (only failures do), so one account can log in
 * over and over; every answer must be 200 with a token, or the bench fails.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createUser } from '../../src/app/accounts/manage-users.ts';
import { loadConfig } from '../../src/config/config.ts';
import { startNaskah } from '../../src/main.ts';
import { type Bench, type BenchFigure, median, percentile } from './figure.ts';

const ADMIN = { username: 'admin', password: 'bench-kantor-sandi-1' };
const USER = { username: 'bench-staff', password: 'kata sandi bench yang panjang 42' };
const CONCURRENT = 8;
const accountOf = (i: number) => `${USER.username}-${i}`;

/** argon2 parameters from a PHC string: $argon2id$v=19$m=19456,t=2,p=1$salt$hash */
const argon2Params = (hash: string): { algorithm: string; m: number; t: number; p: number } | null => {
  const m = /^\$(argon2(?:id|i|d))\$v=\d+\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(hash);
  return m ? { algorithm: m[1]!, m: Number(m[2]), t: Number(m[3]), p: Number(m[4]) } : null;
};

const ms = (x: number) => `${x.toFixed(1)} ms`;

const bench: Bench = async ({ quick }) => {
  const log = (m: string) => console.log(`  ${m}`);
  const n = quick ? 20 : 100;
  const rounds = quick ? 3 : 10;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'naskah-login-bench-'));
  try {
    const config = loadConfig({
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      NASKAH_ROLES: 'web',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
    });
    const naskah = await startNaskah(config, pino({ level: 'silent' }), { warmOcr: false });
    try {
      const { deps } = naskah;
      // One account per concurrent client: more than a few simultaneous logins of ONE account are
      // refused by design (the back-off counts each attempt before checking its password).
      for (let i = 0; i <= CONCURRENT; i++) {
        await createUser(deps, null, {
          username: accountOf(i),
          password: USER.password,
          name: `Bench Staff ${i}`,
          roles: ['staff'],
          unitCode: 'ORG',
          clearance: 'biasa',
        });
      }
      const stored = (await deps.db.users.findByUsername(accountOf(0)))!.passwordHash;
      const params = argon2Params(stored);

      let statuses = new Map<number, number>();
      const login = async (client = 0): Promise<number> => {
        const t = performance.now();
        const res = await fetch(`${naskah.url!}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: accountOf(client), password: USER.password }),
        });
        const body = (await res.json()) as Record<string, unknown>;
        const took = performance.now() - t;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status !== 200 || typeof body.token !== 'string') throw new Error(`login answered ${res.status}: ${JSON.stringify(body)}`);
        return took;
      };
      const verify = async (): Promise<number> => {
        const t = performance.now();
        const ok = await deps.hasher.verify(stored, USER.password);
        const took = performance.now() - t;
        if (!ok) throw new Error('hasher.verify refused the right password');
        return took;
      };

      // Warm-up: connections, the route's first run, the login's lazily made dummy hash.
      for (let i = 0; i < 3; i++) {
        await login();
        await verify();
      }
      statuses = new Map();

      const seqLogin: number[] = [];
      const seqVerify: number[] = [];
      for (let i = 0; i < n; i++) {
        seqLogin.push(await login());
        seqVerify.push(await verify());
      }
      log(
        `sequential: login p50 ${ms(median(seqLogin))}, p95 ${ms(percentile(seqLogin, 95))}; raw verify p50 ${ms(median(seqVerify))}, p95 ${ms(percentile(seqVerify, 95))}`,
      );

      const conLogin: number[] = [];
      const conVerify: number[] = [];
      const conWall: number[] = [];
      for (let r = 0; r < rounds; r++) {
        const t = performance.now();
        conLogin.push(...(await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => login(i + 1)))));
        conWall.push(performance.now() - t);
        conVerify.push(...(await Promise.all(Array.from({ length: CONCURRENT }, verify))));
      }
      log(
        `${CONCURRENT} at once, ${rounds} rounds: login p50 ${ms(median(conLogin))}, p95 ${ms(percentile(conLogin, 95))} (a round ${ms(median(conWall))}); raw verify p50 ${ms(median(conVerify))}, p95 ${ms(percentile(conVerify, 95))}`,
      );
      const answered = [...statuses].map(([s, c]) => `${c} × ${s}`).join(', ');

      const paramText = params
        ? `${params.algorithm} m=${params.m} KiB (${(params.m / 1024).toFixed(0)} MiB), t=${params.t}, p=${params.p}`
        : `unrecognised hash ${stored.slice(0, 20)}…`;
      const paramsOk = params !== null && params.algorithm === 'argon2id' && params.m >= 19 * 1024 && params.t >= 2 && params.p === 1;
      const setting = `${paramText}; UV_THREADPOOL_SIZE ${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}, ${os.cpus().length} cores; embedded SQLite, web role, loopback HTTP`;
      const figures: BenchFigure[] = [
        {
          name: 'stored password hash: argon2id, m ≥ 19 MiB, t ≥ 2, p = 1',
          value: paramsOk ? 1 : 0,
          unit: '(1 = yes)',
          bar: { op: '>=', limit: 1, of: 'value', row: 'password-hash' },
          note: paramText,
        },
        {
          name: `login p95, sequential (${n} logins)`,
          value: percentile(seqLogin, 95),
          unit: 'ms',
          reference: { name: 'raw hasher.verify p95 of the same hash', value: percentile(seqVerify, 95) },
          bar: { op: '<=', limit: 250, of: 'value', row: 'login' },
          note: `our own bar (the shared QUALITY.md sets none); ${setting}; answers ${answered}`,
        },
        {
          name: `login p50, sequential (${n} logins)`,
          value: median(seqLogin),
          unit: 'ms',
          reference: { name: 'raw hasher.verify p50 of the same hash', value: median(seqVerify) },
          note: `login − verify at the median ${ms(median(seqLogin) - median(seqVerify))} (HTTP, throttle check, user read, session + audit transaction); no bar`,
        },
        {
          name: `login p95, ${CONCURRENT} at once (${rounds} rounds, ${conLogin.length} logins)`,
          value: percentile(conLogin, 95),
          unit: 'ms',
          reference: { name: `raw hasher.verify p95, ${CONCURRENT} at once`, value: percentile(conVerify, 95) },
          note: `p50 ${ms(median(conLogin))}; ${CONCURRENT} logins finish in ${ms(median(conWall))} (median round), ${((CONCURRENT * 1000) / median(conWall)).toFixed(1)} logins/s; argon2 shares libuv's threadpool with the SQLite driver; no bar`,
        },
      ];
      return figures;
    } finally {
      await naskah.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
};

export default bench;
