import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { QueryTypes, type Sequelize, Transaction } from 'sequelize';
import sqlite3 from 'sqlite3';
import type { Config } from '../../../config/config.ts';
import type { DatabaseSnapshot, DatabaseSnapshotter } from '../../../ports/database-snapshot.ts';
import type { Repositories } from '../../../ports/repositories.ts';
import { connect } from '../connect.ts';
import { mapDbError } from '../db-errors.ts';
import { dumpTables, MIGRATIONS_TABLE } from './portable-rows.ts';

/** Builds the repositories over a connection (and transaction); passed in to avoid an import cycle. */
export type RepositoriesOn = (s: Sequelize, t?: Transaction) => Repositories;

/** The part of node-sqlite3's Backup the snapshot uses (its typings leave it out). */
interface SqliteBackup {
  step(pages: number, cb: (err: Error | null) => void): void;
  finish(cb?: (err: Error | null) => void): void;
}

const appliedMigrations = async (s: Sequelize, transaction?: Transaction): Promise<string[]> =>
  ((await s.query(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY name`, { type: QueryTypes.SELECT, transaction })) as { name: string }[]).map((r) => r.name);

/**
 * Copies the live SQLite file with SQLite's online backup API, in one step: it reads one
 * consistent state while writers go on (WAL), and never a half-written transaction.
 */
const copySqlite = (source: string, target: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const db = new sqlite3.Database(source, sqlite3.OPEN_READONLY, (openErr) => {
      if (openErr) return reject(openErr);
      db.configure('busyTimeout', 15_000);
      const backup = (db as unknown as { backup(file: string, cb: (err: Error | null) => void): SqliteBackup }).backup(target, (initErr) => {
        if (initErr) return db.close(() => reject(initErr));
        backup.step(-1, (stepErr) => backup.finish(() => db.close(() => (stepErr ? reject(stepErr) : resolve()))));
      });
    });
  });

const sqliteSnapshot = async (file: string, scratchDir: string, reposOn: RepositoriesOn): Promise<DatabaseSnapshot> => {
  const copy = path.join(scratchDir, `snapshot-${randomUUID()}.sqlite`);
  const remove = () => Promise.all(['', '-wal', '-shm', '-journal'].map((x) => rm(`${copy}${x}`, { force: true })));
  let s: Sequelize | undefined;
  try {
    await copySqlite(file, copy);
    s = connect({ dialect: 'sqlite', url: `sqlite:${copy}` });
    const migrations = await appliedMigrations(s);
    const opened = s;
    return {
      migrations,
      repos: reposOn(opened),
      tables: () => dumpTables(opened),
      async close() {
        await opened.close();
        await remove();
      },
    };
  } catch (e) {
    await s?.close().catch(() => undefined);
    await remove();
    throw mapDbError(e);
  }
};

/** One REPEATABLE READ transaction: every read in it sees the database as of its first read. */
const mysqlSnapshot = async (s: Sequelize, reposOn: RepositoriesOn): Promise<DatabaseSnapshot> => {
  const t = await s.transaction({ isolationLevel: Transaction.ISOLATION_LEVELS.REPEATABLE_READ });
  try {
    // The first consistent read fixes the snapshot; everything below reads as of this moment.
    const migrations = await appliedMigrations(s, t);
    return { migrations, repos: reposOn(s, t), tables: () => dumpTables(s, t), close: () => t.rollback() };
  } catch (e) {
    await t.rollback().catch(() => undefined);
    throw mapDbError(e);
  }
};

/** Snapshots of the configured database. */
export const sequelizeSnapshotter = (live: Sequelize, db: Config['database'], reposOn: RepositoriesOn): DatabaseSnapshotter => ({
  take: ({ scratchDir }) =>
    db.dialect === 'sqlite' ? sqliteSnapshot(db.url.replace(/^sqlite:(\/\/)?/, ''), scratchDir, reposOn) : mysqlSnapshot(live, reposOn),
});
