/**
 * The real server as a process of its own: to kill it with SIGKILL mid-work and start it again
 * on the same data, or to watch its event loop from outside. (Benchmarks measure a server's
 * memory and CPU with scripts/bench/ingest/server.ts.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const SERVER_ADMIN = { username: 'admin', password: 'kata-sandi-kantor' };

/** Starts `src/main.ts` on `port` over `dataDir`; resolves once it says it runs (a web role also printed its URL). */
export const startServer = (dataDir: string, port: number, env: Record<string, string> = {}): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        ADMIN_USERNAME: SERVER_ADMIN.username,
        ADMIN_PASSWORD: SERVER_ADMIN.password,
        OCR_WORKERS: '1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const onData = (b: Buffer) => {
      out += b.toString();
      // A worker-only process prints no URL; the line after "Naskah is running" is the web role's.
      if (out.includes('URL:') || (out.includes('Naskah is running') && !/\bweb\b/.test(env.NASKAH_ROLES ?? 'web'))) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before it was ready:\n${out}`)));
  });

/** SIGKILL, and wait until the process is gone. */
export const killHard = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

/** A loopback port nobody listens on right now. */
export const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

/**
 * Polls `GET /healthz` back to back until `stop()`, keeping the slowest answer: a blocked event
 * loop in the server shows as one long answer.
 */
export const watchHealth = (baseUrl: string, everyMs = 20) => {
  let worst = 0;
  let count = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const t = performance.now();
      const res = await fetch(`${baseUrl}/healthz`);
      await res.arrayBuffer();
      worst = Math.max(worst, performance.now() - t);
      count++;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { worstMs: worst, answers: count };
    },
  };
};
