import sqlite3 from 'sqlite3';
import { AppError } from '../../../domain/errors.ts';

/** A bound parameter list for one statement. */
export type Params = ReadonlyArray<string | number | null>;

const MAX_CACHED = 256;

// SQLite's words for a file that is not (or no longer) a well-formed database: retrying cannot help.
const DAMAGED_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);

const sqliteCode = (err: unknown): string | undefined => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/**
 * Maps any failure of the engine to the one error the port promises. A damaged file says so and
 * names the cure, since only a rebuild brings it back (the detail reaches clients and the log).
 */
export const unavailable = (what: string, cause: unknown): AppError => {
  const code = sqliteCode(cause);
  if (code && DAMAGED_CODES.has(code)) {
    return new AppError('unavailable', `the search index is damaged (${code}); an administrator rebuilds it with \`npm run cli -- reindex\``, {
      backend: 'search',
      cause,
    });
  }
  return new AppError('unavailable', `search index ${what} failed`, { backend: 'search', cause });
};

/** Whether an error (as thrown by this module) means the index file itself is damaged. */
export const isDamaged = (err: unknown): boolean => {
  const code = sqliteCode(err instanceof AppError ? err.cause : err);
  return code !== undefined && DAMAGED_CODES.has(code);
};

/**
 * A promise face over one `sqlite3` connection. Statements are prepared once per SQL text and
 * reused: the search path runs the same few shapes over and over.
 */
export class SqliteConnection {
  private readonly statements = new Map<string, sqlite3.Statement>();

  private constructor(private readonly db: sqlite3.Database) {}

  /** Opens (creating if asked) a database file; errors become AppError `unavailable`. */
  static open(file: string, opts: { readOnly?: boolean } = {}): Promise<SqliteConnection> {
    const mode = opts.readOnly ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE;
    return new Promise((resolve, reject) => {
      const db = new sqlite3.Database(file, mode, (err) => {
        if (err) reject(unavailable('open', err));
        else resolve(new SqliteConnection(db));
      });
    });
  }

  /** Runs one or more statements without parameters (DDL, pragmas). */
  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.db.exec(sql, (err) => (err ? reject(unavailable('exec', err)) : resolve()));
    });
  }

  /** Runs a statement; resolves with the number of changed rows. */
  run(sql: string, params: Params = []): Promise<number> {
    const stmt = this.prepared(sql);
    return new Promise((resolve, reject) => {
      stmt.run(params, function (this: sqlite3.RunResult, err: Error | null) {
        if (err) reject(unavailable('write', err));
        else resolve(this.changes);
      });
    });
  }

  /** Every row of a query. */
  all<T>(sql: string, params: Params = []): Promise<T[]> {
    const stmt = this.prepared(sql);
    return new Promise((resolve, reject) => {
      stmt.all<T>(params, (err: Error | null, rows: T[]) => (err ? reject(unavailable('query', err)) : resolve(rows)));
    });
  }

  /** The first row of a query, or undefined. */
  async get<T>(sql: string, params: Params = []): Promise<T | undefined> {
    const rows = await this.all<T>(sql, params);
    return rows[0];
  }

  /** Finalizes every cached statement and closes the connection. */
  async close(): Promise<void> {
    await Promise.all([...this.statements.values()].map((s) => new Promise<void>((resolve) => s.finalize(() => resolve()))));
    this.statements.clear();
    await new Promise<void>((resolve, reject) => {
      this.db.close((err) => (err ? reject(unavailable('close', err)) : resolve()));
    });
  }

  private prepared(sql: string): sqlite3.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      // Query shapes are few (filters and tiers vary, values are always bound), but bound the
      // cache anyway so no input can grow it without limit.
      if (this.statements.size >= MAX_CACHED) this.evictOldest();
      // Preparation errors surface on the first run/all callback, so no callback here.
      stmt = this.db.prepare(sql);
      // A failed prepare would poison the cache; drop it so the next call reports afresh.
      stmt.on('error', () => this.statements.delete(sql));
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private evictOldest(): void {
    const [sql, stmt] = this.statements.entries().next().value as [string, sqlite3.Statement];
    this.statements.delete(sql);
    stmt.finalize();
  }
}
