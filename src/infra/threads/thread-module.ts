/**
 * Where a thread's code comes from. Built (`npm start`, the Dockerfile), it is the .js file the
 * compiler wrote beside its caller. Run from the sources (tests, the CLI, `tsx`), it is a .ts file,
 * and tsx's loader does not reach worker threads; registering tsx inside each thread cost 2–3 s
 * and ~270 MB per thread here, so instead the thread's module is bundled once per process with
 * esbuild (a development dependency, as tsx is) into node_modules/.cache, where its packages
 * still resolve. Content-hashed names: processes never overwrite each other's bundles.
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundles = new Map<string, Promise<URL>>();

const isDir = (p: string) =>
  stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );

/** The node_modules folder the source's packages resolve from. */
const nodeModulesAbove = async (dir: string): Promise<string> => {
  for (let d = dir; ; d = path.dirname(d)) {
    if (await isDir(path.join(d, 'node_modules'))) return path.join(d, 'node_modules');
    if (path.dirname(d) === d) throw new Error(`no node_modules above ${dir}`);
  }
};

const bundle = async (source: string): Promise<URL> => {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]!.contents;
  const dir = path.join(await nodeModulesAbove(path.dirname(source)), '.cache', 'naskah-threads');
  const file = path.join(dir, `${path.basename(source, '.ts')}.${createHash('sha256').update(code).digest('hex').slice(0, 12)}.mjs`);
  if (
    !(await stat(file).then(
      () => true,
      () => false,
    ))
  ) {
    await mkdir(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, code);
    await rename(tmp, file);
  }
  return pathToFileURL(file);
};

/** The URL a Worker runs for module `file` ('./x.worker') beside `base` (an import.meta.url). */
export const threadModule = (base: string, file: string): Promise<URL> => {
  const ext = path.extname(fileURLToPath(base));
  const url = new URL(`${file}${ext}`, base);
  if (ext !== '.ts') return Promise.resolve(url);
  let b = bundles.get(url.href);
  if (!b) {
    b = bundle(fileURLToPath(url));
    bundles.set(url.href, b);
  }
  return b;
};
