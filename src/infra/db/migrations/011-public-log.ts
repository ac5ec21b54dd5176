import { DataTypes, type QueryInterface } from 'sequelize';

const HASH = () => ({ type: DataTypes.CHAR(64), allowNull: false });

/**
 * Issue 20: the public log of issued letters and minutes. Hashes are hex text (backups carry no
 * binary columns). `log_queue` is the outbox a signing writes in its own transaction;
 * `log_leaves` and `log_nodes` (every complete subtree, so a proof at a million leaves reads a
 * few dozen rows by key) only grow; `log_head` is one row, the lock sequencers take turns on.
 */
export const up = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.createTable('log_queue', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    leaf_key: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    leaf_text: { type: DataTypes.TEXT, allowNull: false },
    queued_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.createTable('log_leaves', {
    leaf_index: { type: DataTypes.BIGINT, primaryKey: true },
    leaf_key: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    leaf_hash: HASH(),
    leaf_text: { type: DataTypes.TEXT, allowNull: false },
    logged_at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.addIndex('log_leaves', ['leaf_hash']);
  await qi.createTable('log_nodes', {
    level: { type: DataTypes.INTEGER, primaryKey: true },
    node_index: { type: DataTypes.BIGINT, primaryKey: true },
    hash: HASH(),
  });
  await qi.createTable('log_head', {
    id: { type: DataTypes.INTEGER, primaryKey: true },
    size: { type: DataTypes.BIGINT, allowNull: false },
    root: HASH(),
    frontier: { type: DataTypes.TEXT, allowNull: false },
  });
  await qi.bulkInsert('log_head', [{ id: 1, size: 0, root: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', frontier: '' }]);
  await qi.createTable('log_checkpoints', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    size: { type: DataTypes.BIGINT, allowNull: false },
    root: HASH(),
    note: { type: DataTypes.TEXT, allowNull: false },
    at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.createTable('log_cosignatures', {
    witness: { type: DataTypes.STRING(255), primaryKey: true },
    size: { type: DataTypes.BIGINT, primaryKey: true },
    root: HASH(),
    line: { type: DataTypes.TEXT, allowNull: false },
    at: { type: DataTypes.DATE(3), allowNull: false },
  });
  await qi.createTable('log_witness_views', {
    origin: { type: DataTypes.STRING(255), primaryKey: true },
    size: { type: DataTypes.BIGINT, allowNull: false },
    root: HASH(),
    note: { type: DataTypes.TEXT, allowNull: false },
    at: { type: DataTypes.DATE(3), allowNull: false },
  });
};

export const down = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  for (const t of ['log_witness_views', 'log_cosignatures', 'log_checkpoints', 'log_head', 'log_nodes', 'log_leaves', 'log_queue']) await qi.dropTable(t);
};
