/**
 * The real server (`node --import tsx src/main.ts`) as a child process on 127.0.0.1 with a temp
 * data dir, so its memory is its own: VmRSS / VmHWM come from /proc/<pid>/status, and VmHWM can
 * be reset between measurements (write 5 to /proc/<pid>/clear_refs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { totpLoginClient } from '../../../test/support/totp-login.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const ADMIN = { username: 'admin', password: 'bench-kantor-12345' };

export interface ServerProcess {
  url: string;
  pid: number;
  dataDir: string;
  token: string;
  /** Resident set size now, in bytes. */
  rss(): Promise<number>;
  /** Peak resident set size since start or the last resetPeak(), in bytes. */
  hwm(): Promise<number>;
  /** Resets VmHWM to the current RSS (Linux ≥ 4.0). */
  resetPeak(): Promise<void>;
  /** CPU seconds (user + system) the process has used. */
  cpuSeconds(): Promise<number>;
  /** Waits until the process uses < `share` of one core over `windowMs` (or `timeoutMs` passes); returns true when it went quiet. */
  waitIdle(o?: { windowMs?: number; share?: number; timeoutMs?: number }): Promise<boolean>;
  /** Stored originals under the data dir (objects/originals/**). */
  originals(): Promise<string[]>;
  stderr(): string;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

const statusField = async (pid: number, field: 'VmRSS' | 'VmHWM'): Promise<number> => {
  const s = await readFile(`/proc/${pid}/status`, 'utf8');
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(s);
  if (!m) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(m[1]) * 1024;
};

const TICKS = 100; // USER_HZ on Linux

const cpuOf = async (pid: number): Promise<number> => {
  const s = await readFile(`/proc/${pid}/stat`, 'utf8');
  const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / TICKS; // utime, stime (fields 14, 15)
};

const walk = async (dir: string, out: string[] = []): Promise<string[]> => {
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else out.push(p);
  }
  return out;
};

/** Logs in as a person would, enrolling a second factor when the account needs one (admins do). */
export const login = (url: string, username = ADMIN.username, password = ADMIN.password): Promise<string> =>
  totpLoginClient(url, { now: () => new Date() }).login(username, password);

/**
 * Starts the server with the embedded profile's defaults plus `env`, waits for /readyz and logs
 * in as the bootstrap admin. `dataDir` defaults to a fresh temp dir that stop() removes.
 */
export const startServer = async (
  env: Record<string, string> = {},
  o: { dataDir?: string; startTimeoutMs?: number; nodeArgs?: string[]; entry?: string[] } = {},
): Promise<ServerProcess> => {
  const dataDir = o.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'naskah-bench-')));
  const ownDir = !o.dataDir;
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), ...(o.entry ?? ['--import', 'tsx', 'src/main.ts'])], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? os.tmpdir(),
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ADMIN_USERNAME: ADMIN.username,
      ADMIN_PASSWORD: ADMIN.password,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (err = (err + c).slice(-20_000)));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => (live.delete(child), r(code))));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(t);
    }
    if (ownDir) await rm(dataDir, { recursive: true, force: true });
  };

  try {
    const until = Date.now() + (o.startTimeoutMs ?? 60_000);
    let url: string | undefined;
    while (!url) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${err || out}`);
      if (Date.now() > until) throw new Error(`server did not start: ${err || out}`);
      url = /URL:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (!url) await new Promise((r) => setTimeout(r, 50));
    }
    for (;;) {
      const ok = await fetch(`${url}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      if (Date.now() > until) throw new Error('server never became ready');
      await new Promise((r) => setTimeout(r, 100));
    }
    const token = await login(url);
    const pid = child.pid!;
    return {
      url,
      pid,
      dataDir,
      token,
      rss: () => statusField(pid, 'VmRSS'),
      hwm: () => statusField(pid, 'VmHWM'),
      resetPeak: () => writeFile(`/proc/${pid}/clear_refs`, '5'),
      cpuSeconds: () => cpuOf(pid),
      async waitIdle({ windowMs = 1000, share = 0.05, timeoutMs = 60_000 } = {}) {
        const until = Date.now() + timeoutMs;
        while (Date.now() < until) {
          const a = await cpuOf(pid);
          await new Promise((r) => setTimeout(r, windowMs));
          if ((await cpuOf(pid)) - a < (share * windowMs) / 1000) return true;
        }
        return false;
      },
      originals: () => walk(path.join(dataDir, 'objects', 'originals')),
      stderr: () => err,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
};

/** GET a JSON resource with the bearer token. */
export const getJson = async <T = Record<string, unknown>>(s: { url: string; token: string }, p: string): Promise<{ status: number; body: T }> => {
  const res = await fetch(`${s.url}${p}`, { headers: { authorization: `Bearer ${s.token}` } });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
};

export interface UploadReply {
  status: number;
  body: { id?: string; status?: string; duplicate?: boolean; sha256?: string } & Record<string, unknown>;
}

/** POST /api/v1/documents with one in-memory file (multipart via fetch). */
export const uploadBytes = async (
  s: { url: string; token: string },
  name: string,
  bytes: Uint8Array,
  fields: Record<string, string> = {},
): Promise<UploadReply> => {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  const res = await fetch(`${s.url}/api/v1/documents`, { method: 'POST', headers: { authorization: `Bearer ${s.token}` }, body: form });
  const text = await res.text();
  let body: UploadReply['body'];
  try {
    body = text ? (JSON.parse(text) as UploadReply['body']) : {};
  } catch {
    body = { raw: text.slice(0, 200) };
  }
  return { status: res.status, body };
};

/** Polls GET /documents/:id every `everyMs` until it leaves `processing`; returns the final body. */
export const waitForStatus = async (
  s: { url: string; token: string },
  id: string,
  o: { everyMs?: number; timeoutMs?: number } = {},
): Promise<Record<string, unknown>> => {
  const until = Date.now() + (o.timeoutMs ?? 120_000);
  for (;;) {
    const { body } = await getJson(s, `/api/v1/documents/${id}`);
    if (body.status !== 'processing') return body;
    if (Date.now() > until) throw new Error(`document ${id} still processing after ${o.timeoutMs ?? 120_000} ms`);
    await new Promise((r) => setTimeout(r, o.everyMs ?? 50));
  }
};

export const MB = 2 ** 20;
