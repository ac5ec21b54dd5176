import { DataTypes, type QueryInterface } from 'sequelize';

const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
const date = (allowNull = true) => ({ type: DataTypes.DATE(3), allowNull });
const text = (allowNull = false) => ({ type: DataTypes.TEXT, allowNull });
const int = (allowNull = false) => ({ type: DataTypes.INTEGER, allowNull });

/**
 * Issue 4's correspondence: read grants outside the unit rule, gap-free counters, the incoming
 * register, dispositions, notifications, and outgoing letters with versions and reviews.
 */
export const up = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  // Who may read a document besides its unit's line (disposition recipients, reviewers, signer).
  await qi.createTable('document_readers', {
    document_id: { ...str(36), primaryKey: true },
    user_id: { ...str(36), primaryKey: true },
    reason: str(32),
    created_at: date(false),
  });
  await qi.addIndex('document_readers', ['user_id']);
  // Gap-free sequences (agenda numbers per unit and year, letter numbers): one row per scope,
  // incremented under a row lock inside the transaction that uses the number.
  await qi.createTable('counters', { scope: { ...str(100), primaryKey: true }, value: { type: DataTypes.BIGINT, allowNull: false } });

  await qi.createTable('incoming_letters', {
    id: { ...str(36), primaryKey: true },
    document_id: str(36),
    unit_code: str(32),
    agenda_year: int(),
    agenda_number: int(),
    letter_number: str(100),
    letter_date: str(10),
    sender: str(300),
    // SHA-256 of domain letterIdentity(sender, letter_number): the duplicate check's indexed key.
    number_key: str(64),
    subject: str(500),
    urgency: str(16),
    security_level: str(16),
    classification_code: str(32, true),
    received_at: date(false),
    status: str(16),
    registered_by: str(36),
    created_at: date(false),
    updated_at: date(false),
  });
  await qi.addIndex('incoming_letters', ['unit_code', 'agenda_year', 'agenda_number'], { unique: true });
  await qi.addIndex('incoming_letters', ['sender', 'letter_number']);
  await qi.addIndex('incoming_letters', ['number_key']);
  await qi.addIndex('incoming_letters', ['document_id']);
  await qi.addIndex('incoming_letters', ['received_at']);

  await qi.createTable('dispositions', {
    id: { ...str(36), primaryKey: true },
    letter_id: str(36),
    parent_id: str(36, true),
    from_user_id: str(36),
    to_user_id: str(36, true),
    to_unit_code: str(32, true),
    instruction: text(),
    actions: text(),
    due_at: date(),
    status: str(16),
    read_at: date(),
    completed_at: date(),
    completed_by: str(36, true),
    report: text(true),
    report_document_id: str(36, true),
    created_at: date(false),
  });
  await qi.addIndex('dispositions', ['letter_id']);
  await qi.addIndex('dispositions', ['to_user_id', 'status']);
  await qi.addIndex('dispositions', ['to_unit_code', 'status']);
  await qi.addIndex('dispositions', ['status', 'due_at']);

  // In-app notifications; (dedupe_key) makes each reminder exist once however often it is tried.
  await qi.createTable('notifications', {
    id: { ...str(36), primaryKey: true },
    user_id: str(36),
    kind: str(32),
    dedupe_key: str(200),
    subject_type: str(32),
    subject_id: str(36),
    message: text(),
    read_at: date(),
    email_state: str(16),
    created_at: date(false),
  });
  await qi.addIndex('notifications', ['dedupe_key'], { unique: true });
  await qi.addIndex('notifications', ['user_id', 'created_at']);
  // The email outbox: pending ones, oldest first.
  await qi.addIndex('notifications', ['email_state', 'created_at']);
  // Where reminders are mailed (none: in-app only).
  await qi.addColumn('users', 'email', str(254, true));

  await qi.createTable('outgoing_letters', {
    id: { ...str(36), primaryKey: true },
    subject: str(500),
    recipient: str(300),
    classification_code: str(32),
    security_level: str(16),
    unit_code: str(32),
    drafter_id: str(36),
    signer_id: str(36),
    status: str(16),
    version: int(),
    document_id: str(36),
    letter_number: str(100, true),
    signed_at: date(),
    signed_document_id: str(36, true),
    created_at: date(false),
    updated_at: date(false),
  });
  await qi.addIndex('outgoing_letters', ['signer_id', 'status']);
  await qi.addIndex('outgoing_letters', ['letter_number'], { unique: true });
  // Lists join the current document's visibility and sort newest first.
  await qi.addIndex('outgoing_letters', ['document_id']);
  await qi.addIndex('outgoing_letters', ['created_at']);
  await qi.createTable('outgoing_versions', {
    letter_id: { ...str(36), primaryKey: true },
    version: { ...int(), primaryKey: true },
    document_id: str(36),
    created_by: str(36),
    note: text(true),
    // JSON of what the drafter wrote when the system rendered this version (null: uploaded PDF).
    template: text(true),
    created_at: date(false),
  });
  await qi.createTable('outgoing_reviews', {
    letter_id: { ...str(36), primaryKey: true },
    version: { ...int(), primaryKey: true },
    position: { ...int(), primaryKey: true },
    reviewer_id: str(36),
    state: str(16),
    comment: text(true),
    decided_at: date(),
  });
  await qi.addIndex('outgoing_reviews', ['reviewer_id', 'state']);
};

export const down = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  for (const t of [
    'outgoing_reviews',
    'outgoing_versions',
    'outgoing_letters',
    'notifications',
    'dispositions',
    'incoming_letters',
    'counters',
    'document_readers',
  ])
    await qi.dropTable(t);
  await qi.removeColumn('users', 'email');
};
