import path from 'node:path';
import sqlite3 from 'sqlite3';
import type { TestApp } from './test-app.ts';

/** A statement straight on the app's SQLite file, as someone with a copy of the database (or an older version) would. */
export const appSql = async <T = Record<string, unknown>>(app: TestApp, query: string, params: unknown[] = []): Promise<T[]> => {
  const db = new sqlite3.Database(path.join(app.dataDir, 'naskah.sqlite'));
  try {
    db.configure('busyTimeout', 5_000);
    return await new Promise<T[]>((resolve, reject) => db.all(query, params, (e, rows) => (e ? reject(e) : resolve(rows as T[]))));
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
};
