import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Sequelize } from 'sequelize';
import type { Config } from '../../src/config/config.ts';
import { seedMysql, seedSqlite } from './schema-template.ts';

/**
 * A database for one test: a fresh SQLite file, or a fresh MySQL schema, dropped afterwards.
 * It holds the migrated schema (a copy of the run's template: test/support/schema-template.ts)
 * unless `empty` is asked for, as a restore's target or a migration's test needs.
 */
export interface TestDatabase {
  config: Config['database'];
  drop(): Promise<void>;
}

export interface DatabaseTarget {
  name: 'sqlite' | 'mysql';
  create(o?: { empty?: boolean }): Promise<TestDatabase>;
}

const sqlite: DatabaseTarget = {
  name: 'sqlite',
  async create(o = {}) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-db-'));
    if (!o.empty) await seedSqlite(path.join(dir, 'test.sqlite'));
    return { config: { dialect: 'sqlite', url: `sqlite:${path.join(dir, 'test.sqlite')}` }, drop: () => rm(dir, { recursive: true, force: true }) };
  },
};

/** MySQL/MariaDB when TEST_MYSQL_URL (e.g. mysql://root@127.0.0.1:3306/test) is set. */
const mysql = (base: string): DatabaseTarget => ({
  name: 'mysql',
  async create(o = {}) {
    const name = `naskah_t_${randomBytes(5).toString('hex')}`;
    const admin = new Sequelize(base, { logging: false, dialect: 'mysql' });
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.close();
    const url = new URL(base);
    url.pathname = `/${name}`;
    const drop = async () => {
      const a = new Sequelize(base, { logging: false, dialect: 'mysql' });
      await a.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await a.close();
    };
    if (!o.empty)
      await seedMysql(base, name).catch(async (e) => {
        await drop();
        throw e;
      });
    return {
      config: { dialect: 'mysql', url: url.toString() },
      drop,
    };
  },
});

/**
 * Every database the suite can reach: SQLite always, MySQL when configured. Without
 * TEST_MYSQL_URL, each place that would have run on MySQL shows as a pending test saying so,
 * so a run tells what it did not test instead of growing silently shorter.
 */
export const databaseTargets = (): DatabaseTarget[] => {
  if (process.env.TEST_MYSQL_URL) return [sqlite, mysql(process.env.TEST_MYSQL_URL)];
  it('on MySQL/MariaDB: not run, TEST_MYSQL_URL is unset (e.g. mysql://root@127.0.0.1:3306/test)');
  return [sqlite];
};
