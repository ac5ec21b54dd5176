import { stat } from 'node:fs/promises';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { Config } from '../../../config/config.ts';
import type { DatabaseRestoreTarget, PortableColumn, TableDump } from '../../../ports/database-snapshot.ts';
import { connect } from '../connect.ts';
import { mapDbError } from '../db-errors.ts';
import { migrate, MIGRATION_NAMES, type SealingKeys } from '../migrate.ts';
import { fromPortable, tableShapes } from './portable-rows.ts';

/** Rows per INSERT, and a byte budget per INSERT so one stays well under MySQL's max_allowed_packet. */
const ROWS_PER_INSERT = 500;
const BYTES_PER_INSERT = 4 * 1024 * 1024;

const sqliteFile = (db: Config['database']): string | null => (db.dialect === 'sqlite' ? db.url.replace(/^sqlite:(\/\/)?/, '') : null);
const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

const countUsers = async (s: Sequelize): Promise<number> => {
  const tables = ((await s.getQueryInterface().showAllTables()) as unknown[]).map(String);
  if (!tables.includes('users')) return 0;
  const [row] = (await s.query('SELECT COUNT(*) AS n FROM users', { type: QueryTypes.SELECT })) as { n: number | string }[];
  return Number(row?.n ?? 0);
};

/** Loads one table's rows, replacing what a migration seeded (the classification scheme, the audit head). */
const loadTable = async (s: Sequelize, t: Transaction, dump: TableDump, target: Map<string, PortableColumn['kind']>): Promise<number> => {
  const qi = s.getQueryInterface();
  const missing = dump.columns.filter((c) => !target.has(c.name)).map((c) => c.name);
  if (missing.length) throw new Error(`table ${dump.name} of the backup has columns this database does not: ${missing.join(', ')}`);
  await s.query(`DELETE FROM ${qi.quoteIdentifier(dump.name)}`, { transaction: t });
  let rows = 0;
  let batch: Record<string, unknown>[] = [];
  let bytes = 0;
  const flush = async () => {
    if (batch.length) await qi.bulkInsert(dump.name, batch, { transaction: t });
    batch = [];
    bytes = 0;
  };
  for await (const chunk of dump.rows) {
    for (const values of chunk) {
      const record: Record<string, unknown> = {};
      dump.columns.forEach((c, i) => (record[c.name] = fromPortable(target.get(c.name)!, values[i] ?? null, s.getDialect())));
      batch.push(record);
      bytes += values.reduce<number>((n, v) => n + (typeof v === 'string' ? v.length * 3 : 8), 0);
      rows++;
      if (batch.length >= ROWS_PER_INSERT || bytes >= BYTES_PER_INSERT) await flush();
    }
  }
  await flush();
  return rows;
};

/**
 * The configured database as a restore target: empty means no user (a fresh file, a new MySQL
 * database, or one a server started on and that nobody used). The rows load in one transaction,
 * so a restore that stops half-way leaves a database with no users, which it may fill again.
 */
export const openRestoreTarget = (db: Config['database'], keys: SealingKeys = {}): DatabaseRestoreTarget => {
  let s: Sequelize | undefined;
  const open = () => (s ??= connect(db));
  return {
    knownMigrations: MIGRATION_NAMES,
    async whyNotEmpty() {
      const file = sqliteFile(db);
      // Opening a SQLite file that is not there would create it: look first.
      if (file && !(await exists(file))) return null;
      try {
        const users = await countUsers(open());
        return users > 0 ? `the database already has ${users} user(s): restore only into an empty database (a new DATA_DIR, or a new MySQL database)` : null;
      } catch (e) {
        throw mapDbError(e);
      }
    },
    async load(migrations, tables) {
      const seq = open();
      try {
        await seq.getQueryInterface().dropAllTables();
        await migrate(seq, migrations);
        const kinds = new Map((await tableShapes(seq)).map((t) => [t.name, new Map(t.columns.map((c) => [c.name, c.kind]))]));
        let count = 0;
        let rows = 0;
        await seq.transaction(async (t) => {
          for await (const dump of tables) {
            const target = kinds.get(dump.name);
            if (!target) throw new Error(`the backup has a table ${dump.name} that its schema version does not create`);
            rows += await loadTable(seq, t, dump, target);
            count++;
          }
        });
        // Rows from an older version are converted like a live database's (secrets sealed, ...).
        const migrated = await migrate(seq, undefined, keys);
        return { tables: count, rows, migrated };
      } catch (e) {
        throw mapDbError(e);
      }
    },
    async close() {
      await s?.close();
    },
  };
};
