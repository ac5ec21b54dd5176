import type { QueryInterface, Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import { withLockFile } from './lock-file.ts';
import * as m001 from './migrations/001-initial.ts';
import * as m002 from './migrations/002-accounts-security.ts';
import * as m003 from './migrations/003-correspondence.ts';
import * as m004 from './migrations/004-signing.ts';
import * as m005 from './migrations/005-classifications.ts';
import * as m006 from './migrations/006-dispatch.ts';
import * as m007 from './migrations/007-records.ts';
import * as m008 from './migrations/008-backups.ts';
import * as m009 from './migrations/009-access-refusals.ts';
import * as m010 from './migrations/010-sealed-second-factors.ts';
import * as m011 from './migrations/011-public-log.ts';
import * as m012 from './migrations/012-rate-counts.ts';
import * as m013 from './migrations/013-email-jobs.ts';
import * as m014 from './migrations/014-public-log-prefixes.ts';
import * as m015 from './migrations/015-letter-types.ts';
import * as m017 from './migrations/017-signer-return.ts';
import * as m018 from './migrations/018-letter-corrections.ts';
import * as m019 from './migrations/019-saved-searches.ts';
import * as m020 from './migrations/020-filing-scope.ts';
import * as m021 from './migrations/021-people.ts';
import * as m022 from './migrations/022-letterhead.ts';
import * as m023 from './migrations/023-berkas.ts';
import * as m024 from './migrations/024-paper-location.ts';
import type { SealingKeys } from './migrations/010-sealed-second-factors.ts';

export type { SealingKeys };

interface Migration {
  name: string;
  // Keys for migrations that convert secrets; the others take only the query interface.
  up(p: { context: QueryInterface }, keys: SealingKeys): Promise<void>;
  down(p: { context: QueryInterface }, keys: SealingKeys): Promise<void>;
}

/** Versioned migrations in order; add new ones at the end, never edit a released one. */
const MIGRATIONS: Migration[] = [
  { name: '001-initial', ...m001 },
  { name: '002-accounts-security', ...m002 },
  { name: '003-correspondence', ...m003 },
  { name: '004-signing', ...m004 },
  { name: '005-classifications', ...m005 },
  { name: '006-dispatch', ...m006 },
  { name: '007-records', ...m007 },
  { name: '008-backups', ...m008 },
  { name: '009-access-refusals', ...m009 },
  { name: '010-sealed-second-factors', ...m010 },
  { name: '011-public-log', ...m011 },
  { name: '012-rate-counts', ...m012 },
  { name: '013-email-jobs', ...m013 },
  { name: '014-public-log-prefixes', ...m014 },
  { name: '015-letter-types', ...m015 },
  { name: '017-signer-return', ...m017 },
  { name: '018-letter-corrections', ...m018 },
  { name: '019-saved-searches', ...m019 },
  { name: '020-filing-scope', ...m020 },
  { name: '021-people', ...m021 },
  { name: '022-letterhead', ...m022 },
  { name: '023-berkas', ...m023 },
  { name: '024-paper-location', ...m024 },
];

/** The schema versions this code knows, in order: a backup names the ones its database had. */
export const MIGRATION_NAMES: readonly string[] = MIGRATIONS.map((m) => m.name);

/**
 * Applies pending migrations (or only those named in `only`); safe to call on every start. On
 * MySQL several processes (web and worker containers) may start at once, so they take turns under a named lock held by one
 * connection; on SQLite (web and worker processes sharing a file) under a lock file.
 */
export const migrate = async (sequelize: Sequelize, only?: readonly string[], keys: SealingKeys = {}): Promise<string[]> => {
  if (sequelize.getDialect() !== 'mysql') {
    const storage = (sequelize as unknown as { options: { storage?: string } }).options.storage;
    return storage && storage !== ':memory:'
      ? withLockFile(`${storage}.migrate-lock`, () => applyPending(sequelize, only, keys))
      : applyPending(sequelize, only, keys);
  }
  return sequelize.transaction(async (t) => {
    // The lock is named after the database, so offices (or test schemas) sharing one server do not wait for each other.
    await sequelize.query("SELECT GET_LOCK(CONCAT('naskah_migrations:', DATABASE()), 120)", { transaction: t });
    try {
      return await applyPending(sequelize, only, keys);
    } finally {
      await sequelize.query("SELECT RELEASE_LOCK(CONCAT('naskah_migrations:', DATABASE()))", { transaction: t });
    }
  });
};

/**
 * Applies pending migrations in order, or only those named in `only` (a restore builds the
 * schema its backup was taken at, loads the rows, then applies the rest).
 */
const applyPending = async (sequelize: Sequelize, only: readonly string[] | undefined, keys: SealingKeys): Promise<string[]> => {
  const umzug = new Umzug({
    migrations: MIGRATIONS.map((m) => ({
      name: m.name,
      up: (p: { context: QueryInterface }) => m.up(p, keys),
      down: (p: { context: QueryInterface }) => m.down(p, keys),
    })),
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger: undefined,
  });
  const pending = new Set((await umzug.pending()).map((m) => m.name));
  const done = only ? await umzug.up({ migrations: MIGRATION_NAMES.filter((n) => only.includes(n) && pending.has(n)) }) : await umzug.up();
  return done.map((d) => d.name);
};
