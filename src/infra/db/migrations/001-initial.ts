import { DataTypes, type QueryInterface } from 'sequelize';
import { GENESIS_HASH } from '../../../domain/audit-chain.ts';

const ts = () => ({ type: DataTypes.DATE(3), allowNull: false });
const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });

/** Units, users, sessions, documents with per-page text, the job table, batches and the audit chain. */
export const up = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.createTable('units', { code: { ...str(32), primaryKey: true }, name: str(200), parent_code: str(32, true), created_at: ts() });
  await qi.createTable('users', {
    id: { ...str(36), primaryKey: true },
    username: { ...str(64), unique: true },
    password_hash: str(255),
    name: str(200),
    role: str(16),
    unit_code: str(32),
    clearance: str(16),
    disabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    created_at: ts(),
  });
  await qi.createTable('sessions', {
    token_hash: { ...str(64), primaryKey: true },
    user_id: str(36),
    expires_at: ts(),
    revoked_at: { type: DataTypes.DATE(3), allowNull: true },
    created_at: ts(),
  });
  await qi.addIndex('sessions', ['user_id']);
  await qi.createTable('documents', {
    id: { ...str(36), primaryKey: true },
    kind: str(16),
    title: str(500),
    status: str(16),
    error: { type: DataTypes.TEXT, allowNull: true },
    sha256: { ...str(64), unique: true },
    size: { type: DataTypes.BIGINT, allowNull: false },
    mime_type: str(64),
    storage_key: str(200),
    original_name: str(500, true),
    pages: { type: DataTypes.INTEGER, allowNull: true },
    text_source: str(16, true),
    classification_code: str(32, true),
    security_level: str(16),
    unit_code: str(32),
    document_date: str(10, true),
    tags: { type: DataTypes.TEXT, allowNull: false },
    letter_number: str(100, true),
    sender: str(300, true),
    created_by: str(36),
    batch_id: str(36, true),
    created_at: ts(),
    updated_at: ts(),
  });
  await qi.addIndex('documents', ['created_at']);
  await qi.addIndex('documents', ['status']);
  await qi.createTable('document_pages', {
    document_id: { ...str(36), primaryKey: true },
    page: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    // LONGTEXT on MySQL: a long scanned document's page text can pass TEXT's 64 KB.
    text: { type: qi.sequelize.getDialect() === 'sqlite' ? DataTypes.TEXT : DataTypes.TEXT('long'), allowNull: false },
    confidence: { type: DataTypes.FLOAT, allowNull: true },
    source: str(16),
  });
  await qi.createTable('jobs', {
    id: { ...str(36), primaryKey: true },
    type: str(64),
    payload: { type: DataTypes.TEXT, allowNull: false },
    state: str(16),
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    max_attempts: { type: DataTypes.INTEGER, allowNull: false },
    run_at: ts(),
    lease_owner: str(64, true),
    lease_until: { type: DataTypes.DATE(3), allowNull: true },
    last_error: { type: DataTypes.TEXT, allowNull: true },
    created_at: ts(),
    updated_at: ts(),
  });
  await qi.addIndex('jobs', ['state', 'run_at']);
  await qi.createTable('batches', {
    id: { ...str(36), primaryKey: true },
    created_by: str(36),
    defaults: { type: DataTypes.TEXT, allowNull: false },
    created_at: ts(),
  });
  await qi.createTable('batch_items', {
    batch_id: { ...str(36), primaryKey: true },
    seq: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    filename: str(500),
    status: str(16),
    inbox_key: str(200, true),
    document_id: str(36, true),
    error: { type: DataTypes.TEXT, allowNull: true },
  });
  await qi.createTable('audit_log', {
    seq: { type: DataTypes.BIGINT, allowNull: false, primaryKey: true },
    at: ts(),
    actor_id: str(36, true),
    action: str(64),
    target_type: str(32),
    target_id: str(64, true),
    details: { type: DataTypes.TEXT, allowNull: false },
    prev_hash: str(64),
    hash: str(64),
  });
  await qi.addIndex('audit_log', ['target_id']);
  await qi.addIndex('audit_log', ['actor_id']);
  // One row that every append locks: the chain head. It makes appends strictly ordered on MySQL.
  await qi.createTable('audit_head', { id: { type: DataTypes.INTEGER, primaryKey: true }, seq: { type: DataTypes.BIGINT, allowNull: false }, hash: str(64) });
  await qi.bulkInsert('audit_head', [{ id: 1, seq: 0, hash: GENESIS_HASH }]);
};

export const down = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  for (const t of ['audit_head', 'audit_log', 'batch_items', 'batches', 'jobs', 'document_pages', 'documents', 'sessions', 'users', 'units'])
    await qi.dropTable(t);
};
