/**
 * Builds the server the way the Dockerfile and `npm start` run it (tsc -p tsconfig.build.json,
 * then `node dist/src/main.js`), into a temp dir instead of the checkout's dist/, with a
 * node_modules link beside it so the compiled files resolve their packages.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './server.ts';

export interface Build {
  /** Arguments for node: the compiled entry point. */
  entry: string[];
  remove(): Promise<void>;
}

export const buildServer = async (): Promise<Build> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-build-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const out = path.join(dir, 'dist');
    const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json', '--outDir', out], { cwd: ROOT, encoding: 'utf8' });
    const main = path.join(out, 'src', 'main.js');
    // Type errors elsewhere in a shared checkout still emit JavaScript; only a missing entry is fatal.
    if (
      !(await stat(main).then(
        () => true,
        () => false,
      ))
    )
      throw new Error(`build failed (${r.status}): ${(r.stdout + r.stderr).slice(0, 2000)}`);
    return { entry: [main], remove };
  } catch (e) {
    await remove();
    throw e;
  }
};
