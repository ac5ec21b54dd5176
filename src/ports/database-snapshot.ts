import type { Repositories } from './repositories.ts';

/**
 * A column as a backup keeps it: its name and the portable kind of its values, so rows read from
 * SQLite load into MySQL and back. Dates travel as ISO 8601 strings, booleans as true/false.
 */
export interface PortableColumn {
  name: string;
  kind: 'string' | 'integer' | 'number' | 'boolean' | 'date';
}

export type PortableValue = string | number | boolean | null;

/** One table's rows, in primary-key order, a chunk at a time. */
export interface TableDump {
  name: string;
  columns: PortableColumn[];
  rows: AsyncIterable<PortableValue[][]>;
}

/**
 * A consistent, read-only view of the whole database at one moment (SQLite: a copy made with
 * its online backup API; MySQL: one REPEATABLE READ transaction), while the office keeps working.
 */
export interface DatabaseSnapshot {
  /** The migrations applied in it: the schema version. */
  readonly migrations: string[];
  /** Repositories reading the snapshot; never write through them. */
  readonly repos: Repositories;
  /** Every table except the migration log, in name order. */
  tables(): AsyncIterable<TableDump>;
  /** Releases it (ends the transaction, removes the copy). */
  close(): Promise<void>;
}

/** Takes snapshots of the office's database. */
export interface DatabaseSnapshotter {
  /** `scratchDir` may hold a temporary copy (SQLite). */
  take(o: { scratchDir: string }): Promise<DatabaseSnapshot>;
}

/** The database a restore fills, before the office runs on it. */
export interface DatabaseRestoreTarget {
  /** The migrations this code knows, in order. */
  readonly knownMigrations: readonly string[];
  /** Why the database may not be restored into (it has users), or null when it is empty. Writes nothing. */
  whyNotEmpty(): Promise<string | null>;
  /**
   * Empties it, builds the schema of `migrations`, loads every table in one transaction (rows
   * replace what the migrations seeded), then applies the migrations the backup did not have.
   */
  load(migrations: readonly string[], tables: AsyncIterable<TableDump>): Promise<{ tables: number; rows: number; migrated: string[] }>;
  close(): Promise<void>;
}
