/**
 * Generated fixtures for tests, built on demand by scripts/fixtures and cached in
 * test/fixtures/generated/ (gitignored). Builders are deterministic, so a cached file is
 * always what the builder would produce.
 */
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURES, FIXTURES_VERSION, type FixtureName, type FixtureSpec } from '../../scripts/fixtures/catalog.ts';

export { FIXTURES, FIXTURE_NAMES, type FixtureName } from '../../scripts/fixtures/catalog.ts';

/** Where generated fixtures live; a new builder version gets a new folder, so no stale file is reused. */
export const GENERATED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), `../fixtures/generated/v${FIXTURES_VERSION}`);

const pending = new Map<string, Promise<string>>();

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

/** Writes `name` into `dir` unless it is there already; returns its path. */
export const writeFixture = async (name: FixtureName, dir = GENERATED_DIR): Promise<string> => {
  const target = path.join(dir, name);
  if (await exists(target)) return target;
  await mkdir(dir, { recursive: true });
  const spec: FixtureSpec = FIXTURES[name];
  const bytes = await spec.build();
  // Write then rename, so a concurrent test run never reads half a file.
  const tmp = `${target}.${process.pid}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, target);
  return target;
};

/** The path of fixture `name`, building it the first time it is asked for. */
export const ensureFixture = (name: FixtureName): Promise<string> => {
  let p = pending.get(name);
  if (!p) {
    p = writeFixture(name);
    pending.set(name, p);
  }
  return p;
};
