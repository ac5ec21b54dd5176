import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * People and first login (issue 18). A user's NIP and jabatan print in the signer block and show
 * in the pickers. A password an admin set must be changed at first login. An admin asks for an
 * official's signing certificate (`certificate_requested_at`) and the official makes it by
 * choosing their own PIN. A forgotten password is reset through a one-use, expiring token sent by
 * email, of which only the SHA-256 is kept (one outstanding per user: a new request replaces it).
 */
export const up = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.addColumn('users', 'nip', { type: DataTypes.STRING(18), allowNull: true });
  await qi.addColumn('users', 'jabatan', { type: DataTypes.STRING(200), allowNull: true });
  await qi.addColumn('users', 'must_change_password', { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });
  await qi.addColumn('users', 'certificate_requested_at', { type: DataTypes.DATE(3), allowNull: true });
  await qi.addColumn('users', 'password_reset_hash', { type: DataTypes.STRING(64), allowNull: true });
  await qi.addColumn('users', 'password_reset_expires_at', { type: DataTypes.DATE(3), allowNull: true });
  await qi.addIndex('users', ['password_reset_hash'], { unique: true, name: 'users_password_reset_hash' });
};

export const down = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.removeIndex('users', 'users_password_reset_hash');
  for (const c of ['password_reset_expires_at', 'password_reset_hash', 'certificate_requested_at', 'must_change_password', 'jabatan', 'nip'])
    await qi.removeColumn('users', c);
};
