import sqlite3 from 'sqlite3';

/**
 * sqlite3 with every connection configured before Sequelize uses it. Sequelize opens one
 * connection per transaction and has no connect hook for SQLite, so the busy timeout (writers
 * queue instead of failing with SQLITE_BUSY), WAL and full fsync on commit are set here.
 */
class ConfiguredDatabase extends sqlite3.Database {
  constructor(file: string, mode?: number, callback?: (err: Error | null) => void) {
    super(file, mode ?? sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE, (err) => {
      if (err) return callback?.(err);
      this.configure('busyTimeout', 15_000);
      this.exec('PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;', (e) => callback?.(e));
    });
  }
}

export const sqliteDriver = { ...sqlite3, Database: ConfiguredDatabase };
