/**
 * Migrated databases for tests, copied from a template instead of migrated one by one.
 *
 * Why: every app a test starts used to run all migrations on its new database (about 5 s on
 * SQLite, whose every DDL statement is an fsync'd commit, and 7 s on MariaDB), a large share of
 * the suite's time. Now the migrations run once per test run into a template (a SQLite file, a
 * MariaDB schema), and each test database starts as a copy: a file copy, or the template's
 * tables re-created from their `SHOW CREATE TABLE` with their rows. The app still runs
 * `migrate()` on start and finds nothing pending. Migrations stay tested: the template is made by
 * them, the migration tests and restores ask for empty databases, and the database contract
 * migrates one again.
 *
 * The global setup (registered in .mocharc) names the template for the run in the environment,
 * which mocha's worker processes inherit; the first worker that needs one builds it (others wait
 * for it), and the global teardown removes it. Without that name (a script importing the test
 * support) databases are left empty and the app migrates them as before.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { QueryTypes, Sequelize } from 'sequelize';
import { connect } from '../../src/infra/db/connect.ts';
import { migrate } from '../../src/infra/db/migrate.ts';

const RUN_VAR = 'NASKAH_TEST_TEMPLATE_RUN';
const runId = (): string | undefined => process.env[RUN_VAR];

const sqliteDir = (id: string): string => path.join(os.tmpdir(), `naskah-template-${id}`);
const mysqlSchema = (id: string): string => `naskah_tpl_${id}`;

/** Mocha global setup: names this run's templates (built on first use). */
export const mochaGlobalSetup = (): void => {
  process.env[RUN_VAR] ??= randomBytes(5).toString('hex');
};

/** Mocha global teardown: removes this run's templates. */
export const mochaGlobalTeardown = async (): Promise<void> => {
  const id = runId();
  if (!id) return;
  await rm(sqliteDir(id), { recursive: true, force: true });
  const base = process.env.TEST_MYSQL_URL;
  if (!base) return;
  const admin = new Sequelize(base, { logging: false, dialect: 'mysql' });
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${mysqlSchema(id)}\``);
  } finally {
    await admin.close();
  }
};

let sqliteTemplate: Promise<string> | undefined;

/** The run's migrated SQLite file, built by whichever process needs it first (a rename publishes it whole). */
const sqliteTemplateFile = (id: string): Promise<string> =>
  (sqliteTemplate ??= (async () => {
    const dir = sqliteDir(id);
    const file = path.join(dir, 'template.sqlite');
    if (await stat(file).catch(() => null)) return file;
    await mkdir(dir, { recursive: true });
    const building = path.join(dir, `building-${process.pid}-${randomBytes(3).toString('hex')}.sqlite`);
    const s = connect({ dialect: 'sqlite', url: `sqlite:${building}` });
    try {
      await migrate(s);
      // Fold the write-ahead log into the file, so the one file is the whole database.
      await s.query('PRAGMA wal_checkpoint(TRUNCATE)');
    } finally {
      await s.close();
    }
    await rename(building, file);
    await rm(`${building}-wal`, { force: true });
    await rm(`${building}-shm`, { force: true });
    return file;
  })());

/** Gives `file` (not yet existing) the run's migrated schema; false when there is no template this run. */
export const seedSqlite = async (file: string): Promise<boolean> => {
  const id = runId();
  if (!id) return false;
  await mkdir(path.dirname(file), { recursive: true });
  await copyFile(await sqliteTemplateFile(id), file);
  return true;
};

interface TableCopy {
  name: string;
  ddl: string;
  hasRows: boolean;
}

let mysqlTables: Promise<TableCopy[]> | undefined;

/** The run's migrated MariaDB schema, built once under a server lock, and its tables' definitions. */
const mysqlTemplateTables = (base: string, id: string): Promise<TableCopy[]> =>
  (mysqlTables ??= (async () => {
    const schema = mysqlSchema(id);
    const admin = new Sequelize(base, { logging: false, dialect: 'mysql', pool: { max: 1 } });
    try {
      await admin.transaction(async (t) => {
        await admin.query(`SELECT GET_LOCK('${schema}', 300)`, { transaction: t });
        try {
          await admin.query(`CREATE DATABASE IF NOT EXISTS \`${schema}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`, { transaction: t });
          const url = new URL(base);
          url.pathname = `/${schema}`;
          const s = connect({ dialect: 'mysql', url: url.toString() });
          try {
            // Builds it, or finds every migration applied by the process that did.
            await migrate(s);
          } finally {
            await s.close();
          }
        } finally {
          await admin.query(`SELECT RELEASE_LOCK('${schema}')`, { transaction: t });
        }
      });
      const names = await admin.query<{ name: string }>(
        `SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME`,
        { replacements: [schema], type: QueryTypes.SELECT },
      );
      const tables: TableCopy[] = [];
      for (const { name } of names) {
        const [row] = await admin.query<Record<string, string>>(`SHOW CREATE TABLE \`${schema}\`.\`${name}\``, { type: QueryTypes.SELECT });
        const [count] = await admin.query<{ n: number }>(`SELECT COUNT(*) AS n FROM \`${schema}\`.\`${name}\``, { type: QueryTypes.SELECT });
        tables.push({ name, ddl: row!['Create Table']!, hasRows: Number(count!.n) > 0 });
      }
      if (!tables.some((t) => t.name === 'schema_migrations' && t.hasRows)) throw new Error(`template ${schema} has no migrations recorded`);
      return tables;
    } finally {
      await admin.close();
    }
  })());

/** Gives the empty schema `name` the run's migrated tables and their rows; false when there is no template this run. */
export const seedMysql = async (base: string, name: string): Promise<boolean> => {
  const id = runId();
  if (!id) return false;
  const tables = await mysqlTemplateTables(base, id);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const s = new Sequelize(url.toString(), { logging: false, dialect: 'mysql', pool: { max: 1 } });
  try {
    await s.query('SET FOREIGN_KEY_CHECKS = 0');
    for (const t of tables) await s.query(t.ddl);
    for (const t of tables.filter((x) => x.hasRows)) await s.query(`INSERT INTO \`${t.name}\` SELECT * FROM \`${mysqlSchema(id)}\`.\`${t.name}\``);
    await s.query('SET FOREIGN_KEY_CHECKS = 1');
  } finally {
    await s.close();
  }
  return true;
};
