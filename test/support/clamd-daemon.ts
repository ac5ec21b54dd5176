import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { md5 } from './fake-clamd.ts';

/** Debian's clamav-daemon puts clamd here; CLAMD_BINARY names another. */
export const CLAMD_BINARY = process.env.CLAMD_BINARY ?? '/usr/sbin/clamd';

/** Why the real-clamd tests cannot run here, or null when they can. */
export const clamdAbsence = (): string | null => {
  try {
    accessSync(CLAMD_BINARY, constants.X_OK);
    return null;
  } catch {
    return `no clamd at ${CLAMD_BINARY}: install the Debian package clamav-daemon (or set CLAMD_BINARY)`;
  }
};

export interface RealClamd {
  socket: string;
  /** Stops the daemon; the socket stays gone until `start` again. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its directory. */
  destroy(): Promise<void>;
}

const answersPing = (socket: string): Promise<boolean> =>
  new Promise((resolve) => {
    const s = net.connect(socket);
    let got = '';
    s.setTimeout(1000, () => s.destroy());
    s.on('data', (d) => (got += d.toString('latin1')));
    s.on('error', () => resolve(false));
    s.on('close', () => resolve(got.startsWith('PONG')));
    s.end('zPING\0');
  });

/**
 * A clamd of the test's own, which no virus database download can feed here: its only signatures
 * are MD5 hashes of the given bytes (a `.hdb` file, `md5:size:Name`), in a temp directory with its
 * own config, socket and log, nothing of the system's. StreamMaxLength is given in clamd's syntax.
 */
export const startClamd = async (o: { signatures: { bytes: Uint8Array; name: string }[]; streamMaxLength: string }): Promise<RealClamd> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-clamd-'));
  const socket = path.join(dir, 'clamd.sock');
  await mkdir(path.join(dir, 'db'));
  await writeFile(path.join(dir, 'db', 'naskah-test.hdb'), o.signatures.map((s) => `${md5(s.bytes)}:${s.bytes.byteLength}:${s.name}\n`).join(''));
  const conf = path.join(dir, 'clamd.conf');
  await writeFile(
    conf,
    [
      `LocalSocket ${socket}`,
      `DatabaseDirectory ${path.join(dir, 'db')}`,
      `TemporaryDirectory ${dir}`,
      `PidFile ${path.join(dir, 'clamd.pid')}`,
      `LogFile ${path.join(dir, 'clamd.log')}`,
      'LogSyslog no',
      'Foreground yes',
      `StreamMaxLength ${o.streamMaxLength}`,
      'MaxThreads 4',
      '',
    ].join('\n'),
  );
  let child: ChildProcess | undefined;
  let output = '';
  const start = async () => {
    output = '';
    const c = spawn(CLAMD_BINARY, ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    c.stdout!.on('data', (d) => (output += d));
    c.stderr!.on('data', (d) => (output += d));
    const until = Date.now() + 30_000;
    while (!(await answersPing(socket))) {
      if (c.exitCode !== null || Date.now() > until) {
        c.kill('SIGKILL');
        const log = await readFile(path.join(dir, 'clamd.log'), 'utf8').catch(() => '');
        throw new Error(`clamd did not come up (exit ${c.exitCode}):\n${output.slice(-2000)}\n${log.slice(-2000)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const stop = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    const timer = setTimeout(() => c.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    await rm(socket, { force: true });
  };
  await start();
  return {
    socket,
    stop,
    start,
    destroy: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
};
