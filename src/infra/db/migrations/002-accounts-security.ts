import { DataTypes, type QueryInterface } from 'sequelize';

const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
const date = (allowNull = true) => ({ type: DataTypes.DATE(3), allowNull });

/**
 * Issue 3's security model: several roles per user (kept comma-separated in `role`), TOTP
 * second factor with one-time recovery codes, session purposes, login back-off counters and
 * audit checkpoints.
 */
export const up = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  // SQLite ignores VARCHAR lengths, and its changeColumn rebuilds the table: only MySQL needs it.
  if (qi.sequelize.getDialect() === 'mysql') await qi.changeColumn('users', 'role', str(100));
  await qi.addColumn('users', 'totp_secret', str(64, true));
  await qi.addColumn('users', 'totp_enabled_at', date());
  await qi.addColumn('users', 'totp_last_step', { type: DataTypes.BIGINT, allowNull: true });
  await qi.addColumn('sessions', 'purpose', { ...str(16), defaultValue: 'full' });
  await qi.createTable('recovery_codes', {
    user_id: { ...str(36), primaryKey: true },
    code_hash: { ...str(64), primaryKey: true },
    used_at: date(),
  });
  await qi.createTable('login_throttle', {
    key: { ...str(128), primaryKey: true },
    failures: { type: DataTypes.INTEGER, allowNull: false },
    locked_until: date(),
    updated_at: date(false),
  });
  await qi.createTable('audit_checkpoints', {
    seq: { type: DataTypes.BIGINT, allowNull: false, primaryKey: true },
    hash: str(64),
    at: date(false),
  });
};

export const down = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  for (const t of ['audit_checkpoints', 'login_throttle', 'recovery_codes']) await qi.dropTable(t);
  await qi.removeColumn('sessions', 'purpose');
  for (const c of ['totp_last_step', 'totp_enabled_at', 'totp_secret']) await qi.removeColumn('users', c);
};
