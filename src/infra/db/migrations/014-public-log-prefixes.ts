import { DataTypes, QueryTypes, type QueryInterface } from 'sequelize';
import { lookupPrefix } from '../lookup-prefix.ts';

const COPY_BATCH = 2000;

/**
 * Issue 20, the append bar: the log's leaves and queue are found by a small number (see
 * lookupPrefix) instead of an index on their 64-character hashes. SQLite cannot drop a UNIQUE
 * constraint of a table, so both tables are rebuilt, every row carried forward with its prefixes
 * (ids kept: the queue's order stands). On SQLite the leaf position becomes the rowid itself, so
 * the table needs no separate index for it. `leaf_key` is no longer unique in either table: the
 * sequencer, which appends alone under the head row, drops a key already logged or repeated in
 * its batch. Checkpoints get an index on size (a verifier asks for one k witnesses cosigned).
 */
export const up = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  const s = qi.sequelize;
  const sqlite = s.getDialect() === 'sqlite';
  await qi.createTable('log_leaves_014', {
    leaf_index: { type: sqlite ? DataTypes.INTEGER : DataTypes.BIGINT, primaryKey: true },
    leaf_key: { type: DataTypes.STRING(64), allowNull: false },
    key_prefix: { type: DataTypes.BIGINT, allowNull: false },
    leaf_hash: { type: DataTypes.CHAR(64), allowNull: false },
    hash_prefix: { type: DataTypes.BIGINT, allowNull: false },
    leaf_text: { type: DataTypes.TEXT, allowNull: false },
    logged_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await copy(qi, 'log_leaves', 'log_leaves_014', 'leaf_index', ['leaf_index', 'leaf_key', 'leaf_hash', 'leaf_text', 'logged_at'], (r) => ({
    ...r,
    key_prefix: lookupPrefix(String(r.leaf_key)),
    hash_prefix: lookupPrefix(String(r.leaf_hash)),
  }));
  await qi.createTable('log_queue_014', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    leaf_key: { type: DataTypes.STRING(64), allowNull: false },
    key_prefix: { type: DataTypes.BIGINT, allowNull: false },
    leaf_text: { type: DataTypes.TEXT, allowNull: false },
    queued_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await copy(qi, 'log_queue', 'log_queue_014', 'id', ['id', 'leaf_key', 'leaf_text', 'queued_at'], (r) => ({
    ...r,
    key_prefix: lookupPrefix(String(r.leaf_key)),
  }));
  for (const t of ['log_leaves', 'log_queue']) {
    await qi.dropTable(t);
    await qi.renameTable(`${t}_014`, t);
  }
  await qi.addIndex('log_leaves', ['key_prefix'], { name: 'log_leaves_by_key' });
  await qi.addIndex('log_leaves', ['hash_prefix'], { name: 'log_leaves_by_hash' });
  await qi.addIndex('log_queue', ['key_prefix'], { name: 'log_queue_by_key' });
  await qi.addIndex('log_checkpoints', ['size'], { name: 'log_checkpoints_by_size' });
  // MySQL keeps counting queue ids from the largest copied; SQLite's AUTOINCREMENT does too (sqlite_sequence follows explicit ids).
};

/** Copies rows in key order, a batch at a time, adding what `extend` computes. */
const copy = async (
  qi: QueryInterface,
  from: string,
  to: string,
  key: string,
  cols: string[],
  extend: (r: Record<string, unknown>) => Record<string, unknown>,
) => {
  let after: unknown = null;
  for (;;) {
    const rows = await qi.sequelize.query<Record<string, unknown>>(
      `SELECT ${cols.join(', ')} FROM ${from}${after === null ? '' : ` WHERE ${key} > ?`} ORDER BY ${key} LIMIT ${COPY_BATCH}`,
      {
        type: QueryTypes.SELECT,
        replacements: after === null ? [] : [after],
      },
    );
    if (rows.length === 0) return;
    await qi.bulkInsert(to, rows.map(extend));
    after = rows[rows.length - 1]![key];
  }
};

/** Back to 011's shape: unique keys again (the sequencer never logged one twice) and the text index on leaf hashes. */
export const down = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.removeIndex('log_checkpoints', 'log_checkpoints_by_size');
  await qi.createTable('log_leaves_011', {
    leaf_index: { type: DataTypes.BIGINT, primaryKey: true },
    leaf_key: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    leaf_hash: { type: DataTypes.CHAR(64), allowNull: false },
    leaf_text: { type: DataTypes.TEXT, allowNull: false },
    logged_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await copy(qi, 'log_leaves', 'log_leaves_011', 'leaf_index', ['leaf_index', 'leaf_key', 'leaf_hash', 'leaf_text', 'logged_at'], (r) => r);
  // The queue may hold a key twice now: the older row stays.
  await qi.createTable('log_queue_011', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    leaf_key: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    leaf_text: { type: DataTypes.TEXT, allowNull: false },
    queued_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.sequelize.query(
    `INSERT INTO log_queue_011 (id, leaf_key, leaf_text, queued_at) SELECT id, leaf_key, leaf_text, queued_at FROM log_queue q WHERE id = (SELECT MIN(id) FROM log_queue d WHERE d.key_prefix = q.key_prefix AND d.leaf_key = q.leaf_key)`,
  );
  for (const t of ['log_leaves', 'log_queue']) {
    await qi.dropTable(t);
    await qi.renameTable(`${t}_011`, t);
  }
  await qi.addIndex('log_leaves', ['leaf_hash']);
};
