/**
 * The preamble of a test run once per database: a describe per target (SQLite always, MySQL when
 * TEST_MYSQL_URL is set), its timeout, and the app or bare database it runs against, started
 * before and stopped after. The body's hooks and tests use `app` (or `database`) directly: they
 * are stand-ins that reach whatever the helper's own `before` started for this target.
 */
import { type DatabaseTarget, databaseTargets, type TestDatabase } from './databases.ts';
import { startTestAppOn, type TestApp } from './test-app.ts';

export interface DatabaseSuite {
  target: DatabaseTarget;
  /** The test app on this target's database; only once the suite's `before` has run. */
  app: TestApp;
  /** The bare database, with `{ app: false }`; only once the suite's `before` has run. */
  database: TestDatabase;
  /**
   * A step run before the app starts, for what its configuration names (a mail sink, a scanner):
   * the env it returns is added to the options' env. Stop what it starts in an `after` of the body.
   * Not run with `{ app: false }`.
   */
  beforeStart(step: () => Promise<Record<string, string> | undefined>): void;
}

export interface ForEachDatabaseOptions {
  /** Mocha's timeout for every hook and test of the suite. */
  timeout: number;
  /** Configuration of the app (a step given to `beforeStart` may add to it). */
  env?: Record<string, string>;
  /** Start options of the app (a warmed OCR, the scheme a new office gets). */
  start?: { warmOcr?: boolean; freshScheme?: boolean };
  /** `false`: no app, only a migrated (or, with `empty`, an empty) database the body starts what it needs on. */
  app?: false;
  empty?: boolean;
  /** Only this target (MySQL-only behaviour, or SQLite-only for cost); the pending "not run" line stays. */
  only?: DatabaseTarget['name'];
}

/** A stand-in for a value set later: every property read goes to the value, or fails saying what is missing. */
const late = <T extends object>(what: string, get: () => T | undefined): T =>
  new Proxy({} as T, {
    get(_, key) {
      const value = get();
      if (!value) throw new Error(`${what} is used before the suite's before hook started it (or after it failed)`);
      return Reflect.get(value, key);
    },
    has: (_, key) => key in (get() ?? {}),
  });

type Title = string | ((target: DatabaseTarget['name']) => string);

/**
 * Opens `describe(title (target))` per database target; a title function gives titles whose
 * target sits elsewhere (`(name) => \`the archive on ${name} (HTTP)\``).
 */
export const forEachDatabase = (title: Title, options: ForEachDatabaseOptions, body: (suite: DatabaseSuite) => void): void => {
  for (const target of databaseTargets()) if (!options.only || target.name === options.only) describeOnDatabase(target, title, options, body);
};

/**
 * The suite of `forEachDatabase` on one target: for a file whose loop over `databaseTargets()`
 * holds several suites (they keep their order, and the run its one "not run" line), or whose
 * targets come with more settings (a storage driver).
 */
export const describeOnDatabase = (target: DatabaseTarget, title: Title, options: ForEachDatabaseOptions, body: (suite: DatabaseSuite) => void): void => {
  describe(typeof title === 'string' ? `${title} (${target.name})` : title(target.name), function () {
    this.timeout(options.timeout);
    let app: TestApp | undefined;
    let database: TestDatabase | undefined;
    const steps: (() => Promise<Record<string, string> | undefined>)[] = [];
    before(async () => {
      if (options.app === false) {
        database = await target.create({ empty: options.empty });
        return;
      }
      let env = options.env ?? {};
      for (const step of steps) env = { ...env, ...(await step()) };
      app = await startTestAppOn(target, env, options.start);
    });
    // Runs when a before hook failed too (mocha still runs the after hooks), so nothing is left
    // running. An app stops before the body's own after hooks (which close what it used); a bare
    // database is dropped after them (they stop the apps the body started on it).
    const cleanUp = () =>
      after(async () => {
        await app?.stop();
        await database?.drop();
      });
    if (options.app !== false) cleanUp();
    body({ target, app: late('app', () => app), database: late('database', () => database), beforeStart: (step) => void steps.push(step) });
    if (options.app === false) cleanUp();
  });
};
