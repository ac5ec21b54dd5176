import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { PortableColumn, PortableValue, TableDump } from '../../../ports/database-snapshot.ts';
import { toDate } from '../repositories/row.ts';

/** The table umzug records applied migrations in: the schema version, not data. */
export const MIGRATIONS_TABLE = 'schema_migrations';
const CHUNK = 500;

/** A table as the backup reads it: its columns (in table order) and its primary key. */
export interface TableShape {
  name: string;
  columns: PortableColumn[];
  primaryKey: string[];
}

/**
 * The portable kind of a column from its SQL type as SQLite or MySQL describe it (`TINYINT(1)` is
 * how both keep Sequelize's BOOLEAN, `DATETIME(3)` its DATE(3)).
 */
export const portableKind = (sqlType: string): PortableColumn['kind'] => {
  const t = sqlType.toUpperCase();
  if (/^(TINYINT\(1\)|BOOLEAN|BOOL)\b/.test(t)) return 'boolean';
  if (/DATETIME|TIMESTAMP/.test(t)) return 'date';
  if (/INT/.test(t)) return 'integer';
  if (/FLOAT|REAL|DOUBLE|DECIMAL|NUMERIC/.test(t)) return 'number';
  if (/BLOB|BINARY/.test(t)) throw new Error(`cannot back up a column of type ${sqlType}: no binary columns are expected`);
  return 'string';
};

/** A driver's value as the backup writes it: dates as ISO 8601 (SQLite returns text, MySQL a Date), booleans as true/false. */
export const toPortable = (kind: PortableColumn['kind'], v: unknown): PortableValue => {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'date':
      return toDate(v instanceof Date ? v : String(v)).toISOString();
    case 'boolean':
      return Boolean(Number(v));
    case 'integer':
    case 'number':
      return typeof v === 'number' ? v : Number(v);
    default:
      return Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
  }
};

/**
 * A portable value as the target's driver takes it. Sequelize writes a bare Date in SQLite's
 * format with milliseconds, but in MySQL's without them (the audit chain hashes them), so MySQL
 * gets the UTC text itself (the connection's time zone is +00:00).
 */
export const fromPortable = (kind: PortableColumn['kind'], v: PortableValue, dialect: string): unknown => {
  if (v === null || kind !== 'date') return v;
  return dialect === 'mysql' ? new Date(String(v)).toISOString().replace('T', ' ').replace('Z', '') : new Date(String(v));
};

/** Every data table (not the migration log), with columns and primary key, in name order. */
export const tableShapes = async (s: Sequelize): Promise<TableShape[]> => {
  const qi = s.getQueryInterface();
  const names = ((await qi.showAllTables()) as unknown[]).map((t) => (typeof t === 'string' ? t : String((t as { tableName: string }).tableName)));
  const shapes: TableShape[] = [];
  for (const name of names.filter((n) => n !== MIGRATIONS_TABLE).sort()) {
    const described = await qi.describeTable(name);
    const entries = Object.entries(described);
    shapes.push({
      name,
      columns: entries.map(([c, d]) => ({ name: c, kind: portableKind(d.type) })),
      primaryKey: entries.filter(([, d]) => d.primaryKey).map(([c]) => c),
    });
  }
  return shapes;
};

/**
 * A table's rows in primary-key order, a chunk at a time, each chunk starting after the last key
 * seen (keyset paging: no OFFSET, so a million audit entries read in linear time).
 */
export async function* readRows(s: Sequelize, shape: TableShape, transaction?: Transaction): AsyncGenerator<PortableValue[][]> {
  const q = (id: string) => s.getQueryInterface().quoteIdentifier(id);
  const cols = shape.columns.map((c) => q(c.name)).join(', ');
  const order = shape.primaryKey.map(q).join(', ');
  let last: unknown[] | null = null;
  for (;;) {
    // (a > ?) OR (a = ? AND b > ?) ...: the expanded row comparison both dialects plan on the key.
    const after = last
      ? shape.primaryKey.map((k, i) => `(${[...shape.primaryKey.slice(0, i).map((p) => `${q(p)} = ?`), `${q(k)} > ?`].join(' AND ')})`).join(' OR ')
      : null;
    const replacements = last ? shape.primaryKey.flatMap((_, i) => [...last!.slice(0, i), last![i]]) : [];
    const limit = shape.primaryKey.length ? ` ORDER BY ${order} LIMIT ${CHUNK}` : '';
    const rows = (await s.query(`SELECT ${cols} FROM ${q(shape.name)}${after ? ` WHERE ${after}` : ''}${limit}`, {
      type: QueryTypes.SELECT,
      replacements,
      transaction,
      raw: true,
    })) as Record<string, unknown>[];
    if (rows.length) yield rows.map((r) => shape.columns.map((c) => toPortable(c.kind, r[c.name])));
    // A table without a primary key is read whole in one query (none is expected to be large).
    if (rows.length < CHUNK || !shape.primaryKey.length) return;
    const tail = rows[rows.length - 1]!;
    last = shape.primaryKey.map((k) => tail[k]);
  }
}

/** Every data table as a dump, read through `transaction` when given. */
export async function* dumpTables(s: Sequelize, transaction?: Transaction): AsyncGenerator<TableDump> {
  for (const shape of await tableShapes(s)) yield { name: shape.name, columns: shape.columns, rows: readRows(s, shape, transaction) };
}
