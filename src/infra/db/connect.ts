import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Sequelize, Transaction } from 'sequelize';
import type { Config } from '../../config/config.ts';
import { sqliteDriver } from './sqlite-driver.ts';

/**
 * Opens Sequelize for SQLite or MySQL/MariaDB. SQLite gets WAL, a busy timeout and IMMEDIATE
 * write transactions (so two writers queue instead of deadlocking on a lock upgrade); MySQL gets
 * utf8mb4 and millisecond timestamps (the audit chain hashes them).
 */
export const connect = (db: Config['database']): Sequelize => {
  const common = { logging: false as const, benchmark: false, define: { underscored: true, timestamps: false } };
  if (db.dialect === 'sqlite') {
    const storage = db.url.replace(/^sqlite:(\/\/)?/, '');
    if (storage !== ':memory:') mkdirSync(path.dirname(path.resolve(storage)), { recursive: true });
    return new Sequelize({
      ...common,
      dialect: 'sqlite',
      dialectModule: sqliteDriver,
      storage,
      transactionType: Transaction.TYPES.IMMEDIATE,
      retry: { max: 0 },
      pool: { max: 1, min: 0, idle: 60_000 },
    });
  }
  const url = db.url.replace(/^mariadb:/, 'mysql:');
  return new Sequelize(url, {
    ...common,
    dialect: 'mysql',
    timezone: '+00:00',
    dialectOptions: { charset: 'utf8mb4', dateStrings: false, connectTimeout: 5000 },
    pool: { max: 10, min: 0, idle: 30_000, acquire: 10_000 },
  });
};
