/**
 * The tests' scratch files (databases, data dirs, stored objects, tsx's cache) go to a RAM disk
 * when the machine has one: every commit of a test office fsyncs (SQLite `synchronous=FULL`, the
 * storage's durable writes), and on these machines' disks one fsync costs about 8 ms, which
 * thousands of commits turn into minutes of CI spent waiting. The product's durability settings
 * stay as they are; only the medium under the tests' temporary files changes (a killed process
 * still loses nothing on tmpfs, which is what the crash tests kill). Loaded first by mocha (see
 * .mocharc.json), in the main process and so in the workers it starts; TMPDIR set by the caller
 * wins, and NASKAH_TEST_TMP=disk keeps the default.
 */
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

const RAM = '/dev/shm';

const usable = (dir: string): boolean => {
  try {
    accessSync(dir, constants.W_OK);
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
};

if (!process.env.TMPDIR && process.env.NASKAH_TEST_TMP !== 'disk' && usable(RAM)) {
  const dir = path.join(RAM, `naskah-tests-${process.getuid?.() ?? 'user'}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  process.env.TMPDIR = dir;
}
