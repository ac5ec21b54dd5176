import { DataTypes, type QueryInterface } from 'sequelize';

const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
const date = (allowNull = true) => ({ type: DataTypes.DATE(3), allowNull });
const text = (allowNull = false) => ({ type: DataTypes.TEXT, allowNull });
const int = (allowNull = false) => ({ type: DataTypes.INTEGER, allowNull });

/**
 * Issue 11's records lifecycle (and issue 16's document versions): every document carries its retention (the date it counts from,
 * the dates its schedule gives, its phase), legal holds on sets of records, disposals with their
 * items and crash-safe execution, transfers of permanent records, fixity runs, the office seal
 * that signs minutes, and schedules that several processes share (a periodic task runs once per
 * period, whichever process claims it). Existing rows get their retention from the first pass.
 */
export const up = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  const docCols: [string, ReturnType<typeof str> | ReturnType<typeof date>][] = [
    ['record_date', str(10, true)],
    ['retention_phase', str(16, true)],
    ['active_until', str(10, true)],
    ['inactive_until', str(10, true)],
    ['final_disposition', str(16, true)],
    ['legacy_code', str(64, true)],
    ['disposal_id', str(36, true)],
    ['disposed_at', date()],
    ['transfer_id', str(36, true)],
    ['transferred_at', date()],
  ];
  for (const [name, spec] of docCols) await qi.addColumn('documents', name, spec);
  // The description's version (ETag): an edit names the version it read, so of two at once one wins (412 for the other).
  await qi.addColumn('documents', 'version', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 });
  await qi.addIndex('documents', ['retention_phase', 'active_until']);
  await qi.addIndex('documents', ['retention_phase', 'inactive_until']);
  await qi.addIndex('documents', ['retention_phase', 'final_disposition', 'unit_code']);
  await qi.addIndex('documents', ['classification_code', 'record_date']);

  await qi.createTable('holds', {
    id: { ...str(36), primaryKey: true },
    name: str(200),
    reason: text(),
    created_by: str(36),
    created_at: date(false),
    released_at: date(),
    released_by: str(36, true),
    release_reason: text(true),
  });
  await qi.createTable('hold_items', { hold_id: { ...str(36), primaryKey: true }, document_id: { ...str(36), primaryKey: true } });
  await qi.addIndex('hold_items', ['document_id']);

  await qi.createTable('disposals', {
    id: { ...str(36), primaryKey: true },
    status: str(16),
    reason: text(),
    unit_code: str(64),
    items: int(),
    proposed_by: str(36),
    proposed_at: date(false),
    decided_by: str(36, true),
    decided_at: date(),
    decision_note: text(true),
    executed_by: str(36, true),
    executed_at: date(),
    minutes_document_id: str(36, true),
    minutes_number: str(100, true),
    updated_at: date(false),
  });
  await qi.addIndex('disposals', ['status', 'updated_at']);
  await qi.createTable('disposal_items', {
    disposal_id: { ...str(36), primaryKey: true },
    document_id: { ...str(36), primaryKey: true },
    // pending → destroyed, or skipped (a hold arrived after approval: nothing held is destroyed)
    state: str(16),
    done_at: date(),
  });
  await qi.addIndex('disposal_items', ['document_id']);

  await qi.createTable('transfers', {
    id: { ...str(36), primaryKey: true },
    status: str(16),
    unit_code: str(64),
    recipient: str(300),
    items: int(),
    created_by: str(36),
    created_at: date(false),
    confirmed_by: str(36, true),
    confirmed_at: date(),
    minutes_document_id: str(36, true),
    minutes_number: str(100, true),
    updated_at: date(false),
  });
  await qi.addIndex('transfers', ['status', 'updated_at']);
  await qi.createTable('transfer_items', { transfer_id: { ...str(36), primaryKey: true }, document_id: { ...str(36), primaryKey: true } });
  await qi.addIndex('transfer_items', ['document_id']);

  await qi.createTable('fixity_runs', {
    id: { ...str(36), primaryKey: true },
    trigger: str(16),
    status: str(16),
    started_at: date(false),
    finished_at: date(),
    // The last document id checked: a run goes on from here after a pause or a restart.
    cursor: str(36, true),
    total: int(),
    checked: int(),
    ok: int(),
    checked_bytes: { type: DataTypes.BIGINT, allowNull: false },
    mismatched: text(),
    missing: text(),
  });
  await qi.addIndex('fixity_runs', ['started_at']);

  await qi.createTable('schedules', {
    name: { ...str(64), primaryKey: true },
    next_at: date(false),
    last_at: date(),
  });

  // The office seal: a certificate the office CA issues to the office itself, whose key is
  // locked under the installation's CA secret; it signs minutes (berita acara).
  await qi.createTable('office_seals', {
    serial: { ...str(64), primaryKey: true },
    certificate: text(),
    chain: text(),
    locked_key: text(),
    common_name: str(300),
    not_after: date(false),
    created_at: date(false),
  });
  // Issue 16: account changes that reach above the requesting admin's own clearance wait for a second admin cleared for them.
  await qi.createTable('access_requests', {
    id: { ...str(36), primaryKey: true },
    user_id: str(36),
    // What would change, as the use case records it (never a password in the clear: its hash).
    changes: text(),
    // The clearance the approver needs: the higher of the user's and the one requested.
    level: str(16),
    status: str(16),
    requested_by: str(36),
    requested_at: date(false),
    decided_by: str(36, true),
    decided_at: date(),
  });
  await qi.addIndex('access_requests', ['status', 'requested_at']);
  await qi.addColumn('signed_letters', 'subject_type', { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'outgoing' });
};

export const down = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.removeColumn('signed_letters', 'subject_type');
  for (const t of [
    'access_requests',
    'office_seals',
    'schedules',
    'fixity_runs',
    'transfer_items',
    'transfers',
    'disposal_items',
    'disposals',
    'hold_items',
    'holds',
  ])
    await qi.dropTable(t);
  await qi.removeIndex('documents', ['classification_code', 'record_date']);
  await qi.removeIndex('documents', ['retention_phase', 'final_disposition', 'unit_code']);
  await qi.removeIndex('documents', ['retention_phase', 'inactive_until']);
  await qi.removeIndex('documents', ['retention_phase', 'active_until']);
  await qi.removeColumn('documents', 'version');
  for (const c of [
    'transferred_at',
    'transfer_id',
    'disposed_at',
    'disposal_id',
    'legacy_code',
    'final_disposition',
    'inactive_until',
    'active_until',
    'retention_phase',
    'record_date',
  ]) {
    await qi.removeColumn('documents', c);
  }
};
